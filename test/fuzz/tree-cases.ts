/**
 * Writer fuzz inputs: the property tests' random trees (test/helpers/random-tree.ts), with some
 * folder and file names swapped for hostile ones: names at and past the Joliet and FAT length
 * limits, case twins, trailing dots and spaces, characters Windows or Joliet forbid, non-BMP
 * characters, and deeper nesting than ECMA-119 allows. The writers must refuse exactly what their
 * limit checks refuse, and write everything else so that independent readers agree.
 */
import type { FileTree } from '../../src/common/file-tree.js';
import { randomTree } from '../helpers/random-tree.js';
import { createRandom } from './random-values.js';

const HOSTILE_NAMES = [
  'a'.repeat(64), 'b'.repeat(103), 'c'.repeat(104), 'd'.repeat(200), 'e'.repeat(255),
  'README', 'readme', 'ReadMe.TXT', 'readme.txt', 'UPPER.TXT', 'upper.txt', 'ǅ', 'ǆ', 'ß', 'SS', 'İ', 'ﬃ',
  'name.', 'name ', ' lead', 'a b c', 'x;1', 'FILE.;1', 'a.b.c.d', '.hidden', '...', 'con', 'NUL', 'x.tar.gz.bak.old',
  'a*b', 'a:b', 'a?b', 'a\\b', 'a"b', 'a<b>', 'a|b', 'tab\there', 'bell\u0007', 'del\u007f',
  'é', 'Ω-ünïcode', '日本語.txt', '🔑', '🔑'.repeat(40), 'e\u0301', '\u200b', '\ufeff', 'x\ud800y',
];

/** A random tree for `seed`, some names replaced consistently (a renamed folder stays one folder). */
export function makeHostileTree(seed: number): FileTree {
  const random = createRandom(seed);
  const base = randomTree(seed, { maxFiles: 4 + random.int(20), maxDepth: 1 + random.int(9), maxFileSize: 5000 });
  const renamed = new Map<string, string>();
  const renameRate = random.next() * 0.3;
  const files = new Map<string, Uint8Array>();
  for (const [path, content] of base) {
    const parts = path.split('/');
    const newParts = parts.map((part, i) => {
      const prefix = parts.slice(0, i + 1).join('/');
      if (!renamed.has(prefix)) renamed.set(prefix, random.chance(renameRate) ? random.pick(HOSTILE_NAMES) : part);
      return renamed.get(prefix)!;
    });
    const newPath = newParts.join('/');
    // Two renames may land on one path; the first file keeps it.
    if (!files.has(newPath)) files.set(newPath, content);
  }
  return files;
}
