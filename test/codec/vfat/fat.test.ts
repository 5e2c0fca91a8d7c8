import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { computeFatByteLength, encodeFat, isEndOfChain, readFatEntry, writeFatEntry } from '../../../src/codec/vfat/fat.js';
import { runTool, withTempDir } from '../../helpers/tools.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

test('FAT12 packs two 12-bit entries into three bytes', () => {
  const fat = new Uint8Array(6);
  [0xff8, 0xfff, 0x003, 0xabc].forEach((value, cluster) => {
    writeFatEntry(fat, 12, cluster, value);
  });
  // Entry 0 = low byte + low nibble of byte 1; entry 1 = high nibble of byte 1 + byte 2.
  assert.equal(hex(fat), 'f8ffff03c0ab');
  assert.deepEqual([0, 1, 2, 3].map((cluster) => readFatEntry(fat, 12, cluster)), [0xff8, 0xfff, 0x003, 0xabc]);
});

test('writing one FAT12 entry leaves its neighbour sharing the middle byte intact', () => {
  const fat = new Uint8Array(6);
  writeFatEntry(fat, 12, 2, 0x123);
  writeFatEntry(fat, 12, 3, 0x456);
  writeFatEntry(fat, 12, 2, 0xfff);
  assert.equal(readFatEntry(fat, 12, 3), 0x456);
  assert.equal(readFatEntry(fat, 12, 2), 0xfff);
});

test('FAT16 entries are little-endian words', () => {
  const fat = encodeFat(16, 16, 0xf8, [{ first: 2, count: 2 }, { first: 4, count: 1 }]);
  assert.equal(hex(fat), 'f8ffffff0300ffffffff000000000000');
});

test('chains end in end-of-chain; FAT[0] holds the media byte', () => {
  const fat = encodeFat(12, 12, 0xf0, [{ first: 2, count: 3 }, { first: 5, count: 1 }]);
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map((cluster) => readFatEntry(fat, 12, cluster)), [0xff0, 0xfff, 3, 4, 0xfff, 0xfff, 0]);
  assert.ok(isEndOfChain(12, 0xff8) && !isEndOfChain(12, 0xff7));
  assert.ok(isEndOfChain(16, 0xfff8) && !isEndOfChain(16, 0xff8));
});

test('FAT sizes: 1.5 bytes per FAT12 entry rounded up, 2 per FAT16 entry', () => {
  assert.equal(computeFatByteLength(12, 3), 5);
  assert.equal(computeFatByteLength(12, 4), 6);
  assert.equal(computeFatByteLength(16, 4), 8);
});

test('the FAT of one three-cluster file equals the one mkfs.vfat + mcopy write', () =>
  withTempDir((dir) => {
    const image = join(dir, 'fat.img');
    runTool('mkfs.vfat', ['-C', image, '128']);
    writeFileSync(join(dir, 'file'), new Uint8Array(5000));
    runTool('mcopy', ['-i', image, join(dir, 'file'), '::/FILE']);
    const bytes = new Uint8Array(readFileSync(image));
    assert.equal(bytes[13], 4, 'mkfs.vfat made 2 KiB clusters, so 5000 bytes take clusters 2-4');
    const theirs = bytes.subarray(512, 1024);
    assert.equal(hex(encodeFat(12, 512, 0xf8, [{ first: 2, count: 3 }])), hex(theirs));
  }));
