/**
 * Reads any seed image back (ours or another tool's): which filesystem, which label, which
 * datasource the label and files point to, and the file tree. Used by `inspect` and library callers.
 */
import { IoError } from '../errors.js';
import type { FileTree } from '../render/file-tree.js';
import type { DatasourceName } from '../spec/types.js';
import { readIso9660 } from './iso9660.js';
import { readVfat } from './vfat.js';

export interface SeedImage {
  readonly filesystem: 'iso9660' | 'vfat';
  readonly label: string;
  /** What cloud-init would take the image for, judging by label and files; undefined when neither fits. */
  readonly datasource?: DatasourceName;
  readonly files: FileTree;
}

const ISO_SECTOR = 2048;

function isIso9660(image: Uint8Array): boolean {
  // ECMA-119 8.1: the first volume descriptor (sector 16) carries the standard identifier "CD001".
  const id = image.subarray(16 * ISO_SECTOR + 1, 16 * ISO_SECTOR + 6);
  return new TextDecoder().decode(id) === 'CD001';
}

function isFat(image: Uint8Array): boolean {
  // Boot sector signature 0x55 0xAA at offset 510 and a plausible bytes-per-sector value.
  const bytesPerSector = image[11]! | (image[12]! << 8);
  return image[510] === 0x55 && image[511] === 0xaa && [512, 1024, 2048, 4096].includes(bytesPerSector);
}

function guessDatasource(label: string, files: FileTree): DatasourceName | undefined {
  const lower = label.toLowerCase();
  if (lower === 'cidata' && (label === 'cidata' || label === 'CIDATA') && files.has('meta-data')) return 'nocloud';
  if (lower === 'config-2' && (label === 'config-2' || label === 'CONFIG-2')) {
    const hasEni = [...files.keys()].some((path) => /^openstack\/[^/]+\/meta_data\.json$/.test(path) && new TextDecoder().decode(files.get(path)).includes('"network-interfaces"'));
    return hasEni ? 'ovirt' : 'configdrive';
  }
  return undefined;
}

export function readSeed(image: Uint8Array): SeedImage {
  if (image.length > 17 * ISO_SECTOR && isIso9660(image)) {
    const { label, tree } = readIso9660(image);
    return { filesystem: 'iso9660', label, datasource: guessDatasource(label, tree), files: tree };
  }
  if (image.length >= 512 && isFat(image)) {
    const { label, tree } = readVfat(image);
    return { filesystem: 'vfat', label, datasource: guessDatasource(label, tree), files: tree };
  }
  throw new IoError('not an iso9660 or FAT image');
}
