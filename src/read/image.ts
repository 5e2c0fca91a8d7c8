/**
 * Tells iso9660 from FAT by their signatures and reads the image with the matching reader.
 * Anything else (random bytes, a qcow2, an image cut short before its metadata) is an IoError.
 */
import { IoError } from '../errors.js';
import type { FileTree } from '../render/file-tree.js';
import type { ImageLabels } from './datasource.js';
import { readIso9660 } from './iso9660.js';
import type { SeedFilesystem } from './report-types.js';
import { readVfat } from './vfat.js';

const ISO_SECTOR = 2048;
/** ECMA-119 8.1: volume descriptors start at sector 16 with type, then "CD001". */
const ISO_FIRST_DESCRIPTOR = 16 * ISO_SECTOR;
const ISO_STANDARD_IDENTIFIER = 'CD001';
/** fatgen103: the boot sector ends in 0x55 0xAA at offset 510. */
const FAT_SIGNATURE_OFFSET = 510;
const FAT_SIGNATURE = [0x55, 0xaa];
/** fatgen103: BS_VolLab of a volume without a label. */
const NO_LABEL = 'NO NAME';

export interface ReadImage extends ImageLabels {
  readonly filesystem: SeedFilesystem;
  readonly tree: FileTree;
  /** Paths more than one entry of a folder decodes to: the tree holds the first one only. */
  readonly duplicates: readonly string[];
}

function isIso9660(image: Uint8Array): boolean {
  const id = image.subarray(ISO_FIRST_DESCRIPTOR + 1, ISO_FIRST_DESCRIPTOR + 1 + ISO_STANDARD_IDENTIFIER.length);
  return String.fromCharCode(...id) === ISO_STANDARD_IDENTIFIER;
}

function isFat(image: Uint8Array): boolean {
  return image[FAT_SIGNATURE_OFFSET] === FAT_SIGNATURE[0] && image[FAT_SIGNATURE_OFFSET + 1] === FAT_SIGNATURE[1];
}

export function readImage(image: Uint8Array): ReadImage {
  if (isIso9660(image)) {
    const iso = readIso9660(image);
    return {
      filesystem: { type: 'iso9660', nameTables: { primary: true, ...iso.extensions }, namesReadFrom: iso.names },
      label: iso.label,
      tree: iso.tree,
      duplicates: iso.duplicates,
    };
  }
  if (isFat(image)) {
    const fat = readVfat(image);
    // blkid reports the boot sector's label as LABEL_FATBOOT whenever there is one.
    const hasBootLabel = fat.bootLabel !== '' && fat.bootLabel !== NO_LABEL;
    return {
      filesystem: { type: 'vfat', fatType: fat.fatType, bootLabel: fat.bootLabel },
      label: fat.label,
      ...(hasBootLabel ? { bootLabel: fat.bootLabel } : {}),
      tree: fat.tree,
      duplicates: fat.duplicates,
    };
  }
  throw new IoError(
    image.length < ISO_FIRST_DESCRIPTOR + ISO_SECTOR && !isFat(image)
      ? `not a seed image: ${image.length} bytes, too short for iso9660 and no FAT boot sector`
      : 'not a seed image: neither an iso9660 volume descriptor nor a FAT boot sector',
  );
}
