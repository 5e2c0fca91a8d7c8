import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkVfatLimits } from '../../../src/pack/vfat/index.js';
import type { VfatOptions } from '../../../src/pack/vfat/options.js';
import { fileTree, type FileTree } from '../../../src/common/file-tree.js';

const OPTIONS: VfatOptions = { label: 'cidata', epoch: 0 };

/** Content that only claims a length (the limits look at sizes, never at bytes), so no gigabytes are allocated. */
function sized(length: number): Uint8Array {
  return Object.setPrototypeOf({ length }, Uint8Array.prototype) as Uint8Array;
}

function paths(tree: FileTree, options: VfatOptions = OPTIONS): string[] {
  return checkVfatLimits(tree, options).map((issue) => issue.path);
}

test('a NoCloud and a config-drive tree pass', () => {
  const tree = fileTree([
    ['meta-data', 'x'],
    ['user-data', 'x'],
    ['openstack/latest/meta_data.json', '{}'],
    ['openstack/content/0000', ''],
    ['émoji-ünïcode.txt', 'x'],
  ]);
  assert.deepEqual(checkVfatLimits(tree, OPTIONS), []);
  assert.deepEqual(checkVfatLimits(tree, { ...OPTIONS, label: 'config-2', size: 1474560 }), []);
});

test('characters FAT forbids, and trailing dots or spaces, are named by image path', () => {
  const issues = checkVfatLimits(
    fileTree([['a:b', ''], ['dir?/file', ''], ['tab\there', ''], ['ends.', ''], ['ends ', ''], ['ok/x*y', '']]),
    OPTIONS,
  );
  assert.deepEqual(issues.map((issue) => issue.path).sort(), [
    'image:/a:b', 'image:/dir?', 'image:/ends ', 'image:/ends.', 'image:/ok/x*y', 'image:/tab\there',
  ]);
  assert.match(issues.find((issue) => issue.path === 'image:/a:b')!.message, /":"/);
  assert.match(issues.find((issue) => issue.path === 'image:/ends.')!.message, /trailing dots/);
});

test('names over 255 UTF-16 units and characters beyond U+FFFF', () => {
  assert.deepEqual(paths(fileTree([['n'.repeat(255), ''], ['m'.repeat(256), '']])), [`image:/${'m'.repeat(256)}`]);
  assert.deepEqual(paths(fileTree([['smile-😀', '']])), ['image:/smile-😀']);
});

test('names that differ only in case, in one folder', () => {
  assert.deepEqual(paths(fileTree([['Meta-Data', ''], ['meta-data', ''], ['sub/meta-data', '']])), ['image:/meta-data']);
  assert.deepEqual(paths(fileTree([['Dir/a', ''], ['dir/b', '']])), ['image:/dir']);
  assert.deepEqual(paths(fileTree([['é', ''], ['É', '']])), ['image:/é']);
});

test('a path that is both a file and a folder; empty names', () => {
  assert.deepEqual(paths(fileTree([['a', ''], ['a/b', '']])), ['image:/a']);
  assert.deepEqual(paths(fileTree([['a//b', ''], ['/c', '']])).sort(), ['image:/', 'image:/a/']);
});

test('files of 4 GiB and more', () => {
  assert.deepEqual(paths(new Map([['big', sized(2 ** 32)]])), ['image:/big']);
});

test('content over FAT16 or over a fixed size', () => {
  const huge = new Map(Array.from({ length: 3 }, (_, i) => [`part${i}`, sized(1_000_000_000)] as const));
  const [issue] = checkVfatLimits(huge, OPTIONS);
  assert.equal(issue?.path, 'image:/');
  assert.match(issue!.message, /larger than FAT16/);
  assert.match(checkVfatLimits(new Map([['f', sized(2_000_000)]]), { ...OPTIONS, size: 1474560 })[0]!.message, /holds 2847/);
  assert.match(checkVfatLimits(new Map(), { ...OPTIONS, size: 1000 })[0]!.message, /multiple of 512/);
});

test('more root entries than a floppy root holds', () => {
  // label + 10 names of 13 units (long entry + short entry) + 110 of 14 units (2 long entries + short entry)
  const many = fileTree(Array.from({ length: 120 }, (_, i) => [`file-number-${i}`, ''] as const));
  assert.match(checkVfatLimits(many, { ...OPTIONS, size: 1474560 })[0]!.message, /needs 351 directory entries.*224/);
  assert.deepEqual(checkVfatLimits(many, OPTIONS), []);
});

test('a folder with more than 65536 entries', () => {
  const many = new Map(Array.from({ length: 33000 }, (_, i) => [`folder/generated-file-${i}.txt`, sized(0)] as const));
  const issues = checkVfatLimits(many, OPTIONS);
  assert.deepEqual(issues.map((issue) => issue.path), ['image:/folder']);
  assert.match(issues[0]!.message, /needs 99002 directory entries/);
});

test('labels: at most 11 printable ASCII characters, none of the forbidden ones', () => {
  assert.deepEqual(checkVfatLimits(new Map(), { ...OPTIONS, label: 'CONFIG-2' }), []);
  assert.deepEqual(paths(new Map(), { ...OPTIONS, label: 'a-label-too-long' }), ['label']);
  assert.deepEqual(paths(new Map(), { ...OPTIONS, label: 'config.2' }), ['label']);
  assert.deepEqual(paths(new Map(), { ...OPTIONS, label: 'ünï' }), ['label']);
  assert.deepEqual(paths(new Map(), { ...OPTIONS, label: ' lead' }), ['label']);
});
