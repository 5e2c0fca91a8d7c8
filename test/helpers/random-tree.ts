/**
 * Seeded random file trees for property tests of the native writers: nested folders, long and
 * short names, names that collide in 8.3 form, empty files and files of several clusters.
 */
import type { FileTree } from '../../src/common/file-tree.js';

/** Small deterministic PRNG (mulberry32), so a failing case can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAME_POOL = [
  'meta-data', 'user-data', 'network-config', 'vendor-data', 'meta_data.json', 'user_data',
  'network_data.json', 'vendor_data.json', 'openstack', 'latest', '2018-08-27', 'content', '0000', '0001',
  'README', 'a', 'B', 'x.y', 'long file name with spaces.txt', 'averyveryverylongfilename.extension',
  'averyveryverylongfilename.extension2', 'LONGNAME1.TXT', 'longname1.txt.bak', 'dot.in.many.places',
  'MixedCase.Json', 'data.tar.gz', 'émoji-ünïcode.txt', 'x',
];

export interface RandomTreeOptions {
  readonly maxFiles?: number;
  readonly maxDepth?: number;
  /** Largest file in bytes. */
  readonly maxFileSize?: number;
}

export function randomTree(seed: number, options: RandomTreeOptions = {}): FileTree {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const maxFiles = options.maxFiles ?? 12;
  const maxDepth = options.maxDepth ?? 4;
  const maxFileSize = options.maxFileSize ?? 3 * 4096 + 17;
  const files = new Map<string, Uint8Array>();
  const dirs = new Set<string>();
  const count = 1 + Math.floor(random() * maxFiles);
  for (let i = 0; i < count; i++) {
    const depth = Math.floor(random() * (maxDepth + 1));
    const parts: string[] = [];
    for (let d = 0; d < depth; d++) parts.push(random() < 0.7 ? pick(NAME_POOL) : `d${Math.floor(random() * 5)}`);
    parts.push(random() < 0.8 ? pick(NAME_POOL) : `file${Math.floor(random() * 100)}.txt`);
    const path = parts.join('/');
    // A path cannot be both a file and a folder.
    const prefixes = parts.slice(0, -1).map((_, j) => parts.slice(0, j + 1).join('/'));
    if (files.has(path) || dirs.has(path) || prefixes.some((p) => files.has(p))) continue;
    const sizeClass = random();
    const size =
      sizeClass < 0.15 ? 0 : sizeClass < 0.6 ? Math.floor(random() * 600) : Math.floor(random() * maxFileSize);
    const content = new Uint8Array(size);
    for (let b = 0; b < size; b++) content[b] = Math.floor(random() * 256);
    files.set(path, content);
    prefixes.forEach((p) => {
      dirs.add(p);
    });
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}
