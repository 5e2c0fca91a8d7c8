/**
 * The entries of one directory (fatgen103 "FAT Directory Structure"): in the root the volume label
 * first, in a subdirectory `.` and `..` first; then per child its long-name entries and its short entry.
 */
import { Attribute, DIR_ENTRY_SIZE, encodeDirEntry, SHORT_NAME_LENGTH } from '../../codec/vfat/dir-entry.js';
import type { FatTimestamp } from '../../codec/vfat/fat-time.js';
import { computeLfnChecksum, countLfnEntries, encodeLfnEntries } from '../../codec/vfat/lfn.js';

/** A child as a directory entry sees it. */
export interface EntryChild {
  readonly name: string;
  readonly shortName: string;
  readonly needsLongName: boolean;
  readonly isDirectory: boolean;
  readonly firstCluster: number;
  /** Bytes; 0 for a directory (fatgen103: DIR_FileSize of a directory is 0). */
  readonly size: number;
}

/** What sits before the children: the root's label entry, or a subdirectory's dot entries. */
export type DirectoryHead =
  | { readonly kind: 'root'; readonly label: string }
  | { readonly kind: 'subdirectory'; readonly cluster: number; readonly parentCluster: number };

/** Enough of a head and its children to count entries before clusters are known. */
export type HeadShape = { readonly kind: 'root'; readonly label: string } | { readonly kind: 'subdirectory' };
type NamedChild = Pick<EntryChild, 'name' | 'needsLongName'>;

/** `..` of a directory whose parent is the root points at cluster 0 (fatgen103 "FAT Directory Structure"). */
export const ROOT_CLUSTER = 0;

export function countDirectoryEntries(head: HeadShape, children: readonly NamedChild[]): number {
  return countHeadEntries(head) + children.reduce((sum, child) => sum + 1 + countLongEntries(child), 0);
}

/** The directory's entries, exactly countDirectoryEntries() * 32 bytes; the caller zero-fills the rest. */
export function encodeDirectory(head: DirectoryHead, children: readonly EntryChild[], stamp: FatTimestamp): Uint8Array {
  const bytes = new Uint8Array(countDirectoryEntries(head, children) * DIR_ENTRY_SIZE);
  let offset = 0;
  const append = (entry: Uint8Array): void => {
    bytes.set(entry, offset);
    offset += DIR_ENTRY_SIZE;
  };
  if (head.kind === 'root') {
    const label = head.label.padEnd(SHORT_NAME_LENGTH, ' ');
    if (head.label) append(encodeShortEntry(label, Attribute.volumeId, 0, 0, stamp));
  } else {
    append(encodeShortEntry('.'.padEnd(SHORT_NAME_LENGTH, ' '), Attribute.directory, head.cluster, 0, stamp));
    append(encodeShortEntry('..'.padEnd(SHORT_NAME_LENGTH, ' '), Attribute.directory, head.parentCluster, 0, stamp));
  }
  for (const child of children) {
    if (child.needsLongName) encodeLfnEntries(child.name, computeLfnChecksum(child.shortName)).forEach(append);
    const attributes = child.isDirectory ? Attribute.directory : Attribute.archive;
    append(encodeShortEntry(child.shortName, attributes, child.firstCluster, child.size, stamp));
  }
  return bytes;
}

function countHeadEntries(head: HeadShape): number {
  if (head.kind === 'root') return head.label ? 1 : 0;
  return 2;
}

function countLongEntries(child: NamedChild): number {
  return child.needsLongName ? countLfnEntries(child.name) : 0;
}

/** Every stamp of every entry is the build epoch; files get the archive bit as DOS tools set it. */
function encodeShortEntry(
  name: string,
  attributes: number,
  firstCluster: number,
  size: number,
  stamp: FatTimestamp,
): Uint8Array {
  return encodeDirEntry({
    name,
    attributes,
    caseFlags: 0,
    createdHundredths: stamp.hundredths,
    createdTime: stamp.time,
    createdDate: stamp.date,
    accessedDate: stamp.date,
    modifiedTime: stamp.time,
    modifiedDate: stamp.date,
    firstCluster,
    size,
  });
}
