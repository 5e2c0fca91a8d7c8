/**
 * The specs a server answers for, read from one spec file or one folder of specs, and kept fresh:
 * a spec (or a file it refers to) that changes on disk is re-read on the next request for it, and
 * files added to or removed from the folder are noticed by the folder's own change time.
 *
 * Safety: no path taken from a request ever reaches the file system. VMs are found by name in an
 * in-memory listing of the folder; a spec that is a symlink leading out of the folder, or that
 * refers (`source:`) to a file outside it, is refused (500 for that VM, logged) before anything
 * outside is read. A broken spec only ever affects its own VM.
 */
import { readdirSync, readFileSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, resolve, sep } from 'node:path';
import { formatIssues, SpecError } from '../errors.js';
import { renderSeed, type RenderedSeed } from '../seed.js';
import { parseSpecText } from '../spec/load.js';
import { canonicalIp, canonicalMac, parseArpTable } from './address.js';

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

/** Where VMs come from; the file-system catalog below, or an in-memory one in tests. */
export interface VmCatalog {
  /** The VM when the server was started on a single spec file (every request is for it). */
  only(): ServedVm | undefined;
  /** The VM a NoCloud path segment names: a spec name, or a `serve.uuid`. */
  byName(segment: string): ServedVm | undefined;
  /** The VM whose `serve.ip` is the address, or whose `serve.mac` the neighbour table gives for it. */
  bySource(address: string): ServedVm | undefined;
  /** Every VM name, sorted (for the CLI's own use, never sent to a client). */
  names(): string[];
}

export interface FileCatalogOptions {
  /** Called once per failure of a spec version (not per request: cloud-init retries ten times). */
  readonly onError?: (name: string, message: string) => void;
  /** IP -> MAC of the host's neighbours. Default: /proc/net/arp, read when a spec maps a MAC. */
  readonly neighbours?: () => ReadonlyMap<string, string>;
  /** How old the address index may get before every spec is checked again. Default: 1000 ms. */
  readonly rescanMs?: number;
  readonly now?: () => number;
}

const SPEC_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
/** A spec name usable as one URL path segment with no escaping. */
const VM_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
/** Names the OpenStack and EC2 paths use at the top level; a VM so named could not be reached. */
export function isReservedName(name: string): boolean {
  return name === 'openstack' || name === 'latest' || /^\d{4}-\d{2}-\d{2}$/.test(name);
}

interface Mapping {
  readonly ip?: string;
  readonly mac?: string;
  readonly uuid?: string;
}

interface Entry extends ServedVm {
  readonly file: string;
  stamp: string;
  mapping: Mapping;
  refresh(): void;
}

/** Identity and change time of a file, or of its absence: equal stamps mean "not changed". */
function stampOf(path: string): string {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch {
    return 'missing';
  }
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
}

/** True when `path` lies inside `folder` (both already real, absolute paths). */
function isInside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

