import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DIR_ENTRY_SIZE } from '../../../src/codec/vfat/dir-entry.js';
import { computeLfnChecksum, countLfnEntries, decodeLfnEntry, encodeLfnEntries } from '../../../src/codec/vfat/lfn.js';
import { runTool, withTempDir } from '../../helpers/tools.js';

test('checksums match the ones mtools wrote for these short names', () => {
  // Read from the LDIR_Chksum bytes of an image made by mkfs.vfat + mcopy (mtools 4.0.32).
  const known: [string, number][] = [
    ['META-D~1   ', 0xd4],
    ['USER_D~1   ', 0xc9],
    ['META_D~1JSO', 0xc0],
    ['LONGNA~1TXT', 0xf4],
    ['AVERYV~1EXT', 0x0c],
    ['AVERYV~2EXT', 0xec],
    ['GENER~10TXT', 0x30],
    ['2018-0~1   ', 0x70],
    ['HIDDEN~1   ', 0x4d],
  ];
  for (const [shortName, checksum] of known) assert.equal(computeLfnChecksum(shortName), checksum, shortName);
});

test('a 9-character name: one entry flagged last, 0x0000 after the name, 0xFFFF after that', () => {
  const [entry, ...rest] = encodeLfnEntries('meta-data', 0xd4);
  assert.equal(rest.length, 0);
  const view = new DataView(entry!.buffer);
  assert.equal(entry![0], 0x41);
  assert.equal(entry![11], 0x0f);
  assert.equal(entry![12], 0);
  assert.equal(entry![13], 0xd4);
  assert.equal(view.getUint16(26, true), 0);
  const units = [1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30].map((offset) => view.getUint16(offset, true));
  assert.deepEqual(units, [...'meta-data'].map((c) => c.charCodeAt(0)).concat([0x0000, 0xffff, 0xffff, 0xffff]));
});

test('a name of exactly 13 units has neither terminator nor padding; 14 units take two entries, last part first', () => {
  assert.equal(decodeLfnEntry(encodeLfnEntries('thirteen-char', 0)[0]!).characters, 'thirteen-char');
  const entries = encodeLfnEntries('meta_data.json', 0xc0);
  assert.deepEqual(entries.map((entry) => entry[0]), [0x42, 0x01]);
  assert.deepEqual(entries.map((entry) => decodeLfnEntry(entry).characters), ['n', 'meta_data.jso']);
});

test('UTF-16 units go in as they are, and 255 units take 20 entries', () => {
  const name = 'é'.repeat(255);
  assert.equal(countLfnEntries(name), 20);
  const entries = encodeLfnEntries(name, 1);
  assert.equal(entries.length, 20);
  assert.equal(entries.map((entry) => decodeLfnEntry(entry).characters).reverse().join(''), name);
});

test('long entries are byte for byte those mcopy writes for the same name', () =>
  withTempDir((dir) => {
    const image = join(dir, 'names.img');
    runTool('mkfs.vfat', ['-C', image, '128']);
    writeFileSync(join(dir, 'source'), 'x');
    runTool('mcopy', ['-i', image, join(dir, 'source'), '::/averyveryverylongfilename.extension']);
    const bytes = new Uint8Array(readFileSync(image));
    const view = new DataView(bytes.buffer);
    const rootStart = (view.getUint16(14, true) + bytes[16]! * view.getUint16(22, true)) * 512;
    const ours = encodeLfnEntries('averyveryverylongfilename.extension', computeLfnChecksum('AVERYV~1EXT'));
    const theirs = ours.map((_, i) => bytes.subarray(rootStart + i * DIR_ENTRY_SIZE, rootStart + (i + 1) * DIR_ENTRY_SIZE));
    assert.deepEqual(ours.map((entry) => Buffer.from(entry).toString('hex')), theirs.map((entry) => Buffer.from(entry).toString('hex')));
  }));
