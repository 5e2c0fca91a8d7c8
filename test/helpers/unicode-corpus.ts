/**
 * Every string field of the spec, given one character of a Unicode class, rendered by the
 * built library (dist/index.js) for each datasource, and every file loaded as cloud-init loads
 * it (PyYAML's safe_load, cloud-init's util.load_yaml, Python's json) in one Python process. A field either reads back
 * exactly as given, or the spec is refused naming that field.
 */
import { join } from 'node:path';
import type { DatasourceName } from '../../src/input/types.js';
import { builtLibrary } from './cli.js';
import { runTool } from './tools.js';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMFcLQa5LtljAU6hzHLRucNvrq2+nO1ZUSgbxus8oGZO';

/** One field: where the spec takes it, and the exact string (value or key) cloud-init must read back. */
interface Field {
  readonly path: string;
  readonly datasources?: readonly DatasourceName[];
  /** The string placed in the spec for a sample text. */
  readonly wrap: (text: string) => string;
  readonly put: (spec: SpecDraft, value: string) => void;
}

interface SpecDraft {
  hostname: string;
  datasource: DatasourceName;
  users: Array<Record<string, unknown>>;
  runcmd: Array<string | string[]>;
  bootcmd: string[];
  write_files: Array<Record<string, string>>;
  user_data: { cloud_config: Record<string, unknown> };
  vendor_data: Record<string, unknown>;
  meta?: Record<string, string>;
  files?: Array<Record<string, string>>;
}

const CONFIG_DRIVES: readonly DatasourceName[] = ['configdrive', 'ovirt'];
const same = (text: string): string => text;

export const FIELDS: readonly Field[] = [
  { path: 'users[0].gecos', wrap: same, put: (spec, value) => void Object.assign(spec.users[0]!, { gecos: value }) },
  { path: 'users[0].sudo', wrap: same, put: (spec, value) => void Object.assign(spec.users[0]!, { sudo: value }) },
  { path: 'users[0].shell', wrap: (text) => `/bin/${text}`, put: (spec, value) => void Object.assign(spec.users[0]!, { shell: value }) },
  { path: 'users[0].homedir', wrap: (text) => `/home/${text}`, put: (spec, value) => void Object.assign(spec.users[0]!, { homedir: value }) },
  {
    path: 'users[0].ssh_authorized_keys[0]',
    wrap: (text) => `${KEY} ${text}`,
    put: (spec, value) => void Object.assign(spec.users[0]!, { ssh_authorized_keys: [value] }),
  },
  { path: 'runcmd[0]', wrap: (text) => `echo ${text}`, put: (spec, value) => void spec.runcmd.push(value) },
  { path: 'runcmd[1][1]', wrap: same, put: (spec, value) => void spec.runcmd.push(['echo', value]) },
  { path: 'bootcmd[0]', wrap: (text) => `echo ${text}`, put: (spec, value) => void spec.bootcmd.push(value) },
  { path: 'write_files[0].path', wrap: (text) => `/etc/${text}`, put: (spec, value) => void Object.assign(spec.write_files[0]!, { path: value }) },
  { path: 'write_files[1].content', wrap: same, put: (spec, value) => void Object.assign(spec.write_files[1]!, { content: value }) },
  { path: 'user_data.cloud_config', wrap: (text) => `key ${text}`, put: (spec, value) => void Object.assign(spec.user_data.cloud_config, { [value]: 1 }) },
  { path: 'user_data.cloud_config.x_value', wrap: same, put: (spec, value) => void Object.assign(spec.user_data.cloud_config, { x_value: [value] }) },
  { path: 'vendor_data', wrap: (text) => `vendor ${text}`, put: (spec, value) => void Object.assign(spec.vendor_data, { [value]: true }) },
  { path: 'vendor_data.x_value', wrap: same, put: (spec, value) => void Object.assign(spec.vendor_data, { x_value: { nested: value } }) },
  { path: 'meta', datasources: CONFIG_DRIVES, wrap: (text) => `meta ${text}`, put: (spec, value) => void Object.assign(spec.meta!, { [value]: 'v' }) },
  { path: 'meta.x_value', datasources: CONFIG_DRIVES, wrap: same, put: (spec, value) => void Object.assign(spec.meta!, { x_value: value }) },
  {
    path: 'files[0].path',
    datasources: ['configdrive'],
    wrap: (text) => `/srv/${text}`,
    put: (spec, value) => void Object.assign(spec.files![0]!, { path: value }),
  },
];

