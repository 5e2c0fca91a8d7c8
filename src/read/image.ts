/**
 * Tells iso9660 from FAT by their signatures and reads the image with the matching reader.
 * Anything else (random bytes, a qcow2, an image cut short before its metadata) is an IoError.
 */
import { MIN_ISO9660_LENGTH, sniffFilesystem } from '../codec/signature.js';
import { IoError } from '../errors.js';
import type { FileTree } from '../common/file-tree.js';
import type { ImageLabels } from './datasource.js';
import { readIso9660 } from './iso9660.js';
import type { SeedFilesystem } from './report-types.js';
import { readVfat } from './vfat.js';

/** fatgen103: BS_VolLab of a volume without a label. */
const NO_LABEL = 'NO NAME';

export interface ReadImage extends ImageLabels {
  readonly filesystem: SeedFilesystem;
  readonly tree: FileTree;
}

export function readImage(image: Uint8Array): ReadImage {
  const filesystem = sniffFilesystem(image);
  if (filesystem === 'iso9660') {
    const iso = readIso9660(image);
    return {
      filesystem: { type: 'iso9660', nameTables: { primary: true, ...iso.extensions }, namesReadFrom: iso.names },
      label: iso.label,
      tree: iso.tree,
    };
  }
  if (filesystem === 'vfat') {
    const fat = readVfat(image);
    // blkid reports the boot sector's label as LABEL_FATBOOT whenever there is one.
    const hasBootLabel = fat.bootLabel !== '' && fat.bootLabel !== NO_LABEL;
    return {
      filesystem: { type: 'vfat', fatType: fat.fatType, bootLabel: fat.bootLabel },
      label: fat.label,
      ...(hasBootLabel ? { bootLabel: fat.bootLabel } : {}),
      tree: fat.tree,
    };
  }
  throw new IoError(
    image.length < MIN_ISO9660_LENGTH
      ? `not a seed image: ${image.length} bytes, too short for iso9660 and no FAT boot sector`
      : 'not a seed image: neither an iso9660 volume descriptor nor a FAT boot sector',
  );
}
