/**
 * Chooses FAT type, cluster size and region sizes (fatgen103 "FAT Type Determination" and
 * "FAT Volume Initialization"). No partition table: the volume starts at sector 0 (a superfloppy).
 */
import { SECTOR_SIZE } from '../../codec/vfat/boot-sector.js';
import { DIR_ENTRY_SIZE } from '../../codec/vfat/dir-entry.js';
import { computeFatByteLength, FAT16_MIN_CLUSTERS, FAT32_MIN_CLUSTERS, type FatType } from '../../codec/vfat/fat.js';

/** What the content asks of the volume. */
export interface ContentNeeds {
  /** Data clusters that the files and subdirectories take with clusters of this many bytes. */
  readonly clustersFor: (clusterBytes: number) => number;
  /** Entries the root directory needs (volume label included). */
  readonly rootEntries: number;
}

export interface VfatGeometry {
  readonly fatType: FatType;
  readonly sectorsPerCluster: number;
  readonly reservedSectors: number;
  readonly fatCount: number;
  readonly sectorsPerFat: number;
  readonly rootEntries: number;
  readonly totalSectors: number;
  /** Data clusters, numbered from 2; readers derive the same count from the sector counts. */
  readonly clusterCount: number;
  readonly media: number;
  readonly driveNumber: number;
  readonly sectorsPerTrack: number;
  readonly heads: number;
}

export type GeometryChoice = { readonly geometry: VfatGeometry } | { readonly problem: string };

/** First sector of each region (fatgen103 "FAT Data Structure": reserved, FATs, root directory, data). */
export interface VfatRegions {
  readonly fatStart: number;
  readonly rootStart: number;
  readonly dataStart: number;
}

/** fatgen103: FAT12/16 volumes have 1 reserved sector (the boot sector). */
const RESERVED_SECTORS = 1;
/** fatgen103: 2 FATs, because some drivers and utilities assume it. */
const FAT_COUNT = 2;
const ENTRIES_PER_SECTOR = SECTOR_SIZE / DIR_ENTRY_SIZE;
/** BPB_RootEntCnt is 16 bits and must fill whole sectors. */
const MAX_ROOT_ENTRIES = 0xffff - (0xffff % ENTRIES_PER_SECTOR);
/** fatgen103 "FAT Volume Initialization": 512 root entries for maximum compatibility of FAT16 (mkfs.fat's default). */
const STANDARD_ROOT_ENTRIES = 512;

/**
 * Drivers disagree near fatgen103's FAT type boundaries (Windows' fastfat takes up to 4086 clusters
 * as FAT12), so like mkfs.fat we keep clear of both by 16 clusters.
 */
const BOUNDARY_MARGIN = 16;
const FAT12_MAX_CLUSTERS = FAT16_MIN_CLUSTERS - 1 - BOUNDARY_MARGIN;
const FAT16_WRITTEN_MIN_CLUSTERS = FAT16_MIN_CLUSTERS + BOUNDARY_MARGIN;
const FAT16_MAX_CLUSTERS = FAT32_MIN_CLUSTERS - 1 - BOUNDARY_MARGIN;

/** fatgen103 DskTableFAT16: volumes up to 8400 sectors (4.1 MB) are FAT12. */
const FAT12_MAX_SECTORS = 8400;
/** fatgen103 DskTableFAT16: the smallest FAT16 cluster for volumes up to this many sectors (32 KiB clusters at most). */
const FAT16_CLUSTER_TABLE: readonly { readonly upToSectors: number; readonly sectorsPerCluster: number }[] = [
  { upToSectors: 32680, sectorsPerCluster: 2 },
  { upToSectors: 262144, sectorsPerCluster: 4 },
  { upToSectors: 524288, sectorsPerCluster: 8 },
  { upToSectors: 1048576, sectorsPerCluster: 16 },
  { upToSectors: 2097152, sectorsPerCluster: 32 },
  { upToSectors: 4194304, sectorsPerCluster: 64 },
];
const FAT16_MAX_SECTORS = 4194304;
const CLUSTER_SIZES: Record<FatType, readonly number[]> = { 12: [1, 2, 4, 8, 16, 32, 64], 16: [2, 4, 8, 16, 32, 64] };

/** What BPB_Media, BPB_SecPerTrk and BPB_NumHeads say about the medium. */
interface Medium {
  readonly media: number;
  readonly sectorsPerTrack: number;
  readonly heads: number;
}

