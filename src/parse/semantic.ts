/**
 * Checks beyond the schema's shape: the meaning of values. Every check returns issues instead of
 * throwing, so the user sees every problem in one run.
 */
import { DEFAULT_DATASOURCE } from '../common/choices.js';
import type { Issue } from '../errors.js';
import { parseCloudInitVersion } from '../model/defaults.js';
import { checkNetworkForConfigDrive, checkNetworkForEni, checkNetworkForV1, checkNetworkForV2 } from '../model/network/capabilities.js';
import { parseIpAddress } from '../model/network/ip.js';
import type { NormalizedNetwork } from './network/normalize.js';
import { chooseNetworkConfigVersion } from './network/network-config-version.js';
import type { Spec } from '../input/types.js';
import { checkCloudConfigSecrets } from './cloud-config-secrets.js';
import { checkEncodableText } from './encodable-text.js';
import { checkFiles } from './files.js';
import { checkIdentity } from './identity.js';
import { checkMetaData } from './meta-data.js';
import { checkTimezone } from './timezone.js';
import { checkUsers } from './users.js';

/** The network's own issues, or else what the datasource's renderings cannot express of it. */
function checkNetwork(spec: Spec, normalized: NormalizedNetwork | undefined): Issue[] {
  if (normalized === undefined) return [];
  const { network, issues } = normalized;
  if (issues.length > 0) return [...issues];
  switch (spec.datasource ?? DEFAULT_DATASOURCE) {
    case 'nocloud':
      return chooseNetworkConfigVersion(spec.network_config_version, network) === 1
        ? checkNetworkForV1(network)
        : checkNetworkForV2(network, parseCloudInitVersion(spec.cloud_init_version));
    case 'configdrive':
      return checkNetworkForConfigDrive(network);
    case 'ovirt':
      return [...checkNetworkForConfigDrive(network), ...checkNetworkForEni(network)];
    default:
      // A datasource with no rule of its own here gets the checks every network has (normalize's).
      return [];
  }
}

function checkLocalization(spec: Spec): Issue[] {
  const problem = spec.timezone === undefined ? undefined : checkTimezone(spec.timezone);
  return problem === undefined ? [] : [{ path: 'timezone', message: problem }];
}

/** `serve.ip` is compared with request source addresses: it must be one plain IPv4 or IPv6 address. */
function checkServe(spec: Spec): Issue[] {
  const ip = spec.serve?.ip;
  if (ip === undefined) return [];
  const parsed = parseIpAddress(ip);
  return parsed.ok ? [] : [{ path: 'serve.ip', message: parsed.message }];
}

/** `network` is the spec's network as normalizeNetwork returned it, once per spec. */
export function checkSemantics(spec: Spec, network: NormalizedNetwork | undefined): Issue[] {
  return [
    ...checkEncodableText(spec),
    ...checkIdentity(spec),
    ...checkUsers(spec),
    ...checkCloudConfigSecrets(spec),
    ...checkFiles(spec),
    ...checkLocalization(spec),
    ...checkNetwork(spec, network),
    ...checkServe(spec),
    ...checkMetaData(spec),
  ];
}
