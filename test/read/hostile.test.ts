/**
 * Hostile images: reference-tool images with loops, bad sizes or random bytes written into their
 * metadata. readSeed must answer with a report or an IoError, never crash or hang.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { IoError } from '../../src/errors.js';
import { encodeCeEntry } from '../../src/codec/iso9660/susp.js';
import { collectSuspEntries, createSuspReader } from '../../src/read/iso9660-system-use.js';
import { readNoCloudContent } from '../../src/read/nocloud-content.js';
import { readSeed } from '../../src/read/seed.js';
import { createTreeBudget } from '../../src/read/tree-budget.js';
import { seededRandom } from '../helpers/random-tree.js';
import { makeIso, makeVfat, textTree } from './reference-images.js';

const SECTOR = 2048;
const TREE = textTree({
  'openstack/latest/meta_data.json': '{"uuid": "u-1"}',
  'openstack/latest/user_data': '#cloud-config\n',
  'a long file name with spaces.txt': 'x'.repeat(5000),
});

let jolietOnly: Uint8Array;
let fat12: Uint8Array;
let fat32: Uint8Array;
before(async () => {
  jolietOnly = await makeIso('genisoimage', ['-J', '-V', 'config-2'], TREE);
  fat12 = await makeVfat(['-F', '12', '-n', 'CONFIG-2'], 1440, TREE);
  fat32 = await makeVfat(['-F', '32', '-n', 'CONFIG-2'], 40 * 1024, TREE);
});

function isIoError(error: unknown): boolean {
  return error instanceof IoError;
}

/**
 * The directory record whose identifier is `name` (ECMA-119 9.1: length byte at 0, identifier
 * length at 32, identifier from 33); path table entries with the same name are passed over.
 */
function findRecord(image: Uint8Array, name: Uint8Array): number {
  const bytes = Buffer.from(image);
  for (let at = bytes.indexOf(name); at >= 0; at = bytes.indexOf(name, at + 1)) {
    if (image[at - 1] === name.length && (image[at - 33] ?? 0) >= 33 + name.length) return at - 33;
  }
  throw new Error('record not found');
}

/** ECMA-119 9.1.3: a directory record's extent location, little-endian half at offset 2. */
function setExtent(image: Uint8Array, record: number, extent: number): void {
  new DataView(image.buffer, image.byteOffset + record + 2, 4).setUint32(0, extent, true);
}

test('iso9660: a folder record pointing back at the root is a loop, not a hang', () => {
  const image = jolietOnly.slice();
  // Joliet identifiers are UCS-2 big-endian.
  const record = findRecord(image, Buffer.from('openstack', 'utf16le').swap16());
  const rootExtent = new DataView(image.buffer, 17 * SECTOR + 156 + 2, 4).getUint32(0, true);
  setExtent(image, record, rootExtent);
  assert.throws(() => readSeed(image), /loops back/);
});

test('iso9660: a file claiming more bytes than the image holds', () => {
  const image = jolietOnly.slice();
  const record = findRecord(image, Buffer.from('user_data', 'utf16le').swap16());
  // ECMA-119 9.1.4: data length, little-endian half at offset 10.
  new DataView(image.buffer, record + 10, 4).setUint32(0, image.length + SECTOR, true);
  assert.throws(() => readSeed(image), /past the end/);
});

test('vfat: a folder whose cluster is its parent loops back', () => {
  const image = fat12.slice();
  // mcopy gave "openstack" the short name OPENST~1 (attribute 0x10: folder); "latest" is inside it.
  const latest = Buffer.from(image).indexOf(Buffer.from('LATEST     \x10', 'latin1'));
  const openstack = Buffer.from(image).indexOf(Buffer.from('OPENST~1   \x10', 'latin1'));
  assert.ok(latest > 0 && openstack > 0, 'found both folder entries');
  image.set(image.subarray(openstack + 26, openstack + 28), latest + 26);
  assert.throws(() => readSeed(image), /loops back/);
});

