import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeDirectoryRecord, writeDirectoryRecordHead } from '../../../src/codec/iso9660/directory-record.js';
import { decodeNmEntry, decodePxFileType, DIRECTORY_MODE, writeNmEntry, writePxEntry, writeTfEntry } from '../../../src/codec/iso9660/rock-ridge.js';
import { decodeCeEntry, decodeSuspEntries, writeCeEntry } from '../../../src/codec/iso9660/susp.js';
import { encodeRecordingDate } from '../../../src/codec/iso9660/dates.js';

test('a record and its System Use entries written in place read back, and no byte outside them changes', () => {
  const image = new Uint8Array(4096);
  const start = 2048 + 34;
  const date = encodeRecordingDate(1_700_000_000);
  const name = new TextEncoder().encode('network-config');
  const identifier = new TextEncoder().encode('NETWORK_.;1');
  // PX 36 + TF 26 + NM 5+14 + CE 28
  const systemUseLength = 36 + 26 + 5 + name.length + 28;
  const record = { extent: 40, dataLength: 2048, isDirectory: true, identifier };
  const systemUse = writeDirectoryRecordHead(image, start, record, systemUseLength, date);
  let at = writePxEntry(image, systemUse, DIRECTORY_MODE, 3);
  at = writeTfEntry(image, at, date);
  at = writeNmEntry(image, at, name);
  at = writeCeEntry(image, at, { block: 41, offset: 100, length: 237 });
  assert.equal(at, systemUse + systemUseLength);

  const decoded = decodeDirectoryRecord(image, start);
  assert.ok(decoded);
  assert.equal(decoded.length, image[start]);
  assert.equal(start + decoded.length - at <= 1, true, 'only the even-length padding byte follows the entries');
  assert.deepEqual({ extent: decoded.extent, dataLength: decoded.dataLength, isDirectory: decoded.isDirectory }, { extent: 40, dataLength: 2048, isDirectory: true });
  assert.deepEqual([...decoded.identifier], [...identifier]);
  const entries = decodeSuspEntries(decoded.systemUse);
  assert.deepEqual(entries.map((entry) => entry.signature), ['PX', 'TF', 'NM', 'CE']);
  assert.equal(decodePxFileType(entries[0]!), 'directory');
  assert.deepEqual([...decodeNmEntry(entries[2]!)!.bytes], [...name]);
  assert.deepEqual(decodeCeEntry(entries[3]!), { block: 41, offset: 100, length: 237 });
  assert.ok(image.subarray(0, start).every((byte) => byte === 0));
  assert.ok(image.subarray(start + decoded.length).every((byte) => byte === 0));
});
