/**
 * A NoCloud seed's files read as DataSourceNoCloud reads them: meta-data (YAML), user-data,
 * optional network-config (netplan v2 or v1, or ENI text in meta-data `network-interfaces`).
 */
import type { FileTree } from '../common/file-tree.js';
import { parseYamlMapping } from './documents.js';
import { summarizeNetworkConfig } from './network-config.js';
import { summarizeEni } from './network-openstack.js';
import type { NetworkSummary, SeedContent, SeedWarning } from './report-types.js';
import { readCloudConfigs } from './user-data.js';
import { summarizeUsers } from './users.js';

const REQUIRED_FILES = ['meta-data', 'user-data'];
const NETWORK_CONFIG = 'network-config';

function scalarText(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** meta-data `public-keys`: one key, a list, or a mapping of names to a key or a list. */
function listPublicKeys(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(listPublicKeys);
  return value === undefined || value === null ? [] : [value];
}

/** A `network:` wrapper around network-config is stripped by cloud-init 22.2 and later only. */
function readNetworkConfig(bytes: Uint8Array, warnings: SeedWarning[]): NetworkSummary | undefined {
  const parsed = parseYamlMapping(new TextDecoder().decode(bytes), NETWORK_CONFIG);
  if (parsed.warning) warnings.push(parsed.warning);
  let config = parsed.value;
  const wrapped = config?.['network'];
  if (config && typeof wrapped === 'object' && wrapped !== null && !Array.isArray(wrapped)) {
    warnings.push({
      code: 'network-wrapper',
      file: NETWORK_CONFIG,
      message: `${NETWORK_CONFIG} has a top-level 'network:' key: cloud-init 22.2 and later strip it, older releases ignore the configuration`,
    });
    config = wrapped as Record<string, unknown>;
  }
  return config && summarizeNetworkConfig(config, NETWORK_CONFIG);
}

export function readNoCloudContent(tree: FileTree): SeedContent {
  const warnings: SeedWarning[] = REQUIRED_FILES.filter((file) => !tree.has(file)).map((file) => ({
    code: 'missing-file',
    file,
    message: `${file} is missing: cloud-init's NoCloud needs both meta-data and user-data (either may be empty)`,
  }));
  const metaBytes = tree.get('meta-data');
  const parsedMeta = metaBytes ? parseYamlMapping(new TextDecoder().decode(metaBytes), 'meta-data') : { value: {} };
  if (parsedMeta.warning) warnings.push(parsedMeta.warning);
  const meta = parsedMeta.value ?? {};
  const instanceId = scalarText(meta['instance-id']);
  if (metaBytes && parsedMeta.value && instanceId === undefined) {
    warnings.push({
      code: 'missing-instance-id',
      file: 'meta-data',
      message: "meta-data has no instance-id: cloud-init uses 'nocloud', so a changed seed never counts as a new instance",
    });
  }
  const userData = tree.get('user-data');
  const cloudConfigs = userData ? readCloudConfigs(userData, 'user-data') : { configs: [], warnings: [] };
  warnings.push(...cloudConfigs.warnings);
  const networkBytes = tree.get(NETWORK_CONFIG);
  const eni = typeof meta['network-interfaces'] === 'string' ? meta['network-interfaces'] : undefined;
  const network = networkBytes
    ? readNetworkConfig(networkBytes, warnings)
    : eni === undefined
      ? undefined
      : summarizeEni(eni, 'meta-data');
  const hostname = cloudConfigs.configs.map((config) => scalarText(config['hostname'])).filter(Boolean).at(-1) ??
    scalarText(meta['local-hostname']) ?? scalarText(meta['hostname']);
  return {
    ...(instanceId === undefined ? {} : { instanceId }),
    ...(hostname === undefined ? {} : { hostname }),
    users: summarizeUsers(cloudConfigs.configs, listPublicKeys(meta['public-keys'])),
    ...(network === undefined ? {} : { network }),
    warnings,
  };
}
