import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SpecError } from '../../../src/errors.js';
import { decodeDirEntry } from '../../../src/codec/vfat/dir-entry.js';
import { writeVfat } from '../../../src/pack/vfat/index.js';
import { planVfatLayout, type VfatDirectory } from '../../../src/pack/vfat/layout.js';
import { fileTree } from '../../../src/common/file-tree.js';
import { randomTree } from '../../helpers/random-tree.js';

const OPTIONS = { label: 'cidata', epoch: 1700000000 };
const TREE = fileTree([
  ['meta-data', 'instance-id: iid-1\n'],
  ['user-data', '#cloud-config\n'],
  ['a', 'lowercase 8.3'],
  ['openstack/latest/meta_data.json', '{}'],
  ['openstack/latest/deeper/x', 'x'],
]);

test('the same tree gives the same bytes, whatever the order of its map', () => {
  for (let seed = 1; seed <= 20; seed++) {
    const tree = randomTree(seed);
    const reversed = new Map([...tree].reverse());
    const first = writeVfat(tree, OPTIONS);
    assert.deepEqual(writeVfat(tree, OPTIONS), first, `seed ${seed}`);
    assert.deepEqual(writeVfat(reversed, OPTIONS), first, `seed ${seed}, reversed`);
  }
});

test('the serial follows the content, not the clock', () => {
  const serial = (image: Uint8Array): number => new DataView(image.buffer).getUint32(39, true);
  const changed = new Map(TREE).set('user-data', new TextEncoder().encode('#cloud-config\n#'));
  assert.equal(serial(writeVfat(TREE, OPTIONS)), serial(writeVfat(TREE, { ...OPTIONS, epoch: 0 })));
  assert.notEqual(serial(writeVfat(TREE, OPTIONS)), serial(writeVfat(changed, OPTIONS)));
});

test('the label is in the boot sector and in the first root entry', () => {
  const image = writeVfat(TREE, OPTIONS);
  const { regions } = planVfatLayout(TREE, OPTIONS);
  assert.equal(Buffer.from(image.subarray(43, 54)).toString('latin1'), 'CIDATA     ');
  const label = decodeDirEntry(image, regions.rootStart * 512);
  assert.equal(label.name, 'CIDATA     ');
  assert.equal(label.attributes, 0x08);
});

test('subdirectories start with . (itself) and .. (the parent, 0 for the root)', () => {
  const image = writeVfat(TREE, OPTIONS);
  const layout = planVfatLayout(TREE, OPTIONS);
  const clusterOffset = (cluster: number): number => (layout.regions.dataStart + cluster - 2) * 512;
  const openstack = findDirectory(layout.root, 'openstack');
  const latest = findDirectory(openstack, 'latest');
  for (const [directory, parentCluster] of [[openstack, 0], [latest, openstack.run.first]] as const) {
    const dot = decodeDirEntry(image, clusterOffset(directory.run.first));
    const dotDot = decodeDirEntry(image, clusterOffset(directory.run.first) + 32);
    assert.deepEqual([dot.name, dot.attributes, dot.firstCluster], ['.          ', 0x10, directory.run.first]);
    assert.deepEqual([dotDot.name, dotDot.attributes, dotDot.firstCluster], ['..         ', 0x10, parentCluster]);
  }
});

test('a lowercase 8.3 name gets a long name, not the NT lowercase flag', () => {
  const image = writeVfat(fileTree([['a', 'x']]), { ...OPTIONS, label: '' });
  const { regions } = planVfatLayout(fileTree([['a', 'x']]), { ...OPTIONS, label: '' });
  const long = decodeDirEntry(image, regions.rootStart * 512);
  const short = decodeDirEntry(image, regions.rootStart * 512 + 32);
  assert.equal(long.attributes, 0x0f);
  assert.deepEqual([short.name, short.caseFlags], ['A          ', 0]);
});

test('content over a fixed size is a SpecError naming the image', () => {
  assert.throws(
    () => writeVfat(fileTree([['big', new Uint8Array(2_000_000)]]), { ...OPTIONS, size: 1474560 }),
    (error: unknown) => error instanceof SpecError && error.issues[0]?.path === 'image:/',
  );
});

function findDirectory(parent: VfatDirectory, name: string): VfatDirectory {
  const child = parent.children.find((node) => node.name === name);
  if (child?.kind !== 'directory') throw new Error(`no folder ${name}`);
  return child.directory;
}