test('vfat: a FAT32 root chain that loops on itself', () => {
  const image = fat32.slice();
  const view = new DataView(image.buffer);
  const reserved = view.getUint16(14, true);
  const rootCluster = view.getUint32(44, true);
  // Both FATs: readers pick the first unless mirroring is off.
  const fatBytes = view.getUint32(36, true) * 512;
  for (const fat of [reserved * 512, reserved * 512 + fatBytes]) view.setUint32(fat + rootCluster * 4, rootCluster, true);
  assert.throws(() => readSeed(image), /cluster chain of \/ is broken/);
});

test('random bytes in the metadata of reference images: a report or an IoError', () => {
  const cases: [string, Uint8Array, number, number][] = [
    ['genisoimage -J', jolietOnly, 16 * SECTOR, 30 * SECTOR],
    ['FAT12', fat12, 0, 33 * 512],
    ['FAT32', fat32, 0, 32 * 512 + 2 * 320 * 512 + 4096],
  ];
  for (const [name, original, start, end] of cases) {
    // One copy per image, mutated and put back per seed: copying the 40 MiB FAT32 image for each
    // seed cost more than reading it.
    const image = original.slice();
    for (let seed = 1; seed <= 150; seed++) {
      const random = seededRandom(seed);
      const changed: [number, number][] = [];
      for (let i = 0; i < 1 + random() * 16; i++) {
        const offset = start + Math.floor(random() * (Math.min(end, image.length) - start));
        changed.push([offset, image[offset]!]);
        image[offset] = Math.floor(random() * 256);
      }
      try {
        readSeed(image);
      } catch (error) {
        assert.ok(isIoError(error), `${name} seed ${seed}: ${String(error)}`);
      }
      for (const [offset, byte] of changed.reverse()) image[offset] = byte;
    }
    assert.deepEqual(image, original, `${name}: every mutation was put back`);
  }
});

test('the tree budget stops shared-extent bombs', () => {
  const budget = createTreeBudget(1024);
  budget.spend('a', 60 * 1024 * 1024);
  assert.throws(() => budget.spend('b', 8 * 1024 * 1024), /more than 67108864 bytes at b/);
  const many = createTreeBudget(0);
  assert.throws(() => {
    for (let i = 0; i <= 100_000; i++) many.spend(`f${i}`, 0);
  }, /more than 100000 files/);
});

test('the metadata budget: SUSP entries, directory records and cluster links are capped per read', () => {
  const budget = createTreeBudget(0);
  budget.spendMetadata('SUSP entries', 1_000_000);
  assert.throws(() => budget.spendMetadata('SUSP entries', 1), /more than 1000000 SUSP entries/);
  budget.spendMetadata('cluster links', 4_000_000);
  assert.throws(() => budget.spendMetadata('cluster links', 1), /more than 4000000 cluster links/);
});

test('a continuation area that many records (and its own CE) point at is decoded once', () => {
  const area = new Uint8Array(4 * SECTOR);
  const ce = encodeCeEntry({ block: 1, offset: 0, length: 2 * SECTOR });
  for (let at = SECTOR; at + ce.length <= 3 * SECTOR; at += ce.length) area.set(ce, at);
  const reader = createSuspReader(area, createTreeBudget(area.length));
  const perRecord = Math.floor((2 * SECTOR) / ce.length);
  for (let record = 0; record < 100; record++) {
    // The record's own CE, then the area's entries once: its CE back to itself is a loop, not 32 more hops.
    assert.equal(collectSuspEntries(reader, ce, 0).length, 1 + perRecord);
  }
  assert.equal(reader.areas.size, 1);
});

test('a network-config listing 300000 nameservers: read whole, no RangeError from spreading the list', () => {
  const addresses = Array.from({ length: 300_000 }, (_, i) => `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`);
  const network = { version: 2, ethernets: { eth0: { dhcp4: true, nameservers: { addresses } } } };
  const tree = textTree({ 'meta-data': 'instance-id: i-1\n', 'user-data': '#cloud-config\n', 'network-config': JSON.stringify(network) });
  assert.equal(readNoCloudContent(tree).network?.nameservers.length, 300_000);
});
