/**
 * The NoCloud file tree cloud-localds makes from its arguments, with each file checked first:
 * user-data, network-config and vendor-data are written exactly as given (scripts written for
 * cloud-localds expect their files in the seed byte for byte); without a meta-data file, the
 * meta-data is generated as cloud-localds generates it (a JSON object with the fixed instance-id
 * `iid-local01`, the host name and dsmode). Pure: the caller reads the files.
 */
import { SpecError, type Issue } from '../errors.js';
import { detectPartType, readCloudConfigPart } from '../model/cloud-config-parts.js';
import { parseSpecText } from '../input/load.js';
import { checkHostname } from '../common/names.js';
import { type FileTree, fileTree } from '../common/file-tree.js';

/** cloud-localds's fixed instance-id for generated meta-data. */
export const LOCALDS_INSTANCE_ID = 'iid-local01';

/** The dsmodes cloud-init's NoCloud accepts. */
const DSMODES = ['local', 'net', 'disabled', 'pass'];

export interface LocaldsInput {
  readonly userData: Uint8Array;
  readonly metaData?: Uint8Array;
  readonly networkConfig?: Uint8Array;
  readonly vendorData?: Uint8Array;
  readonly hostname?: string;
  /** An ENI (/etc/network/interfaces) file's text, for meta-data `network-interfaces`. */
  readonly interfaces?: string;
  readonly dsmode?: string;
}

export interface LocaldsTree {
  readonly files: FileTree;
  readonly issues: readonly Issue[];
  readonly warnings: readonly string[];
}

const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** YAML (or JSON) text as cloud-init would load it, or an issue under `field`. */
function parseYaml(bytes: Uint8Array, field: string, issues: Issue[]): unknown {
  try {
    return parseSpecText(decode(bytes), field);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    issues.push(...error.issues.map((issue) => ({ path: field, message: issue.message })));
    return undefined;
  }
}

/** A #cloud-config user-data or vendor-data must parse to a mapping; other types go through as given. */
function checkUserData(bytes: Uint8Array, field: string, issues: Issue[]): void {
  if (bytes.length === 0) return;
  if (detectPartType(bytes) !== 'text/cloud-config') return;
  const part = readCloudConfigPart(bytes, field);
  if ('problem' in part) issues.push({ path: field, message: part.problem });
}

function checkNetworkConfig(bytes: Uint8Array, issues: Issue[]): void {
  const data = parseYaml(bytes, '-N/--network-config', issues);
  if (data === undefined) return;
  const config = isMapping(data) && isMapping(data['network']) ? data['network'] : data;
  if (!isMapping(config) || (config['version'] !== 1 && config['version'] !== 2)) {
    issues.push({ path: '-N/--network-config', message: 'must be a network-config mapping with version: 1 or version: 2' });
  }
}

/** meta-data as cloud-localds writes it when none is given: one "key": "value" line each. */
function generatedMetaData(input: LocaldsInput): string {
  const pairs: [string, string | undefined][] = [
    ['instance-id', LOCALDS_INSTANCE_ID],
    ['local-hostname', input.hostname],
    // cloud-localds names this key `interfaces`, which cloud-init never reads; NoCloud reads `network-interfaces`.
    // Without trailing newlines, as cloud-localds's shell substitution reads the file.
    ['network-interfaces', input.interfaces?.replace(/\n+$/, '')],
    ['dsmode', input.dsmode],
  ];
  const lines = pairs.filter(([, value]) => value !== undefined && value !== '').map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

export function localdsTree(input: LocaldsInput): LocaldsTree {
  const issues: Issue[] = [];
  const warnings: string[] = [];
  checkUserData(input.userData, 'USER_DATA', issues);
  if (input.vendorData) checkUserData(input.vendorData, '-V/--vendor-data', issues);
  if (input.networkConfig) checkNetworkConfig(input.networkConfig, issues);
  if (input.hostname !== undefined) {
    const problem = checkHostname(input.hostname);
    if (problem) issues.push({ path: '-H/--hostname', message: problem });
  }
  if (input.dsmode !== undefined && !DSMODES.includes(input.dsmode)) {
    issues.push({ path: '-m/--dsmode', message: `must be one of ${DSMODES.join(', ')} (got '${input.dsmode}')` });
  }
  let metaData: Uint8Array | string;
  if (input.metaData) {
    if (input.hostname !== undefined || input.interfaces !== undefined || input.dsmode !== undefined) {
      issues.push({ path: 'META_DATA', message: 'a meta-data file cannot be combined with --interfaces, --hostname or --dsmode (put them in the file)' });
    }
    const data = parseYaml(input.metaData, 'META_DATA', issues);
    if (data !== undefined && !isMapping(data)) issues.push({ path: 'META_DATA', message: 'must be a mapping of keys to values (instance-id: ...)' });
    else if (isMapping(data) && data['instance-id'] === undefined) warnings.push('the meta-data file has no instance-id: cloud-init then uses its own fixed default');
    metaData = input.metaData;
  } else {
    metaData = generatedMetaData(input);
    warnings.push(
      `instance-id is ${LOCALDS_INSTANCE_ID}, as cloud-localds writes it: cloud-init ignores a new seed with an id it has seen, so pass a meta-data file with a new instance-id to change a VM that already booted`,
    );
  }
  const entries: [string, Uint8Array | string][] = [
    ['user-data', input.userData],
    ['meta-data', metaData],
  ];
  if (input.networkConfig) entries.push(['network-config', input.networkConfig]);
  if (input.vendorData) entries.push(['vendor-data', input.vendorData]);
  return { files: fileTree(entries), issues, warnings };
}