function realOrUndefined(path: string): string | undefined {
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
function createEntry(name: string, file: string, folder: string, onError: (name: string, message: string) => void): Entry {
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
        pending = renderSeed(raw, { datasource: view, baseDir: dirname(file) });
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

/** Specs are short; the same cap as every other command applies (src/spec/load.ts). */
const MAX_SPEC_BYTES = 4 * 1024 * 1024;

/** Reads and parses a spec with the shared parser, so YAML 1.1 rules are the same as in every command. */
function readSpec(path: string): unknown {
  const bytes = readFileSync(path);
  if (bytes.length > MAX_SPEC_BYTES) throw new Error(`spec ${basename(path)} is ${bytes.length} bytes; specs are limited to ${MAX_SPEC_BYTES}`);
  return parseSpecText(new TextDecoder('utf-8').decode(bytes), basename(path));
}

/** Reads the ARP table each call; only asked when some spec maps a MAC. */
function readNeighbours(): ReadonlyMap<string, string> {
  try {
    return parseArpTable(readFileSync('/proc/net/arp', 'utf8'));
  } catch {
    return new Map();
  }
}

/**
 * A catalog over a spec file or a folder of specs (`*.yaml`, `*.yml`, `*.json`, not recursive).
 *
 * @throws {SpecError} when `source` is neither a readable file nor a folder.
 */
export function openFileCatalog(source: string, options: FileCatalogOptions = {}): VmCatalog {
  const onError = options.onError ?? (() => {});
  const rescanMs = options.rescanMs ?? 1000;
  const now = options.now ?? Date.now;
  const neighbours = options.neighbours ?? readNeighbours;
  const absolute = resolve(source);
  let stats: Stats;
  try {
    stats = statSync(absolute);
  } catch {
    throw new SpecError([{ path: '', message: `cannot read ${source}: no such file or folder` }]);
  }

  if (!stats.isDirectory()) {
    const folder = realpathSync(dirname(absolute));
    const name = basename(absolute, extname(absolute));
    const entry = createEntry(name, absolute, folder, onError);
    return {
      only: () => {
        entry.refresh();
        return entry;
      },
      byName: (segment) => {
        if (segment === name) return entry;
        entry.refresh();
        return entry.uuid === segment.toLowerCase() ? entry : undefined;
      },
      bySource: (address) => {
        entry.refresh();
        return matchesSource(entry.mapping, address, neighbours) ? entry : undefined;
      },
      names: () => [name],
    };
  }

  const folder = realpathSync(absolute);
  let folderStamp = '';
  let entries = new Map<string, Entry>();
  let scannedAt = -Infinity;
  let byIp = new Map<string, Entry>();
  let byMac = new Map<string, Entry>();
  let byUuid = new Map<string, Entry>();

  /** Re-lists the folder when its own change time moved (a file was added, removed or renamed). */
  const relist = (): void => {
    const stamp = stampOf(absolute);
    if (stamp === folderStamp) return;
    folderStamp = stamp;
    const seen = new Map<string, string[]>();
    let dirents: Dirent[];
    try {
      dirents = readdirSync(absolute, { withFileTypes: true });
    } catch {
      dirents = [];
    }
    for (const dirent of dirents) {
      const extension = extname(dirent.name);
      if (!SPEC_EXTENSIONS.has(extension) || !(dirent.isFile() || dirent.isSymbolicLink())) continue;
      const name = dirent.name.slice(0, -extension.length);
      if (!VM_NAME.test(name) || isReservedName(name)) continue;
      seen.set(name, [...(seen.get(name) ?? []), dirent.name]);
    }
    const next = new Map<string, Entry>();
    for (const [name, files] of seen) {
      const file = join(absolute, files.sort()[0]!);
      const kept = entries.get(name);
      const entry = kept !== undefined && kept.file === file ? kept : createEntry(name, file, folder, onError);
      if (files.length > 1 && kept === undefined) onError(name, `several specs are named ${name} (${files.join(', ')}); serving ${files[0]}`);
      next.set(name, entry);
    }
    entries = next;
    scannedAt = -Infinity;
  };

  /** Re-checks every spec's mapping at most once per rescan interval. */
  const reindex = (): void => {
    relist();
    if (now() - scannedAt < rescanMs) return;
    scannedAt = now();
    byIp = new Map();
    byMac = new Map();
    byUuid = new Map();
    for (const entry of entries.values()) {
      entry.refresh();
      const { ip, mac, uuid } = entry.mapping;
      if (ip !== undefined) byIp.set(ip, entry);
      if (mac !== undefined) byMac.set(mac, entry);
      if (uuid !== undefined) byUuid.set(uuid, entry);
    }
  };

  return {
    only: () => undefined,
    byName(segment) {
      relist();
      let entry = entries.get(segment);
      if (entry === undefined) {
        reindex();
        entry = byUuid.get(segment.toLowerCase());
      }
      entry?.refresh();
      return entry;
    },
    bySource(address) {
      reindex();
      const ip = canonicalIp(address);
      if (ip === undefined) return undefined;
      let entry = byIp.get(ip);
      if (entry === undefined && byMac.size > 0) {
        const mac = neighbours().get(ip);
        entry = mac === undefined ? undefined : byMac.get(mac);
      }
      if (entry === undefined) return undefined;
      entry.refresh();
      // The index may be up to one interval old: the spec must still map this address.
      return matchesSource(entry.mapping, ip, neighbours) ? entry : undefined;
    },
    names: () => {
      relist();
      return [...entries.keys()].sort();
    },
  };
}

function matchesSource(mapping: Mapping, address: string, neighbours: () => ReadonlyMap<string, string>): boolean {
  const ip = canonicalIp(address);
  if (ip === undefined) return false;
  if (mapping.ip !== undefined && mapping.ip === ip) return true;
  return mapping.mac !== undefined && neighbours().get(ip) === mapping.mac;
}
