/**
 * Reads a FAT12/16 image with VFAT long names (ours, or mkfs.fat + mcopy's, or any other tool's) back
 * into a file tree, for `cloudseed inspect`. Empty folders are not kept: a FileTree implies folders.
 */
import { IoError } from '../errors.js';
import { decodeBootSector, EXTENDED_BOOT_SIGNATURE } from '../pack/vfat/boot-sector.js';
import {
  Attribute,
  decodeDirEntry,
  DIR_ENTRY_SIZE,
  LONG_NAME_MASK,
  NameMarker,
  type DirEntry,
} from '../pack/vfat/dir-entry.js';
import { FIRST_DATA_CLUSTER, isEndOfChain, readFatEntry, type FatType } from '../pack/vfat/fat.js';
import { computeLfnChecksum, decodeLfnEntry } from '../pack/vfat/lfn.js';
import { formatShortName } from '../pack/vfat/short-name.js';
import type { FileTree } from '../render/file-tree.js';

export interface VfatImage {
  /** What blkid calls LABEL: the root volume-label entry, else the boot sector's label ('' for none). */
  readonly label: string;
  /** What blkid calls LABEL_FATBOOT: BS_VolLab, trailing spaces removed. */
  readonly bootLabel: string;
  /** BS_VolID (0 when the boot sector has no extended BPB). */
  readonly serial: number;
  readonly tree: FileTree;
}

/** fatgen103 "FAT Type Determination". */
const FAT16_MIN_CLUSTERS = 4085;
const FAT32_MIN_CLUSTERS = 65525;
const VALID_SECTOR_SIZES = [512, 1024, 2048, 4096];
/** fatgen103 "Boot Sector and BPB": BS_VolLab of a volume without a label. */
const NO_LABEL = 'NO NAME';

interface Volume {
  readonly image: Uint8Array;
  readonly fatType: FatType;
  readonly fat: Uint8Array;
  readonly clusterBytes: number;
  readonly clusterCount: number;
  readonly dataOffset: number;
}

interface Entry {
  readonly name: string;
  readonly short: DirEntry;
}

