/**
 * A config drive's files (OpenStack config-2, oVirt Run Once) read as cloud-init's
 * helpers/openstack.py reads them: the newest version folder it knows, else `latest`;
 * meta_data.json (uuid is the instance-id), user_data, network_data.json, or the ENI text
 * oVirt writes in `network-interfaces` / the content file `network_config` points to.
 */
import type { FileTree } from '../common/file-tree.js';
import { isMapping, parseJsonFile } from './documents.js';
import { summarizeEni, summarizeNetworkData } from './network-openstack.js';
import type { NetworkSummary, SeedContent, SeedWarning } from './report-types.js';
import { readCloudConfigs } from './user-data.js';
import { summarizeUsers } from './users.js';

/** helpers/openstack.py OS_VERSIONS (cloud-init 22.4): the dated folders cloud-init reads. */
const KNOWN_VERSIONS = ['2012-08-10', '2013-04-04', '2013-10-17', '2015-10-15', '2016-06-30', '2016-10-06', '2017-02-22', '2018-08-27'];
const LATEST = 'latest';
const ROOT = 'openstack';

function text(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** The folder cloud-init reads: the newest known dated one with a meta_data.json, else latest. */
function chooseVersion(tree: FileTree): string | undefined {
  const known = [...KNOWN_VERSIONS].reverse().find((version) => tree.has(`${ROOT}/${version}/meta_data.json`));
  return known ?? (tree.has(`${ROOT}/${LATEST}/meta_data.json`) ? LATEST : undefined);
}

/** Nova writes `public_keys` as {name: key}; oVirt as a list; `keys` repeats them with types. */
function listPublicKeys(meta: Record<string, unknown>): unknown[] {
  const keys = meta['public_keys'];
  if (Array.isArray(keys)) return keys;
  if (isMapping(keys)) return Object.values(keys);
  return Array.isArray(meta['keys']) ? meta['keys'].filter(isMapping).map((key) => key['data']) : [];
}

/** Every JSON file of the drive must load, or cloud-init rejects the drive; the parsed ones by path. */
function parseJsonFiles(tree: FileTree, warnings: SeedWarning[]): Map<string, unknown> {
  const parsed = new Map<string, unknown>();
  for (const [path, bytes] of tree) {
    if (!path.startsWith(`${ROOT}/`) || !path.endsWith('.json')) continue;
    const result = parseJsonFile(bytes, path);
    if (result.warning) warnings.push(result.warning);
    else parsed.set(path, result.value);
  }
  return parsed;
}

function readNetwork(tree: FileTree, folder: string, json: Map<string, unknown>, meta: Record<string, unknown>): NetworkSummary | undefined {
  const networkData = json.get(`${folder}/network_data.json`);
  if (isMapping(networkData)) return summarizeNetworkData(networkData, `${folder}/network_data.json`);
  const eni = meta['network-interfaces'];
  if (typeof eni === 'string') return summarizeEni(eni, `${folder}/meta_data.json`);
  const contentPath = isMapping(meta['network_config']) ? text(meta['network_config']['content_path']) : undefined;
  const content = contentPath === undefined ? undefined : tree.get(`${ROOT}/${contentPath.replace(/^\/+/, '')}`);
  return content && summarizeEni(new TextDecoder().decode(content), `${ROOT}/${contentPath?.replace(/^\/+/, '')}`);
}

export function readConfigDriveContent(tree: FileTree): SeedContent {
  const warnings: SeedWarning[] = [];
  const json = parseJsonFiles(tree, warnings);
  const version = chooseVersion(tree);
  if (version === undefined) {
    warnings.push({ code: 'missing-file', file: `${ROOT}/latest/meta_data.json`, message: 'no openstack/<version>/meta_data.json: this is not a config drive cloud-init can read' });
    return { users: [], warnings };
  }
  if (!tree.has(`${ROOT}/${LATEST}/meta_data.json`)) {
    warnings.push({ code: 'missing-file', file: `${ROOT}/latest/meta_data.json`, message: 'no openstack/latest/meta_data.json: cloudbase-init (Windows) reads only latest' });
  }
  const folder = `${ROOT}/${version}`;
  const metaFile = `${folder}/meta_data.json`;
  const meta = json.get(metaFile);
  const metaMap = isMapping(meta) ? meta : {};
  const instanceId = text(metaMap['uuid']);
  if (json.has(metaFile) && instanceId === undefined) {
    warnings.push({ code: 'missing-uuid', file: metaFile, message: `${metaFile} has no uuid: cloud-init takes the instance-id from it` });
  }
  const userData = tree.get(`${folder}/user_data`);
  const cloudConfigs = userData ? readCloudConfigs(userData, `${folder}/user_data`) : { configs: [], warnings: [] };
  warnings.push(...cloudConfigs.warnings);
  const hostname = cloudConfigs.configs.map((config) => text(config['hostname'])).filter(Boolean).at(-1) ??
    text(metaMap['hostname']) ?? text(metaMap['name']);
  const network = readNetwork(tree, folder, json, metaMap);
  return {
    ...(instanceId === undefined ? {} : { instanceId }),
    ...(hostname === undefined ? {} : { hostname }),
    users: summarizeUsers(cloudConfigs.configs, listPublicKeys(metaMap)),
    ...(network === undefined ? {} : { network }),
    warnings,
  };
}
