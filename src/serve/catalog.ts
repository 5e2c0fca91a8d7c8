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
import { basename, dirname, extname, join, resolve } from 'node:path';
import { SpecError } from '../errors.js';
import { canonicalIp, parseArpTable } from './address.js';
import { createEntry, stampOf, type Entry, type Mapping, type ServedVm } from './spec-entry.js';

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
  /** Serve seeds holding the templates' placeholder key or example passwords (refused by default, as build refuses them). */
  readonly allowPlaceholders?: boolean;
}

const SPEC_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
/** A spec name usable as one URL path segment with no escaping. */
const VM_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
/** Names the OpenStack and EC2 paths use at the top level; a VM so named could not be reached. */
export function isReservedName(name: string): boolean {
  return name === 'openstack' || name === 'latest' || /^\d{4}-\d{2}-\d{2}$/.test(name);
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
    const entry = createEntry(name, absolute, folder, onError, { allowPlaceholders: options.allowPlaceholders });
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
      const entry = kept !== undefined && kept.file === file ? kept : createEntry(name, file, folder, onError, { allowPlaceholders: options.allowPlaceholders });
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
