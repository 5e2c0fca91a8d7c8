/**
 * Which filesystem an image holds, from its first bytes only: the one rule the reader and
 * `libvirt-xml` (which must stay light and reads just the head) both use.
 */
import { hasBootSignature } from './vfat/boot-sector.js';
import { FIRST_DESCRIPTOR_BLOCK, SECTOR_SIZE, STANDARD_IDENTIFIER } from './iso9660/volume-descriptor.js';

export type ImageFilesystem = 'iso9660' | 'vfat';

/** ECMA-119 8.1: the first volume descriptor is at sector 16; "CD001" follows its type byte. */
const ISO_IDENTIFIER_OFFSET = FIRST_DESCRIPTOR_BLOCK * SECTOR_SIZE + 1;

/** Bytes a caller must read for `sniffFilesystem` to see every signature. */
export const SIGNATURE_HEAD_LENGTH = ISO_IDENTIFIER_OFFSET + STANDARD_IDENTIFIER.length;

/** The iso9660 descriptors sit after 32 KiB: an image shorter than this cannot be iso9660. */
export const MIN_ISO9660_LENGTH = (FIRST_DESCRIPTOR_BLOCK + 1) * SECTOR_SIZE;

function hasIsoIdentifier(head: Uint8Array): boolean {
  return STANDARD_IDENTIFIER.every((byte, index) => head[ISO_IDENTIFIER_OFFSET + index] === byte);
}

/** BPB_BytsPerSec: a power of two from 512 to 4096 (fatgen103). */
function hasPlausibleSectorSize(head: Uint8Array): boolean {
  const bytesPerSector = (head[11] ?? 0) | ((head[12] ?? 0) << 8);
  return bytesPerSector >= 512 && bytesPerSector <= 4096 && (bytesPerSector & (bytesPerSector - 1)) === 0;
}

/**
 * iso9660 when the first volume descriptor says "CD001" (checked first: a hybrid iso also has an
 * MBR signature); vfat when sector 0 ends in 0x55 0xAA and its BPB has a sector size FAT allows
 * (the signature alone is any MBR's, and BS_FilSysType is informative only, so it is not used).
 */
export function sniffFilesystem(head: Uint8Array): ImageFilesystem | undefined {
  if (hasIsoIdentifier(head)) return 'iso9660';
  if (hasBootSignature(head) && hasPlausibleSectorSize(head)) return 'vfat';
  return undefined;
}
