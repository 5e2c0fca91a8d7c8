/**
 * The independent judges of a vfat image: fsck.fat, mtools, 7-Zip and blkid. Each returns what the
 * tool saw, so tests compare it with the tree that went in.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { FileTree } from '../../../src/common/file-tree.js';
import { runTool } from '../../helpers/tools.js';

/** mtools and 7z print and take non-ASCII names in the locale's charset. */
const UTF8_ENV = { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };

/** Writes the image into `dir` and returns its path. */
export function saveImage(dir: string, image: Uint8Array, name = 'seed.img'): string {
  const path = join(dir, name);
  writeFileSync(path, image);
  return path;
}

/** `fsck.fat -n` must exit 0 and print nothing but its banner and the summary line. */
export function assertFsckClean(imagePath: string): void {
  const result = runTool('fsck.fat', ['-n', imagePath], { allowFailure: true });
  const lines = `${result.stdout}${result.stderr}`.split('\n').filter((line) => line.trim() !== '');
  const summary = new RegExp(`^${escapeRegExp(imagePath)}: \\d+ files, \\d+/\\d+ clusters$`);
  const unexpected = lines.filter((line) => !/^fsck\.fat \d/.test(line) && !summary.test(line));
  assert.deepEqual({ status: result.status, unexpected }, { status: 0, unexpected: [] }, `fsck.fat -n ${imagePath}`);
}

/** Extracts every file with `mcopy -s` and reads the result back as a tree. */
export function extractWithMtools(imagePath: string, dir: string): FileTree {
  const out = join(dir, 'mtools');
  mkdirSync(out);
  const listing = runTool('mdir', ['-i', imagePath, '-b', '::/'], { env: UTF8_ENV }).stdout;
  if (listing.trim() !== '') runTool('mcopy', ['-s', '-n', '-i', imagePath, '::*', `${out}/`], { env: UTF8_ENV });
  return readDirectoryTree(out);
}

/** Extracts with `7z x` and reads the result back as a tree. */
export function extractWith7z(imagePath: string, dir: string): FileTree {
  const out = join(dir, '7z');
  runTool('7z', ['x', '-y', `-o${out}`, imagePath], { env: UTF8_ENV });
  mkdirSync(out, { recursive: true });
  return readDirectoryTree(out);
}

/** blkid's low-level probe as key/value pairs (TYPE, LABEL, LABEL_FATBOOT, UUID, VERSION...). */
export function probeWithBlkid(imagePath: string): Record<string, string> {
  const output = runTool('blkid', ['-p', '-o', 'export', imagePath]).stdout;
  return Object.fromEntries(
    output
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

/** Every file under `root`, keyed by its '/'-separated path relative to it, sorted. */
export function readDirectoryTree(root: string): FileTree {
  const files = new Map<string, Uint8Array>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(root, path), new Uint8Array(readFileSync(path)));
    }
  };
  walk(root);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Same paths, same bytes; the message names the reader and what differs. */
export function assertSameTree(actual: FileTree, expected: FileTree, reader: string): void {
  const sorted = (tree: FileTree): string[] => [...tree.keys()].sort();
  assert.deepEqual(sorted(actual), sorted(expected), `${reader}: paths differ`);
  for (const [path, content] of expected) {
    const got = actual.get(path);
    assert.ok(got && Buffer.from(got).equals(Buffer.from(content)), `${reader}: ${path} differs (${got?.length} vs ${content.length} bytes)`);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
