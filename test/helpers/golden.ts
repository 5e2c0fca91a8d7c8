/**
 * Golden trees: a rendered FileTree compared file by file with a checked-in folder under
 * test/golden/<case>/. `UPDATE_GOLDEN=1` rewrites the folder (review the diff before committing).
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { FileTree } from '../../src/common/file-tree.js';

export const GOLDEN_ROOT = join(import.meta.dirname, '..', 'golden');

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

export function assertMatchesGolden(tree: FileTree, caseName: string): void {
  const dir = join(GOLDEN_ROOT, caseName);
  if (process.env['UPDATE_GOLDEN'] === '1') {
    rmSync(dir, { recursive: true, force: true });
    for (const [path, content] of tree) {
      const target = join(dir, ...path.split('/'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
    return;
  }
  const expected = listFiles(dir).map((file) => relative(dir, file).split('\\').join('/')).sort();
  assert.deepEqual([...tree.keys()].sort(), expected, `file list of golden case ${caseName}`);
  for (const path of expected) {
    const want = readFileSync(join(dir, ...path.split('/')), 'utf8');
    const got = new TextDecoder().decode(tree.get(path));
    assert.equal(got, want, `${caseName}/${path} differs from the golden file (UPDATE_GOLDEN=1 to accept)`);
  }
}
