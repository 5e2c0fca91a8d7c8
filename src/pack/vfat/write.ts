/**
 * The native vfat writer: plans the layout, then fills one buffer in the on-disk order of
 * fatgen103 "FAT Data Structure": boot sector, the FATs, the root directory, the data clusters.
 */
import type { FileTree } from '../../common/file-tree.js';
import { encodeBootSector, EXTENDED_BOOT_SIGNATURE, SECTOR_SIZE, type Dos40Ebpb } from '../../codec/vfat/boot-sector.js';
import { encodeDirectory, type EntryChild } from './directory.js';
import { encodeFat, FIRST_DATA_CLUSTER } from '../../codec/vfat/fat.js';
import { encodeFatTimestamp } from '../../codec/vfat/fat-time.js';
import { planVfatLayout, type VfatDirectory, type VfatLayout, type VfatNode } from './layout.js';
import { VOLUME_LABEL_LENGTH, type VfatOptions } from './options.js';

/** fatgen103 "Boot Sector and BPB": "MSWIN4.1" is the BS_OEMName least likely to upset any FAT driver. */
const OEM_NAME = 'MSWIN4.1';
/** fatgen103: BS_VolLab when the volume has no label. */
const NO_LABEL = 'NO NAME';
/** BPB_TotSec16 holds counts below 0x10000; larger ones go to BPB_TotSec32 with BPB_TotSec16 = 0. */
const TOTAL_SECTORS_16_LIMIT = 0x10000;

/** A FAT12/16 image of the tree, as small as the content allows or exactly `options.size` bytes. */
export function writeVfat(tree: FileTree, options: VfatOptions): Uint8Array {
  const layout = planVfatLayout(tree, options);
  const { geometry, regions } = layout;
  const image = new Uint8Array(geometry.totalSectors * SECTOR_SIZE);
  image.set(encodeBootSector(OEM_NAME, describeVolume(layout)), 0);
  const fat = encodeFat(geometry.fatType, geometry.sectorsPerFat * SECTOR_SIZE, geometry.media, layout.runs);
  for (let copy = 0; copy < geometry.fatCount; copy++) {
    image.set(fat, (regions.fatStart + copy * geometry.sectorsPerFat) * SECTOR_SIZE);
  }
  const stamp = encodeFatTimestamp(options.epoch);
  const clusterOffset = (cluster: number): number =>
    (regions.dataStart + (cluster - FIRST_DATA_CLUSTER) * geometry.sectorsPerCluster) * SECTOR_SIZE;
  const writeDirectory = (directory: VfatDirectory, offset: number): void => {
    image.set(encodeDirectory(directory.head, directory.children.map(describeEntry), stamp), offset);
    for (const child of directory.children) {
      if (child.kind === 'directory') writeDirectory(child.directory, clusterOffset(child.directory.run.first));
      else if (child.run.count > 0) image.set(child.content, clusterOffset(child.run.first));
    }
  };
  writeDirectory(layout.root, regions.rootStart * SECTOR_SIZE);
  return image;
}

function describeVolume(layout: VfatLayout): Dos40Ebpb {
  const { geometry } = layout;
  const small = geometry.totalSectors < TOTAL_SECTORS_16_LIMIT;
  return {
    dos331: {
      dos20: {
        bytesPerSector: SECTOR_SIZE,
        sectorsPerCluster: geometry.sectorsPerCluster,
        reservedSectors: geometry.reservedSectors,
        fatCount: geometry.fatCount,
        rootEntries: geometry.rootEntries,
        totalSectors16: small ? geometry.totalSectors : 0,
        media: geometry.media,
        sectorsPerFat: geometry.sectorsPerFat,
      },
      sectorsPerTrack: geometry.sectorsPerTrack,
      heads: geometry.heads,
      // A superfloppy: no partition table, nothing before the volume.
      hiddenSectors: 0,
      totalSectors32: small ? 0 : geometry.totalSectors,
    },
    driveNumber: geometry.driveNumber,
    extendedSignature: EXTENDED_BOOT_SIGNATURE,
    serial: layout.serial,
    label: (layout.label || NO_LABEL).padEnd(VOLUME_LABEL_LENGTH, ' '),
    // Informative only (readers go by cluster count), but blkid and others look at it.
    fileSystemType: `FAT${geometry.fatType}`,
  };
}

function describeEntry(node: VfatNode): EntryChild {
  const run = node.kind === 'file' ? node.run : node.directory.run;
  return {
    name: node.name,
    shortName: node.shortName,
    needsLongName: node.needsLongName,
    isDirectory: node.kind === 'directory',
    firstCluster: run.first,
    size: node.kind === 'file' ? node.content.length : 0,
  };
}