export const DATASOURCES: readonly DatasourceName[] = ['nocloud', 'configdrive', 'ovirt'];

function draft(datasource: DatasourceName): SpecDraft {
  return {
    hostname: 'uni',
    datasource,
    users: [{ name: 'uni' }],
    runcmd: [],
    bootcmd: [],
    write_files: [{ path: '/etc/placeholder' }, { path: '/etc/second', content: '' }],
    user_data: { cloud_config: {} },
    vendor_data: {},
    ...(CONFIG_DRIVES.includes(datasource) ? { meta: {} } : {}),
    ...(datasource === 'configdrive' ? { files: [{ path: '/srv/placeholder', content: 'x' }] } : {}),
  };
}

export interface CorpusCase {
  readonly id: string;
  readonly codePoint: number;
  readonly datasource: DatasourceName;
  /** Field path -> the string the loaded documents must hold. */
  readonly expected: ReadonlyMap<string, string>;
  /** Fields the library refused, each named by an issue. */
  readonly refused: readonly string[];
  readonly files: ReadonlyMap<string, Uint8Array>;
}

/** The spec text for one code point: the character at the start, in the middle and at the end. */
export function textFor(char: string): string {
  return `${char}a${char}b${char}`;
}

/**
 * Renders one datasource's seed with `char` in every field; a field the library refuses (an
 * issue whose path starts with the field's) is left out and the rest rendered again.
 */
export async function renderCase(codePoint: number, char: string, datasource: DatasourceName): Promise<CorpusCase> {
  const fields = FIELDS.filter((field) => field.datasources === undefined || field.datasources.includes(datasource));
  const { renderSeed, SpecError } = await builtLibrary();
  const refused: string[] = [];
  for (;;) {
    const spec = draft(datasource);
    const expected = new Map<string, string>();
    for (const field of fields.filter((item) => !refused.includes(item.path))) {
      const value = field.wrap(textFor(char));
      field.put(spec, value);
      expected.set(field.path, value);
    }
    try {
      const { files } = await renderSeed(spec, { epoch: 0 });
      return { id: `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')} ${datasource}`, codePoint, datasource, expected, refused, files };
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      const named = fields.filter((field) => !refused.includes(field.path) && error.issues.some((issue) => namesField(issue.path, field.path)));
      if (named.length === 0) throw new Error(`U+${codePoint.toString(16)} ${datasource}: refused, naming no field it was put in: ${error.message}`);
      refused.push(...named.map((field) => field.path));
    }
  }
}

/** The issue is about the field itself or something inside it (`users[0].gecos`, `meta["a b"]`). */
function namesField(issuePath: string, fieldPath: string): boolean {
  return issuePath === fieldPath || issuePath.startsWith(`${fieldPath}.`) || issuePath.startsWith(`${fieldPath}[`);
}

export interface LoadedFile {
  readonly case: string;
  readonly path: string;
  readonly value?: unknown;
  readonly error?: string;
}

/** Every file of every case through load-documents.py, in one process. */
export function loadAll(cases: readonly CorpusCase[]): LoadedFile[] {
  const input = cases
    .map((item) => JSON.stringify({ case: item.id, files: Object.fromEntries([...item.files].map(([path, bytes]) => [path, Buffer.from(bytes).toString('base64')])) }))
    .join('\n');
  const { stdout } = runTool('/usr/bin/python3', [join(import.meta.dirname, 'load-documents.py')], { input });
  return stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as LoadedFile);
}

/** Every string and mapping key in a loaded document. */
export function stringsIn(value: unknown, into = new Set<string>()): Set<string> {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') into.add(next);
    else if (Array.isArray(next)) pending.push(...next);
    else if (next !== null && typeof next === 'object') {
      for (const [key, item] of Object.entries(next)) {
        into.add(key);
        pending.push(item);
      }
    }
  }
  return into;
}

/** What went wrong with one case: files that did not load, fields that did not read back. */
export function findProblems(cases: readonly CorpusCase[], loaded: readonly LoadedFile[]): string[] {
  const problems: string[] = [];
  for (const item of cases) {
    const files = loaded.filter((file) => file.case === item.id);
    for (const file of files) if (file.error !== undefined) problems.push(`${item.id} ${file.path}: ${file.error}`);
    const strings = new Set<string>();
    for (const file of files) stringsIn(file.value, strings);
    for (const [path, text] of item.expected) {
      if (!strings.has(text)) problems.push(`${item.id} ${path}: ${JSON.stringify(text)} is not in any loaded document`);
    }
  }
  return problems;
}