export function readVfat(image: Uint8Array): VfatImage {
  if (image.length < 512) throw new IoError('not a FAT image: shorter than one sector');
  const boot = decodeBootSector(image.subarray(0, 512));
  const bpb = boot.ebpb.dos331.dos20;
  const { bytesPerSector, sectorsPerCluster, reservedSectors, fatCount, rootEntries, sectorsPerFat } = bpb;
  if (!VALID_SECTOR_SIZES.includes(bytesPerSector)) throw notFat(`${bytesPerSector} bytes per sector`);
  if (sectorsPerCluster === 0 || (sectorsPerCluster & (sectorsPerCluster - 1)) !== 0) {
    throw notFat(`${sectorsPerCluster} sectors per cluster`);
  }
  if (reservedSectors === 0 || fatCount === 0) throw notFat('no reserved sector or no FAT');
  if (rootEntries === 0 || sectorsPerFat === 0) throw new IoError('FAT32 images are not supported (FAT12/16 only)');
  const totalSectors = bpb.totalSectors16 || boot.ebpb.dos331.totalSectors32;
  const rootOffset = (reservedSectors + fatCount * sectorsPerFat) * bytesPerSector;
  const rootBytes = Math.ceil((rootEntries * DIR_ENTRY_SIZE) / bytesPerSector) * bytesPerSector;
  const dataOffset = rootOffset + rootBytes;
  const clusterCount = Math.floor((totalSectors * bytesPerSector - dataOffset) / (sectorsPerCluster * bytesPerSector));
  if (clusterCount < 0 || dataOffset > image.length) throw notFat('the regions do not fit in the image');
  if (clusterCount >= FAT32_MIN_CLUSTERS) throw new IoError('FAT32 images are not supported (FAT12/16 only)');
  const fatOffset = reservedSectors * bytesPerSector;
  const volume: Volume = {
    image,
    fatType: clusterCount < FAT16_MIN_CLUSTERS ? 12 : 16,
    fat: image.subarray(fatOffset, fatOffset + sectorsPerFat * bytesPerSector),
    clusterBytes: sectorsPerCluster * bytesPerSector,
    clusterCount,
    dataOffset,
  };
  const files = new Map<string, Uint8Array>();
  const root = image.subarray(rootOffset, dataOffset);
  const rootLabel = findVolumeLabel(root);
  collectFiles(volume, root, '', new Set(), files);
  const hasBootLabel = boot.ebpb.extendedSignature === EXTENDED_BOOT_SIGNATURE;
  const bootLabel = hasBootLabel ? boot.ebpb.label.trimEnd() : '';
  return {
    label: rootLabel ?? (bootLabel === NO_LABEL ? '' : bootLabel),
    bootLabel,
    serial: hasBootLabel ? boot.ebpb.serial : 0,
    tree: new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
}

function collectFiles(
  volume: Volume,
  directory: Uint8Array,
  prefix: string,
  visited: Set<number>,
  files: Map<string, Uint8Array>,
): void {
  for (const { name, short } of listEntries(directory)) {
    const path = prefix + name;
    if (short.attributes & Attribute.directory) {
      if (visited.has(short.firstCluster)) throw new IoError(`corrupt FAT image: folder ${path} loops back`);
      visited.add(short.firstCluster);
      collectFiles(volume, readChain(volume, short.firstCluster, path), `${path}/`, visited, files);
    } else {
      const chain = short.size === 0 ? new Uint8Array(0) : readChain(volume, short.firstCluster, path);
      if (chain.length < short.size) throw new IoError(`corrupt FAT image: ${path} is shorter than its size`);
      files.set(path, chain.slice(0, short.size));
    }
  }
}

/**
 * The live entries of a directory with their names: the long name when a complete run of long entries
 * with the right checksum comes right before the short entry (fatgen103 "FAT Long Directory Entries"),
 * else the short name. Skips free entries, volume labels, `.` and `..`; stops at the end marker.
 */
function listEntries(directory: Uint8Array): Entry[] {
  const entries: Entry[] = [];
  let pending: { checksum: number; nextOrder: number; parts: string[] } | undefined;
  for (let offset = 0; offset + DIR_ENTRY_SIZE <= directory.length; offset += DIR_ENTRY_SIZE) {
    const marker = directory[offset];
    if (marker === NameMarker.endOfDirectory) break;
    if (marker === NameMarker.free) {
      pending = undefined;
      continue;
    }
    const short = decodeDirEntry(directory, offset);
    if ((short.attributes & LONG_NAME_MASK) === Attribute.longName) {
      const long = decodeLfnEntry(directory, offset);
      if (long.isLast) pending = { checksum: long.checksum, nextOrder: long.order - 1, parts: [long.characters] };
      else if (pending && long.order === pending.nextOrder && long.order > 0 && long.checksum === pending.checksum) {
        pending.parts.unshift(long.characters);
        pending.nextOrder = long.order - 1;
      } else pending = undefined;
      continue;
    }
    const long = pending;
    pending = undefined;
    if (short.attributes & Attribute.volumeId) continue;
    const shortName = formatShortName(short.name, short.caseFlags);
    if (shortName === '.' || shortName === '..') continue;
    const complete = long && long.nextOrder === 0 && long.checksum === computeLfnChecksum(short.name);
    const name = complete ? long.parts.join('') : shortName;
    // A crafted long name could climb out of the folder `inspect --extract` writes to.
    if (name === '' || name === '.' || name === '..' || /[/\\\0]/.test(name)) {
      throw new IoError(`corrupt FAT image: ${JSON.stringify(name)} is not a file name`);
    }
    entries.push({ name, short });
  }
  return entries;
}

/** The root's volume-label entry (DIR_Attr volume id, not a long-name part), trailing spaces removed. */
function findVolumeLabel(root: Uint8Array): string | undefined {
  for (let offset = 0; offset + DIR_ENTRY_SIZE <= root.length; offset += DIR_ENTRY_SIZE) {
    const marker = root[offset];
    if (marker === NameMarker.endOfDirectory) return undefined;
    const entry = decodeDirEntry(root, offset);
    const isLongName = (entry.attributes & LONG_NAME_MASK) === Attribute.longName;
    const isLabel = !isLongName && (entry.attributes & Attribute.volumeId) !== 0;
    if (marker !== NameMarker.free && isLabel) return entry.name.trimEnd();
  }
  return undefined;
}

/** The bytes of a cluster chain, following the FAT from `first` to end-of-chain. */
function readChain(volume: Volume, first: number, path: string): Uint8Array {
  const clusters: number[] = [];
  const lastCluster = volume.clusterCount + FIRST_DATA_CLUSTER - 1;
  let cluster = first;
  while (!isEndOfChain(volume.fatType, cluster)) {
    if (cluster < FIRST_DATA_CLUSTER || cluster > lastCluster || clusters.length >= volume.clusterCount) {
      throw new IoError(`corrupt FAT image: the cluster chain of ${path} is broken at cluster ${cluster}`);
    }
    clusters.push(cluster);
    cluster = readFatEntry(volume.fat, volume.fatType, cluster);
  }
  const bytes = new Uint8Array(clusters.length * volume.clusterBytes);
  clusters.forEach((number, i) => {
    const start = volume.dataOffset + (number - FIRST_DATA_CLUSTER) * volume.clusterBytes;
    if (start + volume.clusterBytes > volume.image.length) {
      throw new IoError(`truncated FAT image: cluster ${number} of ${path} lies past its end`);
    }
    bytes.set(volume.image.subarray(start, start + volume.clusterBytes), i * volume.clusterBytes);
  });
  return bytes;
}

function notFat(reason: string): IoError {
  return new IoError(`not a FAT12/16 image: ${reason}`);
}
