import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseGeometry, computeRegions, type ContentNeeds, type VfatGeometry } from '../../../src/pack/vfat/geometry.js';
import { planVfatLayout, type VfatDirectory } from '../../../src/pack/vfat/layout.js';
import { fileTree } from '../../../src/common/file-tree.js';

/** Content of `files` files of `bytes` bytes each, in the root. */
function needsOf(files: number, bytes: number, rootEntries = files + 1): ContentNeeds {
  return { rootEntries, clustersFor: (clusterBytes) => files * Math.ceil(bytes / clusterBytes) };
}

function geometryOf(needs: ContentNeeds, size?: number): VfatGeometry {
  const choice = chooseGeometry(needs, size);
  if ('problem' in choice) throw new Error(choice.problem);
  return choice.geometry;
}

/** fatgen103 "FAT Type Determination", as every reader computes it from the BPB. */
function determineFatType(geometry: VfatGeometry): number {
  const { dataStart } = computeRegions(geometry);
  const clusters = Math.floor((geometry.totalSectors - dataStart) / geometry.sectorsPerCluster);
  assert.equal(clusters, geometry.clusterCount, 'the BPB gives the planned cluster count');
  return clusters < 4085 ? 12 : clusters < 65525 ? 16 : 32;
}

test('a typical NoCloud seed is FAT12 with 512-byte clusters and well under 64 KiB', () => {
  const tree = fileTree([
    ['meta-data', 'instance-id: iid-1\nlocal-hostname: web01\n'],
    ['user-data', `#cloud-config\n${'x'.repeat(3000)}`],
    ['network-config', `version: 2\n${'y'.repeat(600)}`],
    ['vendor-data', '#cloud-config\n'],
  ]);
  const { geometry } = planVfatLayout(tree, { label: 'cidata', epoch: 0 });
  assert.equal(geometry.fatType, 12);
  assert.equal(geometry.sectorsPerCluster, 1);
  // label + 4 x (long entry + short entry) = 9 entries: one sector of 16.
  assert.equal(geometry.rootEntries, 16);
  assert.equal(geometry.clusterCount, 1 + 6 + 2 + 1);
  assert.equal(geometry.totalSectors, 1 + 2 * 1 + 1 + 10);
  assert.ok(geometry.totalSectors * 512 <= 64 * 1024);
});

test('FAT12 while the volume stays within 8400 sectors, with the smallest cluster that keeps FAT12', () => {
  assert.deepEqual(pick(geometryOf(needsOf(1, 1_000_000))), { fatType: 12, sectorsPerCluster: 1 });
  assert.deepEqual(pick(geometryOf(needsOf(1, 3_000_000))), { fatType: 12, sectorsPerCluster: 2 });
});

test('FAT16 above that, with DskTableFAT16 cluster sizes', () => {
  assert.deepEqual(pick(geometryOf(needsOf(1, 5_000_000))), { fatType: 16, sectorsPerCluster: 2 });
  assert.deepEqual(pick(geometryOf(needsOf(5, 4_000_000))), { fatType: 16, sectorsPerCluster: 4 });
  assert.deepEqual(pick(geometryOf(needsOf(1, 200_000_000))), { fatType: 16, sectorsPerCluster: 8 });
  assert.deepEqual(pick(geometryOf(needsOf(1, 1_500_000_000))), { fatType: 16, sectorsPerCluster: 64 });
});

test('FAT16 keeps 512 root entries; FAT12 grows the root to what the content needs', () => {
  assert.equal(geometryOf(needsOf(1, 5_000_000)).rootEntries, 512);
  assert.equal(geometryOf(needsOf(600, 10_000, 1201)).rootEntries, 1216);
  assert.equal(geometryOf(needsOf(0, 0, 0)).rootEntries, 16);
});

test('cluster counts stay 16 away from the FAT12/FAT16 boundary, and readers agree on the type', () => {
  for (let bytes = 1_900_000; bytes <= 4_600_000; bytes += 7_919) {
    for (const files of [1, 40]) {
      const geometry = geometryOf(needsOf(files, Math.ceil(bytes / files)));
      assert.equal(determineFatType(geometry), geometry.fatType, `${files} files of ${bytes} bytes`);
      assert.ok(geometry.clusterCount <= 4085 - 17 || geometry.clusterCount >= 4085 + 16, `${geometry.clusterCount} clusters`);
    }
  }
});

test('more than FAT16 holds is a problem, not an image', () => {
  const choice = chooseGeometry(needsOf(1, 2_200_000_000));
  assert.ok('problem' in choice && /larger than FAT16/.test(choice.problem));
});

test('a 1440K size is laid out like a DOS 1.44 MB floppy (as mkfs.fat does)', () => {
  const geometry = geometryOf(needsOf(3, 1000), 1474560);
  assert.deepEqual(
    { ...geometry },
    {
      fatType: 12, sectorsPerCluster: 1, reservedSectors: 1, fatCount: 2, sectorsPerFat: 9, rootEntries: 224,
      totalSectors: 2880, clusterCount: 2847, media: 0xf0, driveNumber: 0, sectorsPerTrack: 18, heads: 2,
    },
  );
});

test('a fixed size: too small, or not whole sectors, is a problem', () => {
  const tooSmall = chooseGeometry(needsOf(1, 100_000), 64 * 1024);
  assert.ok('problem' in tooSmall && /needs 196 clusters of 512 bytes, a 65536-byte image holds 93/.test(tooSmall.problem), JSON.stringify(tooSmall));
  assert.ok('problem' in chooseGeometry(needsOf(1, 10), 1000));
  assert.ok('problem' in chooseGeometry(needsOf(300, 10), 1474560), 'more root entries than a floppy has');
  const fixed = geometryOf(needsOf(1, 10), 8 * 1024 * 1024);
  assert.equal(fixed.fatType, 16);
  assert.equal(fixed.totalSectors, 16384);
  assert.equal(determineFatType(fixed), 16);
});

test('clusters: each directory before its children, one contiguous run each, empty files at cluster 0', () => {
  const layout = planVfatLayout(
    fileTree([
      ['b/inner/file', 'x'.repeat(1500)],
      ['a', 'y'.repeat(513)],
      ['b/empty', ''],
      ['c', 'z'],
    ]),
    { label: 'cidata', epoch: 0 },
  );
  const placed = describe(layout.root);
  assert.deepEqual(placed, [
    'a 2+2',
    'b 4+1',
    'b/empty 0+0',
    'b/inner 5+1',
    'b/inner/file 6+3',
    'c 9+1',
  ]);
  assert.equal(layout.geometry.clusterCount, 8);
  assert.deepEqual(layout.runs.map(({ first, count }) => `${first}+${count}`), ['2+2', '4+1', '5+1', '6+3', '9+1']);
});

function describe(directory: VfatDirectory, prefix = ''): string[] {
  return directory.children.flatMap((child) => {
    const run = child.kind === 'file' ? child.run : child.directory.run;
    const line = `${prefix}${child.name} ${run.first}+${run.count}`;
    return child.kind === 'file' ? [line] : [line, ...describe(child.directory, `${prefix}${child.name}/`)];
  });
}

function pick(geometry: VfatGeometry): { fatType: number; sectorsPerCluster: number } {
  return { fatType: geometry.fatType, sectorsPerCluster: geometry.sectorsPerCluster };
}
