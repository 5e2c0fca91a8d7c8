/**
 * One spec file a server answers for: read lazily, re-read when it or a file it refers to changes
 * on disk, refused (500 for its VM only, logged) when it or a `source:` it names leads outside the
 * spec folder, before anything outside is read.
 */
import { readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, resolve, sep } from 'node:path';
import { formatIssues, SpecError } from '../errors.js';
import { renderSeed, type RenderedSeed } from '../seed.js';
import { parseSpecText } from '../input/load.js';
import { canonicalIp, canonicalMac } from './address.js';

/** The two renderings a server answers from: NoCloud files, and the config drive's OpenStack tree. */
export type SeedView = 'nocloud' | 'configdrive';

/** One VM as the router sees it. */
export interface ServedVm {
  /** The spec file's name without its extension: the NoCloud path segment. */
  readonly name: string;
  /** The spec's `serve.uuid`, lower case, when it has one. */
  readonly uuid: string | undefined;
  /**
   * The rendered seed; rejects when the spec cannot be read, is invalid, or reaches outside the
   * folder. Rendered once per version of the spec: the catalog's lookups notice changes.
   */
  seed(view: SeedView): Promise<RenderedSeed>;
}


export interface Mapping {
  readonly ip?: string;
  readonly mac?: string;
  readonly uuid?: string;
}

export interface Entry extends ServedVm {
  readonly file: string;
  stamp: string;
  mapping: Mapping;
  refresh(): void;
}

/** Identity and change time of a file, or of its absence: equal stamps mean "not changed". */
export function stampOf(path: string): string {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch {
    return 'missing';
  }
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
}

/** True when `path` lies inside `folder` (both already real, absolute paths). */
export function isInside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

export function realOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/**
 * The files a spec refers to, read from the raw (not yet validated) document: the containment
 * check must run before validation, which already reads them. Shapes that are wrong are skipped
 * here; validation names them afterwards.
 */
export function referencedFiles(raw: unknown): string[] {
  const files: string[] = [];
  const record = (value: unknown): Record<string, unknown> | undefined =>
    value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  const fromList = (list: unknown, read: (item: unknown) => unknown): void => {
    if (!Array.isArray(list)) return;
    for (const item of list) {
      const file = read(item);
      if (typeof file === 'string') files.push(file);
    }
  };
  const spec = record(raw);
  if (spec === undefined) return files;
  fromList(spec['write_files'], (item) => record(item)?.['source']);
  fromList(spec['files'], (item) => record(item)?.['source']);
  fromList(record(spec['user_data'])?.['parts'], (item) => (typeof item === 'string' ? item : record(item)?.['source']));
  return files;
}

/** The `serve:` mapping of a raw spec, each address in its canonical form; wrong values are left out. */
function mappingOf(raw: unknown): Mapping {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const serve = (raw as Record<string, unknown>)['serve'];
  if (serve === null || typeof serve !== 'object' || Array.isArray(serve)) return {};
  const { ip, mac, uuid } = serve as Record<string, unknown>;
  return {
    ip: typeof ip === 'string' ? canonicalIp(ip) : undefined,
    mac: typeof mac === 'string' ? canonicalMac(mac) : undefined,
    uuid: typeof uuid === 'string' ? uuid.toLowerCase() : undefined,
  };
}

function describe(error: unknown): string {
  if (error instanceof SpecError) return formatIssues(error.issues).replaceAll('\n', '; ');
  return error instanceof Error ? error.message : String(error);
}

/** One spec file: read lazily, re-read when it or a file it refers to changes. */
/** How an entry's seeds are rendered. */
export interface EntryOptions {
  readonly allowPlaceholders?: boolean;
}

export function createEntry(name: string, file: string, folder: string, onError: (name: string, message: string) => void, options: EntryOptions = {}): Entry {
  let raw: unknown;
  let failure: Error | undefined;
  let sources: string[] = [];
  let seeds = new Map<SeedView, Promise<RenderedSeed>>();

  const currentStamp = (): string => [file, ...sources].map(stampOf).join('|');

  const fail = (message: string): void => {
    failure = new Error(message);
    onError(name, message);
  };

  const load = (): void => {
    failure = undefined;
    raw = undefined;
    sources = [];
    seeds = new Map();
    entry.mapping = {};
    const real = realOrUndefined(file);
    if (real === undefined) {
      fail(`cannot read spec ${basename(file)}`);
      return;
    }
    if (!isInside(real, folder)) {
      fail(`spec ${basename(file)} leads outside the spec folder; not read`);
      return;
    }
    try {
      // Read once per change of the file, synchronously: specs are small.
      raw = readSpec(real);
    } catch (error) {
      fail(describe(error));
      return;
    }
    entry.mapping = mappingOf(raw);
    const baseDir = dirname(file);
    for (const reference of referencedFiles(raw)) {
      const full = isAbsolute(reference) ? reference : resolve(baseDir, reference);
      const realSource = realOrUndefined(full);
      // A missing file is left to validation, which names the field; only escapes are refused here.
      if (realSource !== undefined && !isInside(realSource, folder)) {
        fail(`${reference}: refers to a file outside the spec folder; not read`);
        return;
      }
      sources.push(full);
    }
  };

  const entry: Entry = {
    name,
    file,
    stamp: '',
    mapping: {},
    get uuid() {
      return entry.mapping.uuid;
    },
    refresh() {
      const stamp = currentStamp();
      if (stamp === entry.stamp) return;
      load();
      // The stamp after loading covers the referenced files found by this load.
      entry.stamp = currentStamp();
    },
    seed(view) {
      // The lookup that found this entry refreshed it: one stat per file and request is enough.
      if (failure !== undefined) return Promise.reject(failure);
      let pending = seeds.get(view);
      if (pending === undefined) {
        const forStamp = entry.stamp;
        pending = renderSeed(raw, { datasource: view, baseDir: dirname(file), allowPlaceholders: options.allowPlaceholders });
        pending.catch((error: unknown) => {
          if (entry.stamp === forStamp) onError(name, `${view}: ${describe(error)}`);
        });
        seeds.set(view, pending);
      }
      return pending;
    },
  };
  return entry;
}

/** Specs are short; the same cap as every other command applies (src/input/load.ts). */
const MAX_SPEC_BYTES = 4 * 1024 * 1024;

/** Reads and parses a spec with the shared parser, so YAML 1.1 rules are the same as in every command. */
function readSpec(path: string): unknown {
  const bytes = readFileSync(path);
  if (bytes.length > MAX_SPEC_BYTES) throw new Error(`spec ${basename(path)} is ${bytes.length} bytes; specs are limited to ${MAX_SPEC_BYTES}`);
  return parseSpecText(new TextDecoder('utf-8').decode(bytes), basename(path));
}

