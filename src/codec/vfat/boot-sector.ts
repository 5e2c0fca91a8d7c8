/**
 * The boot sector of a FAT12/16 volume (fatgen103 "Boot Sector and BPB"). The BIOS parameter block grew
 * with DOS versions, so its parts are named for them and nest: the DOS 2.0 BPB inside the DOS 3.31 BPB
 * inside the DOS 4.0 extended BPB.
 */

export const SECTOR_SIZE = 512;

/** Byte offsets in sector 0. */
const Sector = {
  jump: 0, // BS_jmpBoot
  oemName: 3, // BS_OEMName, 8 bytes
  bpb: 11, // the extended BPB below
  bootCode: 62, // where BS_jmpBoot lands on FAT12/16
  signature: 510, // 0x55 0xAA
} as const;

/** Offsets in the DOS 2.0 BPB (13 bytes). */
const Dos20 = {
  bytesPerSector: 0, // BPB_BytsPerSec
  sectorsPerCluster: 2, // BPB_SecPerClus
  reservedSectors: 3, // BPB_RsvdSecCnt
  fatCount: 5, // BPB_NumFATs
  rootEntries: 6, // BPB_RootEntCnt
  totalSectors16: 8, // BPB_TotSec16, 0 when the count needs 32 bits
  media: 10, // BPB_Media
  sectorsPerFat: 11, // BPB_FATSz16
  length: 13,
} as const;

/** Offsets in the DOS 3.31 BPB (25 bytes), after its DOS 2.0 part. */
const Dos331 = {
  sectorsPerTrack: 13, // BPB_SecPerTrk
  heads: 15, // BPB_NumHeads
  hiddenSectors: 17, // BPB_HiddSec: sectors before this volume on the disk
  totalSectors32: 21, // BPB_TotSec32
  length: 25,
} as const;

/** Offsets in the DOS 4.0 extended BPB of FAT12/16 (51 bytes), after its DOS 3.31 part. */
const Dos40 = {
  driveNumber: 25, // BS_DrvNum
  reserved: 26, // BS_Reserved1
  extendedSignature: 27, // BS_BootSig: 0x29 says the three fields below are present
  serial: 28, // BS_VolID
  label: 32, // BS_VolLab, 11 bytes
  fileSystemType: 43, // BS_FilSysType, 8 bytes, informative only
  length: 51,
} as const;

export const EXTENDED_BOOT_SIGNATURE = 0x29;
const BOOT_SIGNATURE = [0x55, 0xaa];
export const BOOT_SIGNATURE_OFFSET = Sector.signature;

/** Sector 0 ends in the boot signature word 0x55 0xAA. */
export function hasBootSignature(sector: Uint8Array): boolean {
  return sector[Sector.signature] === BOOT_SIGNATURE[0] && sector[Sector.signature + 1] === BOOT_SIGNATURE[1];
}
/** A short jump over the BPB to the boot code, then NOP. */
const JUMP = [0xeb, Sector.bootCode - 2, 0x90];
/** Boot code for someone who boots the seed by mistake: INT 18h (try the next boot device), then halt forever. */
const BOOT_CODE = [0xcd, 0x18, 0xf4, 0xeb, 0xfd];

export interface Dos20Bpb {
  readonly bytesPerSector: number;
  readonly sectorsPerCluster: number;
  readonly reservedSectors: number;
  readonly fatCount: number;
  readonly rootEntries: number;
  readonly totalSectors16: number;
  readonly media: number;
  readonly sectorsPerFat: number;
}

export interface Dos331Bpb {
  readonly dos20: Dos20Bpb;
  readonly sectorsPerTrack: number;
  readonly heads: number;
  readonly hiddenSectors: number;
  readonly totalSectors32: number;
}

export interface Dos40Ebpb {
  readonly dos331: Dos331Bpb;
  readonly driveNumber: number;
  readonly extendedSignature: number;
  readonly serial: number;
  /** 11 single-byte characters, space padded. */
  readonly label: string;
  /** 8 single-byte characters, space padded (`FAT12   `). */
  readonly fileSystemType: string;
}

export interface BootSector {
  /** 8 single-byte characters. */
  readonly oemName: string;
  readonly ebpb: Dos40Ebpb;
  /** Bytes 510-511 are 0x55 0xAA. */
  readonly hasSignature: boolean;
}

export function encodeBootSector(oemName: string, ebpb: Dos40Ebpb): Uint8Array {
  const sector = new Uint8Array(SECTOR_SIZE);
  sector.set(JUMP, Sector.jump);
  writeText(sector, Sector.oemName, oemName, 8);
  sector.set(encodeDos40Ebpb(ebpb), Sector.bpb);
  sector.set(BOOT_CODE, Sector.bootCode);
  sector.set(BOOT_SIGNATURE, Sector.signature);
  return sector;
}

export function decodeBootSector(sector: Uint8Array): BootSector {
  return {
    oemName: readText(sector, Sector.oemName, 8),
    ebpb: decodeDos40Ebpb(sector.subarray(Sector.bpb, Sector.bpb + Dos40.length)),
    hasSignature: hasBootSignature(sector),
  };
}

