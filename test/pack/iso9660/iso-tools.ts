/**
 * Independent readers applied to an iso9660 image: extraction with xorriso (Rock Ridge, Joliet
 * or bare ECMA-119 tree) and 7z, back into a FileTree we can compare with the input.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileTree } from '../../../src/common/file-tree.js';
import { runTool } from '../../helpers/tools.js';

/** Every regular file under `root`, as image paths. */
export function readDirectoryTree(root: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const visit = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) visit(join(dir, entry.name), path);
      else files.set(path, new Uint8Array(readFileSync(join(dir, entry.name))));
    }
  };
  visit(root, '');
  return files;
}

export function assertSameTree(actual: FileTree, expected: FileTree, context: string): void {
  const sorted = (tree: FileTree): string[] => [...tree.keys()].sort();
  assert.deepEqual(sorted(actual), sorted(expected), `${context}: different paths`);
  for (const [path, content] of expected) {
    assert.ok(Buffer.from(actual.get(path) ?? []).equals(Buffer.from(content)), `${context}: ${path} differs`);
  }
}

/** xorriso's own complaints about names outside UCS-2 (emoji): Joliet readers take UTF-16, so these are expected. */
const EXPECTED_WARNINGS = [
  /Joliet filename valid only with character set UTF-16/,
  /not suitable for Joliet character set UCS-2/,
];

/** Fails on any xorriso WARNING, SORRY, FAILURE or FATAL message but the expected ones. */
export function assertQuietXorriso(stderr: string, context: string): void {
  const complaints = stderr
    .split('\n')
    .filter((line) => /\b(WARNING|SORRY|FAILURE|FATAL|MISHAP)\b/.test(line))
    .filter((line) => !EXPECTED_WARNINGS.some((pattern) => pattern.test(line)));
  assert.deepEqual(complaints, [], `${context}: xorriso complained`);
}

export type XorrisoTree = 'rock-ridge' | 'joliet' | 'ecma119';
const READ_FS: Record<XorrisoTree, string> = { 'rock-ridge': 'any', joliet: 'norock', ecma119: 'ecma119' };

/** Extracts the whole image with xorriso, reading the chosen tree, and returns what landed on disk. */
export function extractWithXorriso(
  image: string,
  target: string,
  tree: XorrisoTree = 'rock-ridge',
): Map<string, Uint8Array> {
  return extractManyWithXorriso([{ image, target }], tree)[0]!;
}

/**
 * Extracts each image into its target in one xorriso run (it loads one -indev after another):
 * xorriso's start-up costs more than reading a small image, and property tests read hundreds.
 */
export function extractManyWithXorriso(
  jobs: readonly { readonly image: string; readonly target: string }[],
  tree: XorrisoTree = 'rock-ridge',
): Map<string, Uint8Array>[] {
  for (const { target } of jobs) mkdirSync(target, { recursive: true });
  const loads = jobs.flatMap(({ image, target }) => ['-indev', image, '-extract', '/', target]);
  const { stderr } = runTool('xorriso', ['-read_fs', READ_FS[tree], '-osirrox', 'on', ...loads]);
  assertQuietXorriso(stderr, `xorriso -read_fs ${READ_FS[tree]} -extract (${jobs.map((job) => job.image).join(', ')})`);
  return jobs.map(({ target }) => readDirectoryTree(target));
}

/** Extracts with 7-Zip's iso handler (which reads Joliet when present). */
export function extractWith7z(image: string, target: string): Map<string, Uint8Array> {
  runTool('7z', ['x', '-y', `-o${target}`, image]);
  return readDirectoryTree(target);
}

export function writeImageFile(dir: string, name: string, image: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, image);
  return path;
}

export interface ListedEntry {
  readonly mode: string;
  readonly size: number;
  readonly extent: number;
}

/** Parses `isoinfo -l` output into image paths ("/A/B.;1") with mode, size and extent; skips "." and "..". */
export function parseIsoinfoListing(stdout: string): Map<string, ListedEntry> {
  const entries = new Map<string, ListedEntry>();
  let folder = '/';
  for (const line of stdout.split('\n')) {
    const heading = /^Directory listing of (.*)$/.exec(line);
    if (heading) {
      folder = heading[1] as string;
      continue;
    }
    const match = /^(\S{10})\s+\d+\s+\d+\s+\d+\s+(\d+) .*?\[\s*(\d+) \d+\] {2}(.*) $/.exec(line);
    if (!match || match[4] === '.' || match[4] === '..') continue;
    entries.set(folder + match[4], { mode: match[1] as string, size: Number(match[2]), extent: Number(match[3]) });
  }
  return entries;
}

/** Every folder path a tree implies ("a", "a/b"), for comparing listings. */
export function listFolders(tree: FileTree): string[] {
  const folders = new Set<string>();
  for (const path of tree.keys()) {
    const parts = path.split('/');
    for (let index = 1; index < parts.length; index++) folders.add(parts.slice(0, index).join('/'));
  }
  return [...folders].sort();
}

export interface PathTableRow {
  readonly parent: number;
  readonly extent: number;
  readonly name: string;
}

/** Parses `isoinfo -p` (the type L path table): "  3:    2 19 CONTENT", extent in hex. */
export function parseIsoinfoPathTable(stdout: string): PathTableRow[] {
  return [...stdout.matchAll(/^\s*\d+:\s+(\d+) ([0-9a-f]+) (.*)$/gm)].map((match) => ({
    parent: Number(match[1]),
    extent: Number.parseInt(match[2] as string, 16),
    name: (match[3] as string).trimEnd(),
  }));
}
