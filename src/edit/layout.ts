/**
 * Where each datasource keeps the documents an edit changes, and how they are written:
 * - NoCloud: `meta-data` (YAML: `instance-id`, `local-hostname`), `user-data`, `network-config`;
 * - config drive and oVirt: `openstack/<version>/` with `meta_data.json` (`uuid`, `hostname`),
 *   `user_data` and `network_data.json`. cloud-init reads the newest version folder it knows and
 *   cloudbase-init reads `latest`, so every version folder gets the same change.
 */
import { SpecError } from '../errors.js';
import { isMapping, parseJsonFile, parseYamlMapping } from '../read/documents.js';
import { toStableJson } from '../render/openstack/json.js';
import { toYaml11 } from '../render/yaml11.js';
import type { DatasourceName } from '../input/types.js';

type Mapping = Record<string, unknown>;

/** One folder of documents: a NoCloud root, or one `openstack/<version>/`. */
export interface DocumentSet {
  readonly metaData: string;
  readonly userData: string;
  readonly network: string;
}

export interface SeedLayout {
  readonly instanceIdKey: string;
  readonly hostnameKey: string;
  /** The folders of documents the tree holds (a missing NoCloud meta-data is created). */
  documentSets(paths: readonly string[]): DocumentSet[];
  parseMeta(bytes: Uint8Array | undefined, file: string): Mapping;
  writeMeta(meta: Mapping): string;
}

const NOCLOUD: SeedLayout = {
  instanceIdKey: 'instance-id',
  hostnameKey: 'local-hostname',
  documentSets: () => [{ metaData: 'meta-data', userData: 'user-data', network: 'network-config' }],
  parseMeta(bytes, file) {
    if (bytes === undefined) return {};
    const parsed = parseYamlMapping(new TextDecoder().decode(bytes), file);
    if (parsed.value === undefined) throw new SpecError([{ path: file, message: parsed.warning?.message ?? 'is not a mapping' }]);
    return parsed.value;
  },
  writeMeta: (meta) => toYaml11(meta),
};

const VERSION_META = /^openstack\/([^/]+)\/meta_data\.json$/;

const CONFIG_DRIVE: SeedLayout = {
  instanceIdKey: 'uuid',
  hostnameKey: 'hostname',
  documentSets: (paths) =>
    paths
      .map((path) => VERSION_META.exec(path)?.[1])
      .filter((version): version is string => version !== undefined)
      .map((version) => ({
        metaData: `openstack/${version}/meta_data.json`,
        userData: `openstack/${version}/user_data`,
        network: `openstack/${version}/network_data.json`,
      })),
  parseMeta(bytes, file) {
    const parsed = bytes === undefined ? { value: {} } : parseJsonFile(bytes, file);
    if (!isMapping(parsed.value)) throw new SpecError([{ path: file, message: parsed.warning?.message ?? 'is not a JSON object' }]);
    return parsed.value;
  },
  writeMeta: (meta) => toStableJson(meta),
};

/** How each datasource's seed is edited; one without an entry cannot be edited (edit says so). */
export const LAYOUTS: Partial<Record<DatasourceName, SeedLayout>> = { nocloud: NOCLOUD, configdrive: CONFIG_DRIVE, ovirt: CONFIG_DRIVE };
