/**
 * Reads a FAT12, FAT16 or FAT32 image with VFAT long names (ours, or mkfs.fat + mcopy's, or any other
 * tool's) back into a file tree, for `cloudseed inspect`. Empty folders are not kept: a FileTree
 * implies folders. Hostile images end in an IoError: loops, cross-linked chains and names that would
 * leave an extraction folder are caught, and the tree is capped in files and bytes.
 */
import { IoError } from '../errors.js';
import { Attribute, decodeDirEntry, DIR_ENTRY_SIZE, LONG_NAME_MASK, NameMarker, type DirEntry } from '../codec/vfat/dir-entry.js';
import { computeLfnChecksum, decodeLfnEntry } from '../codec/vfat/lfn.js';
import { formatShortName } from '../codec/vfat/short-name.js';
import type { FileTree } from '../common/file-tree.js';
import { createTreeBudget, type TreeBudget } from './tree-budget.js';
import { openVfatVolume, readClusterChain, type ReadFatType, type VfatVolume } from './vfat-volume.js';

export interface VfatImage {
  readonly fatType: ReadFatType;
  /** What blkid calls LABEL: the root volume-label entry, else the boot sector's label ('' for none). */
  readonly label: string;
  /** What blkid calls LABEL_FATBOOT: BS_VolLab, trailing spaces removed. */
  readonly bootLabel: string;
  /** BS_VolID (0 when the boot sector has no extended BPB). */
  readonly serial: number;
  readonly tree: FileTree;
}

/** fatgen103 "Boot Sector and BPB": BS_VolLab of a volume without a label. */
const NO_LABEL = 'NO NAME';
/** fatgen103 "FAT Directory Structure": a folder holds at most 65536 entries. */
const MAX_FOLDER_BYTES = 65536 * DIR_ENTRY_SIZE;
/** fatgen103: DIR_FstClusHI, the high word of the first cluster (FAT32 only; 0 on FAT12/16). */
const FIRST_CLUSTER_HIGH_OFFSET = 20;

interface Entry {
  readonly name: string;
  readonly short: DirEntry;
  readonly firstCluster: number;
}

export function readVfat(image: Uint8Array): VfatImage {
  const volume = openVfatVolume(image);
  const root = 'bytes' in volume.root ? volume.root.bytes : readClusterChain(volume, volume.root.cluster, '/', MAX_FOLDER_BYTES);
  const files = new Map<string, Uint8Array>();
  const rootLabel = findVolumeLabel(root);
  const visited = new Set('cluster' in volume.root ? [volume.root.cluster] : []);
  collectFiles(volume, root, '', visited, files, createTreeBudget(image.length));
  return {
    fatType: volume.fatType,
    label: rootLabel ?? (volume.bootLabel === NO_LABEL ? '' : volume.bootLabel),
    bootLabel: volume.bootLabel,
    serial: volume.serial,
    tree: new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
}

function collectFiles(
  volume: VfatVolume,
  directory: Uint8Array,
  prefix: string,
  visited: Set<number>,
  files: Map<string, Uint8Array>,
  budget: TreeBudget,
): void {
  for (const { name, short, firstCluster } of listEntries(directory, volume.fatType)) {
    const path = prefix + name;
    if (short.attributes & Attribute.directory) {
      if (visited.has(firstCluster)) throw new IoError(`corrupt FAT image: folder ${path} loops back`);
      visited.add(firstCluster);
      const folder = readClusterChain(volume, firstCluster, path, MAX_FOLDER_BYTES);
      collectFiles(volume, folder, `${path}/`, visited, files, budget);
    } else {
      budget.spend(path, short.size);
      const chain = short.size === 0 ? new Uint8Array(0) : readClusterChain(volume, firstCluster, path, short.size);
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
function listEntries(directory: Uint8Array, fatType: ReadFatType): Entry[] {
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
    const high = fatType === 32 ? directory[offset + FIRST_CLUSTER_HIGH_OFFSET]! | (directory[offset + FIRST_CLUSTER_HIGH_OFFSET + 1]! << 8) : 0;
    entries.push({ name, short, firstCluster: short.firstCluster + high * 0x10000 });
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
