/** Our vfat images as fsck.fat, mtools, 7-Zip and blkid see them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { writeVfat } from '../../../src/pack/vfat/index.js';
import type { VfatOptions } from '../../../src/pack/vfat/options.js';
import { fileTree, type FileTree } from '../../../src/common/file-tree.js';
import { runTool, withTempDir } from '../../helpers/tools.js';
import {
  assertFsckClean,
  assertSameTree,
  extractWith7z,
  extractWithMtools,
  probeWithBlkid,
  saveImage,
} from './vfat-tools.js';

const EPOCH = 1700000000;

function bytes(length: number, seed: number): Uint8Array {
  const content = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    content[i] = state >>> 24;
  }
  return content;
}

const TREES: Record<string, FileTree> = {
  nocloud: fileTree([
    ['meta-data', 'instance-id: iid-web01\nlocal-hostname: web01\n'],
    ['user-data', '#cloud-config\nhostname: web01\nusers:\n  - name: admin\n'],
    ['network-config', 'version: 2\nethernets:\n  eth0:\n    dhcp4: true\n'],
  ]),
  configdrive: fileTree([
    ['openstack/latest/meta_data.json', '{"uuid": "3f6c", "hostname": "web01"}'],
    ['openstack/latest/user_data', '#cloud-config\n'],
    ['openstack/latest/network_data.json', '{"links": [], "networks": [], "services": []}'],
    ['openstack/2018-08-27/meta_data.json', '{"uuid": "3f6c", "hostname": "web01"}'],
    ['openstack/2018-08-27/user_data', '#cloud-config\n'],
    ['openstack/2018-08-27/network_data.json', '{"links": [], "networks": [], "services": []}'],
    ['openstack/content/0000', 'token\n'],
    ['openstack/content/0001', bytes(5000, 1)],
  ]),
  'many files in one folder': fileTree(
    Array.from({ length: 400 }, (_, i) => [`files/generated-file-${String(i).padStart(3, '0')}.txt`, `file ${i}\n`] as const),
  ),
  'empty files': fileTree([
    ['empty', ''],
    ['dir/also-empty', ''],
    ['dir/nested/EMPTY.TXT', ''],
    ['dir/not-empty', 'x'],
  ]),
  'names colliding in 8.3 form': fileTree([
    ['averyveryverylongfilename.extension', 'one'],
    ['averyveryverylongfilename.extension2', 'two'],
    ['averyv~1.ext', 'a real name that looks like an alias'],
    ['LONGNAME1.TXT', 'upper'],
    ['longname1.txt.bak', 'bak'],
    ['dot.in.many.places', 'dots'],
    ['x.y', 'short lowercase'],
    ['X.Z', 'short uppercase'],
    ['long file name with spaces.txt', 'spaces'],
    ['a+b,c;d=e[f]g.txt', 'characters short names cannot hold'],
    ['.hidden', 'leading dot'],
  ]),
  'unicode names': fileTree([
    ['émoji-ünïcode.txt', 'latin'],
    ['日本語のファイル名.json', '{}'],
    ['Ελληνικά/κείμενο', 'greek'],
    ['ё', 'one cyrillic letter'],
  ]),
};

for (const [name, tree] of Object.entries(TREES)) {
  test(`vfat interop: ${name}`, async () => {
    await judgeImage(tree, { label: 'cidata', epoch: EPOCH }, { sevenZip: true });
  });
}

test('vfat interop: the label is upper-cased in the boot sector and the root entry', () =>
  withTempDir((dir) => {
    const image = saveImage(dir, writeVfat(TREES.configdrive!, { label: 'config-2', epoch: EPOCH }));
    const probe = probeWithBlkid(image);
    assert.equal(probe.LABEL, 'CONFIG-2');
    assert.equal(probe.LABEL_FATBOOT, 'CONFIG-2');
    assert.match(runTool('mdir', ['-i', image, '::/']).stdout, /Volume in drive : is CONFIG-2/);
    // cloudbase-init (Windows) finds a vfat config drive this way: `mlabel -i DRIVE -s`, output stripped,
    // /Volume label is (.*?)$/ must give config-2 or CONFIG-2.
    const mlabel = runTool('mlabel', ['-i', image, '-s']).stdout.trim();
    assert.equal(/Volume label is (.*?)$/.exec(mlabel)?.[1], 'CONFIG-2');
  }));

test('vfat interop: exactLabelCase keeps a lowercase label', () =>
  withTempDir((dir) => {
    const image = saveImage(dir, writeVfat(TREES.nocloud!, { label: 'cidata', epoch: EPOCH, exactLabelCase: true }));
    const probe = probeWithBlkid(image);
    assert.equal(probe.LABEL, 'cidata');
    assert.equal(probe.LABEL_FATBOOT, 'cidata');
  }));

test('vfat interop: an image without files', async () => {
  await judgeImage(new Map(), { label: 'cidata', epoch: EPOCH }, { sevenZip: false });
});

test('vfat interop: 20 MB of content makes a FAT16 image', async () => {
  const tree = fileTree(Array.from({ length: 5 }, (_, i) => [`big/part-${i}.bin`, bytes(4_000_000 + i, i + 10)] as const));
  const probe = await judgeImage(tree, { label: 'cidata', epoch: EPOCH }, { sevenZip: true });
  assert.equal(probe.VERSION, 'FAT16');
});

test('vfat interop: --size 1440K gives a 1474560-byte floppy', async () => {
  const size = 1474560;
  const probe = await judgeImage(TREES.configdrive!, { label: 'config-2', epoch: EPOCH, size }, { sevenZip: true, size });
  assert.equal(probe.VERSION, 'FAT12');
});

test('vfat interop: fixed sizes that are no floppy format leave the rest free', async () => {
  for (const [size, version] of [[128 * 1024, 'FAT12'], [1024 * 1024, 'FAT12'], [8 * 1024 * 1024, 'FAT16']] as const) {
    const probe = await judgeImage(TREES.nocloud!, { label: 'cidata', epoch: EPOCH, size }, { sevenZip: true, size });
    assert.equal(probe.VERSION, version, `${size} bytes`);
  }
});

test('vfat interop: timestamps come from the epoch', () =>
  withTempDir((dir) => {
    // 2023-11-14 22:13:20 UTC
    const image = saveImage(dir, writeVfat(TREES.nocloud!, { label: 'cidata', epoch: EPOCH }));
    const listing = runTool('mdir', ['-i', image, '::/'], { env: { ...process.env, TZ: 'UTC' } }).stdout;
    assert.match(listing, /META-D~1\s+\d+ 2023-11-14\s+22:13\s+meta-data/);
  }));

/** Writes the tree and has every judge agree with it; returns blkid's probe. */
function judgeImage(
  tree: FileTree,
  options: VfatOptions,
  checks: { sevenZip: boolean; size?: number },
): Promise<Record<string, string>> {
  const image = writeVfat(tree, options);
  if (checks.size !== undefined) assert.equal(image.length, checks.size);
  return withTempDir((dir) => {
    const path = saveImage(dir, image);
    assertFsckClean(path);
    // mdir -/ reports an empty root as "not found", as it does on mkfs.fat images.
    runTool('mdir', tree.size > 0 ? ['-i', path, '-/', '::'] : ['-i', path, '::/']);
    assertSameTree(extractWithMtools(path, dir), tree, 'mtools');
    if (checks.sevenZip && tree.size > 0) assertSameTree(extractWith7z(path, dir), tree, '7z');
    const probe = probeWithBlkid(path);
    assert.equal(probe.TYPE, 'vfat');
    assert.equal(probe.LABEL, options.label.toUpperCase());
    assert.equal(probe.LABEL_FATBOOT, options.label.toUpperCase());
    return probe;
  });
}