export function encodeDos20Bpb(bpb: Dos20Bpb): Uint8Array {
  const bytes = new Uint8Array(Dos20.length);
  const view = new DataView(bytes.buffer);
  view.setUint16(Dos20.bytesPerSector, bpb.bytesPerSector, true);
  view.setUint8(Dos20.sectorsPerCluster, bpb.sectorsPerCluster);
  view.setUint16(Dos20.reservedSectors, bpb.reservedSectors, true);
  view.setUint8(Dos20.fatCount, bpb.fatCount);
  view.setUint16(Dos20.rootEntries, bpb.rootEntries, true);
  view.setUint16(Dos20.totalSectors16, bpb.totalSectors16, true);
  view.setUint8(Dos20.media, bpb.media);
  view.setUint16(Dos20.sectorsPerFat, bpb.sectorsPerFat, true);
  return bytes;
}

/** Expects exactly the 13 bytes of the DOS 2.0 BPB. */
export function decodeDos20Bpb(bytes: Uint8Array): Dos20Bpb {
  const view = viewOf(bytes, Dos20.length);
  return {
    bytesPerSector: view.getUint16(Dos20.bytesPerSector, true),
    sectorsPerCluster: view.getUint8(Dos20.sectorsPerCluster),
    reservedSectors: view.getUint16(Dos20.reservedSectors, true),
    fatCount: view.getUint8(Dos20.fatCount),
    rootEntries: view.getUint16(Dos20.rootEntries, true),
    totalSectors16: view.getUint16(Dos20.totalSectors16, true),
    media: view.getUint8(Dos20.media),
    sectorsPerFat: view.getUint16(Dos20.sectorsPerFat, true),
  };
}

export function encodeDos331Bpb(bpb: Dos331Bpb): Uint8Array {
  const bytes = new Uint8Array(Dos331.length);
  const view = new DataView(bytes.buffer);
  bytes.set(encodeDos20Bpb(bpb.dos20), 0);
  view.setUint16(Dos331.sectorsPerTrack, bpb.sectorsPerTrack, true);
  view.setUint16(Dos331.heads, bpb.heads, true);
  view.setUint32(Dos331.hiddenSectors, bpb.hiddenSectors, true);
  view.setUint32(Dos331.totalSectors32, bpb.totalSectors32, true);
  return bytes;
}

/** Expects exactly the 25 bytes of the DOS 3.31 BPB. */
export function decodeDos331Bpb(bytes: Uint8Array): Dos331Bpb {
  const view = viewOf(bytes, Dos331.length);
  return {
    dos20: decodeDos20Bpb(bytes.subarray(0, Dos20.length)),
    sectorsPerTrack: view.getUint16(Dos331.sectorsPerTrack, true),
    heads: view.getUint16(Dos331.heads, true),
    hiddenSectors: view.getUint32(Dos331.hiddenSectors, true),
    totalSectors32: view.getUint32(Dos331.totalSectors32, true),
  };
}

export function encodeDos40Ebpb(ebpb: Dos40Ebpb): Uint8Array {
  const bytes = new Uint8Array(Dos40.length);
  const view = new DataView(bytes.buffer);
  bytes.set(encodeDos331Bpb(ebpb.dos331), 0);
  view.setUint8(Dos40.driveNumber, ebpb.driveNumber);
  view.setUint8(Dos40.reserved, 0);
  view.setUint8(Dos40.extendedSignature, ebpb.extendedSignature);
  view.setUint32(Dos40.serial, ebpb.serial, true);
  writeText(bytes, Dos40.label, ebpb.label, 11);
  writeText(bytes, Dos40.fileSystemType, ebpb.fileSystemType, 8);
  return bytes;
}

/** Expects exactly the 51 bytes of the DOS 4.0 extended BPB. */
export function decodeDos40Ebpb(bytes: Uint8Array): Dos40Ebpb {
  const view = viewOf(bytes, Dos40.length);
  return {
    dos331: decodeDos331Bpb(bytes.subarray(0, Dos331.length)),
    driveNumber: view.getUint8(Dos40.driveNumber),
    extendedSignature: view.getUint8(Dos40.extendedSignature),
    serial: view.getUint32(Dos40.serial, true),
    label: readText(bytes, Dos40.label, 11),
    fileSystemType: readText(bytes, Dos40.fileSystemType, 8),
  };
}

function viewOf(bytes: Uint8Array, length: number): DataView {
  if (bytes.length !== length) throw new Error(`expected ${length} bytes, got ${bytes.length}`);
  return new DataView(bytes.buffer, bytes.byteOffset, length);
}

/** Single-byte text, space padded to `length`. */
function writeText(bytes: Uint8Array, offset: number, text: string, length: number): void {
  for (let i = 0; i < length; i++) bytes[offset + i] = i < text.length ? text.charCodeAt(i) : 0x20;
}

function readText(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}
