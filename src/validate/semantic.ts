/**
 * Checks beyond the schema's shape: the meaning of values. Every check returns issues instead of
 * throwing, so the user sees every problem in one run.
 */
import type { Issue } from '../errors.js';
import { parseCloudInitVersion } from '../model/defaults.js';
import { checkNetworkForConfigDrive, checkNetworkForEni, checkNetworkForV1, checkNetworkForV2 } from '../model/network/capabilities.js';
import { parseIpAddress } from '../model/network/ip.js';
import { chooseNetworkConfigVersion } from '../model/network/network-config-version.js';
import { normalizeNetwork } from '../model/network/normalize.js';
import type { Spec } from '../spec/types.js';
import { checkCloudConfigSecrets } from './cloud-config-secrets.js';
import { checkFiles } from './files.js';
import { checkIdentity } from './identity.js';
import { checkTimezone } from './timezone.js';
import { checkUsers } from './users.js';

function checkNetwork(spec: Spec): Issue[] {
  if (spec.network === undefined) return [];
  const { network, issues } = normalizeNetwork(spec.network);
  if (issues.length > 0) return [...issues];
  // What the datasource's renderings can express: checked now, before any work is done.
  switch (spec.datasource ?? 'nocloud') {
    case 'nocloud':
      return chooseNetworkConfigVersion(spec.network_config_version, network) === 1
        ? checkNetworkForV1(network)
        : checkNetworkForV2(network, parseCloudInitVersion(spec.cloud_init_version));
    case 'configdrive':
      return checkNetworkForConfigDrive(network);
    case 'ovirt':
      return [...checkNetworkForConfigDrive(network), ...checkNetworkForEni(network)];
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

export function checkSemantics(spec: Spec): Issue[] {
  return [...checkIdentity(spec), ...checkUsers(spec), ...checkCloudConfigSecrets(spec), ...checkFiles(spec), ...checkLocalization(spec), ...checkNetwork(spec), ...checkServe(spec)];
}
