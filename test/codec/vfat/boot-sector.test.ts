import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  decodeBootSector,
  decodeDos20Bpb,
  decodeDos331Bpb,
  encodeBootSector,
  encodeDos20Bpb,
  encodeDos331Bpb,
  encodeDos40Ebpb,
} from '../../../src/codec/vfat/boot-sector.js';
import { runTool, withTempDir } from '../../helpers/tools.js';

test('the BPBs of a mkfs.vfat boot sector decode to its parameters and encode back to the same bytes', () =>
  withTempDir((dir) => {
    const path = join(dir, 'ref.img');
    runTool('mkfs.vfat', ['-n', 'CIDATA', '-i', 'DEADBEEF', '-C', path, '1440']);
    const sector = new Uint8Array(readFileSync(path)).subarray(0, 512);
    const boot = decodeBootSector(sector);
    assert.equal(boot.oemName, 'mkfs.fat');
    assert.ok(boot.hasSignature);
    assert.deepEqual(boot.ebpb.dos331.dos20, {
      bytesPerSector: 512, sectorsPerCluster: 1, reservedSectors: 1, fatCount: 2, rootEntries: 224,
      totalSectors16: 2880, media: 0xf0, sectorsPerFat: 9,
    });
    assert.deepEqual(
      { ...boot.ebpb, dos331: undefined },
      { dos331: undefined, driveNumber: 0, extendedSignature: 0x29, serial: 0xdeadbeef, label: 'CIDATA     ', fileSystemType: 'FAT12   ' },
    );
    assert.deepEqual(encodeDos40Ebpb(boot.ebpb), sector.subarray(11, 62));
    assert.deepEqual(encodeDos331Bpb(decodeDos331Bpb(sector.subarray(11, 36))), sector.subarray(11, 36));
    assert.deepEqual(encodeDos20Bpb(decodeDos20Bpb(sector.subarray(11, 24))), sector.subarray(11, 24));
  }));

test('our boot sector: jump to the boot code, OEM name, BPB, 0x55AA', () => {
  const ebpb = {
    dos331: {
      dos20: { bytesPerSector: 512, sectorsPerCluster: 4, reservedSectors: 1, fatCount: 2, rootEntries: 512, totalSectors16: 0, media: 0xf8, sectorsPerFat: 40 },
      sectorsPerTrack: 32, heads: 64, hiddenSectors: 0, totalSectors32: 70000,
    },
    driveNumber: 0x80, extendedSignature: 0x29, serial: 0x01020304, label: 'CIDATA     ', fileSystemType: 'FAT16   ',
  };
  const sector = encodeBootSector('MSWIN4.1', ebpb);
  assert.equal(sector.length, 512);
  assert.deepEqual([...sector.subarray(0, 3)], [0xeb, 0x3c, 0x90]);
  assert.deepEqual([...sector.subarray(510)], [0x55, 0xaa]);
  assert.deepEqual(decodeBootSector(sector), { oemName: 'MSWIN4.1', ebpb, hasSignature: true });
  const view = new DataView(sector.buffer);
  // fatgen103 offsets: BPB_TotSec32 at 32, BS_VolID at 39, BS_VolLab at 43, BS_FilSysType at 54.
  assert.equal(view.getUint32(32, true), 70000);
  assert.equal(view.getUint32(39, true), 0x01020304);
  assert.equal(Buffer.from(sector.subarray(43, 54)).toString('latin1'), 'CIDATA     ');
  assert.equal(Buffer.from(sector.subarray(54, 62)).toString('latin1'), 'FAT16   ');
});

test('BPB decoders take exactly their own bytes', () => {
  assert.throws(() => decodeDos20Bpb(new Uint8Array(12)), /expected 13 bytes/);
  assert.throws(() => decodeDos331Bpb(new Uint8Array(26)), /expected 25 bytes/);
});