/** A hard disk to DOS: media 0xF8; 32 sectors x 64 heads is the usual translation for small disks. */
const FIXED_DISK: Medium = { media: 0xf8, sectorsPerTrack: 32, heads: 64 };
/** BS_DrvNum: the BIOS numbers hard disks (media 0xF8) from 0x80 and floppies from 0x00. */
const DRIVE_NUMBER = { floppy: 0x00, fixedDisk: 0x80 } as const;

interface FloppyFormat extends Medium {
  readonly sectorsPerCluster: number;
  readonly rootEntries: number;
}

/** The DOS floppy formats, by total sectors; a fixed size that matches one is laid out like it. */
const FLOPPY_FORMATS: ReadonlyMap<number, FloppyFormat> = new Map([
  [1440, { media: 0xf9, sectorsPerTrack: 9, heads: 2, sectorsPerCluster: 2, rootEntries: 112 }], // 720K
  [2400, { media: 0xf9, sectorsPerTrack: 15, heads: 2, sectorsPerCluster: 1, rootEntries: 224 }], // 1200K
  [2880, { media: 0xf0, sectorsPerTrack: 18, heads: 2, sectorsPerCluster: 1, rootEntries: 224 }], // 1440K
  [5760, { media: 0xf0, sectorsPerTrack: 36, heads: 2, sectorsPerCluster: 2, rootEntries: 240 }], // 2880K
]);

/** The geometry for the content: as small as it allows, or exactly `size` bytes when given. */
export function chooseGeometry(needs: ContentNeeds, size?: number): GeometryChoice {
  if (needs.rootEntries > MAX_ROOT_ENTRIES) {
    return { problem: `the root folder needs ${needs.rootEntries} directory entries, FAT allows ${MAX_ROOT_ENTRIES}` };
  }
  return size === undefined ? chooseFittedGeometry(needs) : chooseFixedGeometry(needs, size);
}

export function computeRegions(geometry: VfatGeometry): VfatRegions {
  const fatStart = geometry.reservedSectors;
  const rootStart = fatStart + geometry.fatCount * geometry.sectorsPerFat;
  return { fatStart, rootStart, dataStart: rootStart + countRootSectors(geometry.rootEntries) };
}

/**
 * Smallest volume: FAT12 while it stays within 8400 sectors, else FAT16 with at least DskTableFAT16's
 * cluster size; the smallest cluster that works. The root directory holds just the entries the content
 * needs on FAT12 (the image has no free clusters, so spare root slots could never hold a file, and every
 * reader accepts any whole number of sectors); FAT16 keeps the standard 512.
 */
function chooseFittedGeometry(needs: ContentNeeds): GeometryChoice {
  for (const fatType of [12, 16] as const) {
    const rootEntries = roundUpToSector(Math.max(needs.rootEntries, fatType === 12 ? 1 : STANDARD_ROOT_ENTRIES));
    for (const sectorsPerCluster of CLUSTER_SIZES[fatType]) {
      const minimum = fatType === 16 ? FAT16_WRITTEN_MIN_CLUSTERS : 1;
      const clusterCount = Math.max(needs.clustersFor(sectorsPerCluster * SECTOR_SIZE), minimum);
      const sectorsPerFat = countFatSectors(fatType, clusterCount);
      const totalSectors =
        RESERVED_SECTORS + FAT_COUNT * sectorsPerFat + countRootSectors(rootEntries) + clusterCount * sectorsPerCluster;
      const fits =
        fatType === 12
          ? clusterCount <= FAT12_MAX_CLUSTERS && totalSectors <= FAT12_MAX_SECTORS
          : clusterCount <= FAT16_MAX_CLUSTERS &&
            totalSectors <= FAT16_MAX_SECTORS &&
            sectorsPerCluster >= lookUpFat16ClusterSize(totalSectors);
      if (fits) {
        const counts = { fatType, sectorsPerCluster, rootEntries, sectorsPerFat, totalSectors, clusterCount };
        return { geometry: completeGeometry(counts, FIXED_DISK) };
      }
    }
  }
  return { problem: 'the content is larger than FAT16 can hold with 32 KiB clusters (about 2 GiB)' };
}

