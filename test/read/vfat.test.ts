/** readVfat on images made by mkfs.vfat + mcopy (the reference), and on our writer's. */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { IoError } from '../../src/errors.js';
import { writeVfat } from '../../src/pack/vfat/index.js';
import { readVfat } from '../../src/read/vfat.js';
import { fileTree, type FileTree } from '../../src/common/file-tree.js';
import { randomTree } from '../helpers/random-tree.js';
import { runTool, withTempDir } from '../helpers/tools.js';

const UTF8_ENV = { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };

const NOCLOUD = fileTree([
  ['meta-data', 'instance-id: iid-1\nlocal-hostname: web01\n'],
  ['user-data', '#cloud-config\n'.repeat(300)],
  ['network-config', 'version: 2\n'],
  ['abc', 'all lowercase 8.3: mtools uses the NT case flag'],
  ['Abc.TXT', 'mixed case: mtools writes a long name'],
  ['ABD', 'plain 8.3'],
  ['empty', ''],
]);

const CONFIG_DRIVE = fileTree([
  ['openstack/latest/meta_data.json', '{"uuid": "x"}'],
  ['openstack/latest/user_data', '#cloud-config\n'],
  ['openstack/2018-08-27/meta_data.json', '{"uuid": "x"}'],
  ['openstack/content/0000', 'token'],
  ['unicode/émoji-ünïcode.txt', 'latin'],
  ['a name that needs two long entries and a bit.txt', 'long'],
]);

/** mkfs.vfat + mcopy, as cloud-localds and vdsm make seeds. */
function makeReferenceImage(dir: string, tree: FileTree, mkfsArgs: readonly string[], kilobytes: number): Uint8Array {
  const source = join(dir, 'source');
  mkdirSync(source);
  for (const [path, content] of tree) {
    mkdirSync(dirname(join(source, path)), { recursive: true });
    writeFileSync(join(source, path), content);
  }
  const image = join(dir, 'reference.img');
  runTool('mkfs.vfat', [...mkfsArgs, '-C', image, String(kilobytes)]);
  const top = readdirSync(source).map((name) => join(source, name));
  if (top.length > 0) runTool('mcopy', ['-s', '-i', image, ...top, '::/'], { env: UTF8_ENV });
  return new Uint8Array(readFileSync(image));
}

test('readVfat reads a FAT12 seed made by mkfs.vfat + mcopy (like cloud-localds)', () =>
  withTempDir((dir) => {
    const image = makeReferenceImage(dir, NOCLOUD, ['-n', 'CIDATA', '-i', '12345678'], 128);
    const read = readVfat(image);
    assert.deepEqual(read.tree, NOCLOUD);
    assert.equal(read.label, 'CIDATA');
    assert.equal(read.bootLabel, 'CIDATA');
    assert.equal(read.serial, 0x12345678);
  }));

test('readVfat reads nested folders and long names from a 1440K floppy (like vdsm)', () =>
  withTempDir((dir) => {
    const image = makeReferenceImage(dir, CONFIG_DRIVE, ['-n', 'CONFIG-2'], 1440);
    const read = readVfat(image);
    assert.deepEqual(read.tree, CONFIG_DRIVE);
    assert.equal(read.label, 'CONFIG-2');
  }));

test('readVfat reads FAT16', () =>
  withTempDir((dir) => {
    const tree = fileTree([...CONFIG_DRIVE, ['big.bin', new Uint8Array(300_000).map((_, i) => i % 251)]]);
    const image = makeReferenceImage(dir, tree, ['-F', '16', '-n', 'CIDATA'], 20 * 1024);
    assert.deepEqual(readVfat(image).tree, tree);
  }));

test('readVfat skips deleted files and reports no label when there is none', () =>
  withTempDir((dir) => {
    const image = join(dir, 'plain.img');
    writeFileSync(image, makeReferenceImage(dir, NOCLOUD, [], 256));
    runTool('mdel', ['-i', image, '::/network-config', '::/Abc.TXT']);
    const read = readVfat(new Uint8Array(readFileSync(image)));
    const expected = new Map(NOCLOUD);
    expected.delete('network-config');
    expected.delete('Abc.TXT');
    assert.deepEqual(read.tree, expected);
    assert.equal(read.label, '');
    assert.equal(read.bootLabel, 'NO NAME');
  }));

test('readVfat reads what writeVfat wrote: tree, label, serial', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const tree = randomTree(seed);
    const image = writeVfat(tree, { label: 'config-2', epoch: 0 });
    const read = readVfat(image);
    assert.deepEqual(read.tree, tree, `seed ${seed}`);
    assert.equal(read.label, 'CONFIG-2');
    assert.equal(read.bootLabel, 'CONFIG-2');
    assert.equal(read.serial, new DataView(image.buffer).getUint32(39, true));
  }
});

test('readVfat reads FAT32 (mkfs.vfat -F 32) with long names in sub-folders', () =>
  withTempDir((dir) => {
    const image = makeReferenceImage(dir, CONFIG_DRIVE, ['-F', '32', '-n', 'CONFIG-2', '-i', 'a1b2c3d4'], 40 * 1024);
    const read = readVfat(image);
    assert.equal(read.fatType, 32);
    assert.deepEqual(read.tree, CONFIG_DRIVE);
    assert.equal(read.label, 'CONFIG-2');
    assert.equal(read.serial, 0xa1b2c3d4);
  }));

test('readVfat tells FAT12 from FAT16 by cluster count', () =>
  withTempDir((dir) => {
    assert.equal(readVfat(makeReferenceImage(join(dir), NOCLOUD, ['-F', '12'], 1440)).fatType, 12);
  }));

test('readVfat rejects what is not FAT', () => {
  assert.throws(() => readVfat(new Uint8Array(100)), IoError);
  assert.throws(() => readVfat(new Uint8Array(4096)), IoError);
});

test('readVfat reports a broken cluster chain instead of looping', () => {
  const image = writeVfat(fileTree([['file', 'x'.repeat(2000)]]), { label: 'cidata', epoch: 0 });
  // FAT12 entries 2 and 3 sit at bytes 3-5 of the FAT (sector 1); point cluster 3 back at cluster 2.
  const fat = 512;
  image[fat + 4] = (image[fat + 4]! & 0x0f) | 0x20;
  image[fat + 5] = 0x00;
  assert.throws(() => readVfat(image), /cluster chain of file is broken/);
});

test('readVfat refuses long names that would leave the extraction folder', () => {
  for (const [units, shown] of [[['.', '.'], '".."'], [['a', '/'], '"a/"']] as const) {
    const image = writeVfat(fileTree([['ab', 'x']]), { label: '', epoch: 0 });
    // The root starts at sector 3 (boot sector, two one-sector FATs); its first entry is the long name
    // of "ab", whose first two UTF-16 units sit at bytes 1 and 3. The checksum covers the short name only.
    const root = 3 * 512;
    image[root + 1] = units[0].charCodeAt(0);
    image[root + 3] = units[1].charCodeAt(0);
    assert.throws(() => readVfat(image), new RegExp(`${shown.replace(/[.]/g, '\\.')} is not a file name`));
  }
});