/** A fixed size: the FAT type and cluster size DskTableFAT16 (or the floppy format) gives for it. */
function chooseFixedGeometry(needs: ContentNeeds, size: number): GeometryChoice {
  if (!Number.isInteger(size) || size <= 0 || size % SECTOR_SIZE !== 0) {
    return { problem: `the image size ${size} is not a positive multiple of ${SECTOR_SIZE} bytes` };
  }
  const totalSectors = size / SECTOR_SIZE;
  if (totalSectors > FAT16_MAX_SECTORS) return { problem: `the image size ${size} is larger than FAT16 allows (2 GiB)` };
  const fatType: FatType = totalSectors <= FAT12_MAX_SECTORS ? 12 : 16;
  const floppy = FLOPPY_FORMATS.get(totalSectors);
  const rootEntries = floppy?.rootEntries ?? Math.max(STANDARD_ROOT_ENTRIES, roundUpToSector(needs.rootEntries));
  if (needs.rootEntries > rootEntries) {
    const problem = `the root folder needs ${needs.rootEntries} directory entries, a ${size}-byte floppy has ${rootEntries}`;
    return { problem };
  }
  const clusterSizes = floppy
    ? [floppy.sectorsPerCluster]
    : CLUSTER_SIZES[fatType].filter((spc) => fatType === 12 || spc >= lookUpFat16ClusterSize(totalSectors));
  for (const sectorsPerCluster of clusterSizes) {
    const { clusterCount, sectorsPerFat } = fillFixedVolume(fatType, totalSectors, sectorsPerCluster, rootEntries);
    const inRange =
      fatType === 12
        ? clusterCount >= 1 && clusterCount <= FAT12_MAX_CLUSTERS
        : clusterCount >= FAT16_WRITTEN_MIN_CLUSTERS && clusterCount <= FAT16_MAX_CLUSTERS;
    if (!inRange) continue;
    const clusterBytes = sectorsPerCluster * SECTOR_SIZE;
    const needed = needs.clustersFor(clusterBytes);
    if (needed > clusterCount) {
      return {
        problem: `the content needs ${needed} clusters of ${clusterBytes} bytes, a ${size}-byte image holds ${clusterCount}`,
      };
    }
    const counts = { fatType, sectorsPerCluster, rootEntries, sectorsPerFat, totalSectors, clusterCount };
    return { geometry: completeGeometry(counts, floppy ?? FIXED_DISK) };
  }
  return { problem: `no FAT12/16 layout fits a ${size}-byte image` };
}

/** The largest FAT that still covers the clusters left beside it (sectorsPerFat grows until it does). */
function fillFixedVolume(
  fatType: FatType,
  totalSectors: number,
  sectorsPerCluster: number,
  rootEntries: number,
): { clusterCount: number; sectorsPerFat: number } {
  const clustersBeside = (sectorsPerFat: number): number =>
    Math.floor(
      (totalSectors - RESERVED_SECTORS - FAT_COUNT * sectorsPerFat - countRootSectors(rootEntries)) / sectorsPerCluster,
    );
  let sectorsPerFat = 1;
  while (countFatSectors(fatType, Math.max(clustersBeside(sectorsPerFat), 0)) > sectorsPerFat) sectorsPerFat++;
  return { clusterCount: clustersBeside(sectorsPerFat), sectorsPerFat };
}

type GeometryCounts = Omit<VfatGeometry, keyof Medium | 'reservedSectors' | 'fatCount' | 'driveNumber'>;

function completeGeometry(counts: GeometryCounts, medium: Medium): VfatGeometry {
  return {
    ...counts,
    reservedSectors: RESERVED_SECTORS,
    fatCount: FAT_COUNT,
    media: medium.media,
    sectorsPerTrack: medium.sectorsPerTrack,
    heads: medium.heads,
    driveNumber: medium.media === FIXED_DISK.media ? DRIVE_NUMBER.fixedDisk : DRIVE_NUMBER.floppy,
  };
}

function lookUpFat16ClusterSize(totalSectors: number): number {
  const row = FAT16_CLUSTER_TABLE.find((entry) => totalSectors <= entry.upToSectors);
  return row ? row.sectorsPerCluster : Number.POSITIVE_INFINITY;
}

function countFatSectors(fatType: FatType, clusterCount: number): number {
  return Math.ceil(computeFatByteLength(fatType, clusterCount + 2) / SECTOR_SIZE);
}

function countRootSectors(rootEntries: number): number {
  return rootEntries / ENTRIES_PER_SECTOR;
}

function roundUpToSector(entries: number): number {
  return Math.ceil(entries / ENTRIES_PER_SECTOR) * ENTRIES_PER_SECTOR;
}
