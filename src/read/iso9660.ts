/**
 * Reads any iso9660 seed image (ours, xorrisofs, genisoimage, mkisofs) into a FileTree, the
 * way a guest would see it: Rock Ridge names when present (Linux), else Joliet (Windows), else
 * the bare ECMA-119 names. Only regular files are kept; symbolic links and devices have no
 * place in a seed's FileTree.
 */
import { IoError } from '../errors.js';
import type { FileTree } from '../common/file-tree.js';
import { decodeDirectoryRecord, type DecodedDirectoryRecord } from '../codec/iso9660/directory-record.js';
import { decodeUcs2Be, JOLIET_ESCAPES } from '../codec/iso9660/joliet.js';
import { decodeClEntry, decodeNmEntry, decodePxFileType, type NameComponent } from '../codec/iso9660/rock-ridge.js';
import type { SuspEntry } from '../codec/iso9660/susp.js';
import {
  decodeVolumeDescriptor,
  DESCRIPTOR_TYPE,
  FIRST_DESCRIPTOR_BLOCK,
  SECTOR_SIZE,
  type DecodedVolumeDescriptor,
} from '../codec/iso9660/volume-descriptor.js';
import { collectSuspEntries, detectSusp } from './iso9660-system-use.js';
import { createTreeBudget, type TreeBudget } from './tree-budget.js';

export interface Iso9660Contents {
  /** The primary volume identifier, trailing spaces removed. */
  readonly label: string;
  readonly tree: FileTree;
  readonly extensions: { readonly joliet: boolean; readonly rockRidge: boolean };
  /** The name table the tree was read through, as a Linux guest would: Rock Ridge, else Joliet, else ECMA-119. */
  readonly names: IsoNaming;
}

export type IsoNaming = 'rock-ridge' | 'joliet' | 'ecma119';

/** ECMA-119 8.4.8: Volume Space Size, BP 81-88 both-endian; the little-endian half comes first. */
const VOLUME_SPACE_SIZE_OFFSET = 80;
/** Far more descriptors than any real image has; stops a scan of a damaged one. */
const MAX_DESCRIPTORS = 64;
/** Deeper than any image (ECMA-119 allows 8 levels, relocation aside); stops directory loops. */
const MAX_DEPTH = 64;

type Naming =
  { readonly kind: 'rock-ridge'; readonly skip: number } | { readonly kind: 'joliet' } | { readonly kind: 'ecma119' };

interface Entry {
  readonly name: string;
  readonly kind: 'file' | 'directory' | 'other';
  readonly extents: readonly { readonly extent: number; readonly dataLength: number }[];
}

const decoder = new TextDecoder();

function readBlocks(image: Uint8Array, extent: number, length: number, what: string): Uint8Array {
  const start = extent * SECTOR_SIZE;
  if (start + length > image.length) {
    throw new IoError(`not a readable iso9660 image: ${what} lies past the end of the image`);
  }
  return image.subarray(start, start + length);
}

/** An image shorter than its volume says was cut short (an interrupted copy or download). */
function checkVolumeSpace(image: Uint8Array, primaryBlock: number): void {
  const offset = primaryBlock * SECTOR_SIZE + VOLUME_SPACE_SIZE_OFFSET;
  const blocks = new DataView(image.buffer, image.byteOffset + offset, 4).getUint32(0, true);
  if (blocks * SECTOR_SIZE > image.length) {
    throw new IoError(`truncated iso9660 image: the volume is ${blocks * SECTOR_SIZE} bytes, the file ${image.length}`);
  }
}

function findDescriptors(image: Uint8Array): { primary: DecodedVolumeDescriptor; joliet?: DecodedVolumeDescriptor } {
  let primary: DecodedVolumeDescriptor | undefined;
  let joliet: DecodedVolumeDescriptor | undefined;
  let primaryBlock = 0;
  for (let index = 0; index < MAX_DESCRIPTORS; index++) {
    const block = FIRST_DESCRIPTOR_BLOCK + index;
    if ((block + 1) * SECTOR_SIZE > image.length) break;
    const descriptor = decodeVolumeDescriptor(readBlocks(image, block, SECTOR_SIZE, 'a volume descriptor'));
    if (!descriptor || descriptor.type === DESCRIPTOR_TYPE.terminator) break;
    if (descriptor.type === DESCRIPTOR_TYPE.primary && !primary) {
      primary = descriptor;
      primaryBlock = block;
    }
    const isJoliet = JOLIET_ESCAPES.some((sequence) => sequence.every((byte, i) => descriptor.escapeSequences[i] === byte));
    if (descriptor.type === DESCRIPTOR_TYPE.supplementary && isJoliet) joliet ??= descriptor;
  }
  if (!primary) throw new IoError('not a readable iso9660 image: no primary volume descriptor');
  checkVolumeSpace(image, primaryBlock);
  if (primary.logicalBlockSize !== SECTOR_SIZE) {
    throw new IoError(`unsupported iso9660 logical block size ${primary.logicalBlockSize} (only 2048)`);
  }
  return joliet ? { primary, joliet } : { primary };
}

function decodeRootRecord(descriptor: DecodedVolumeDescriptor): DecodedDirectoryRecord {
  const root = decodeDirectoryRecord(descriptor.rootDirectory, 0);
  if (!root) throw new IoError('not a readable iso9660 image: damaged root directory record');
  return root;
}

/** ECMA-119 6.8.1.1: records never cross a block; a zero length byte ends the records of a block. */
function readRecords(image: Uint8Array, extent: number, dataLength: number, path: string): DecodedDirectoryRecord[] {
  const bytes = readBlocks(image, extent, dataLength, `folder ${path || '/'}`);
  const records: DecodedDirectoryRecord[] = [];
  for (let block = 0; block < bytes.length; block += SECTOR_SIZE) {
    const sector = bytes.subarray(block, block + SECTOR_SIZE);
    for (let offset = 0; offset < sector.length;) {
      const record = decodeDirectoryRecord(sector, offset);
      if (!record) break;
      records.push(record);
      offset += record.length;
    }
  }
  return records;
}

function isSelfOrParent(record: DecodedDirectoryRecord): boolean {
  return record.identifier.length === 1 && (record.identifier[0] === 0 || record.identifier[0] === 1);
}

/** ECMA-119 7.5.1: file identifiers end in ";version"; Joliet writers mostly keep that habit. */
function stripVersion(name: string): string {
  return name.replace(/;\d*$/, '');
}

/** ECMA-119 7.5.1: a file without extension still has its "." separator ("README.;1"). */
function decodePlainName(identifier: Uint8Array): string {
  return stripVersion(decoder.decode(identifier)).replace(/\.$/, '');
}

/** Names that would escape or confuse a folder when the tree is extracted to disk. */
function checkSafeName(name: string, folder: string): void {
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\0')) {
    throw new IoError(`not a readable iso9660 image: unsafe name ${JSON.stringify(name)} in /${folder}`);
  }
}

function decodeRockRidgeName(entries: readonly SuspEntry[]): string | undefined {
  const parts = entries.map(decodeNmEntry).filter((part): part is NameComponent => part !== undefined && !part.special);
  if (parts.length === 0) return undefined;
  return decoder.decode(Uint8Array.from(parts.flatMap((part) => [...part.bytes])));
}

/** The length of a folder known only by its block (a Rock Ridge CL target): its "." record says. */
function readFolderLength(image: Uint8Array, extent: number): number {
  const self = decodeDirectoryRecord(readBlocks(image, extent, SECTOR_SIZE, 'a relocated folder'), 0);
  if (!self) throw new IoError('not a readable iso9660 image: damaged relocated folder');
  return self.dataLength;
}

function describeRecord(image: Uint8Array, record: DecodedDirectoryRecord, naming: Naming): Entry | undefined {
  const extents = [{ extent: record.extent, dataLength: record.dataLength }];
  const kind = record.isDirectory ? 'directory' : 'file';
  if (naming.kind === 'joliet') return { name: stripVersion(decodeUcs2Be(record.identifier)), kind, extents };
  const plainName = decodePlainName(record.identifier);
  if (naming.kind === 'ecma119') return { name: plainName, kind, extents };

  const entries = collectSuspEntries(image, record.systemUse, naming.skip);
  const has = (signature: string): boolean => entries.some((entry) => entry.signature === signature);
  // RRIP 4.1.5.3: a relocated folder is also listed where it belongs, through a CL entry.
  if (has('RE')) return undefined;
  const name = decodeRockRidgeName(entries) ?? plainName;
  const childLink = entries.map(decodeClEntry).find((block) => block !== undefined);
  if (childLink !== undefined) {
    return {
      name,
      kind: 'directory',
      extents: [{ extent: childLink, dataLength: readFolderLength(image, childLink) }],
    };
  }
  const type = entries.map(decodePxFileType).find((value) => value !== undefined);
  return { name, kind: has('SL') || type === 'other' ? 'other' : kind, extents };
}

/** ECMA-119 6.5.1: a file recorded in several extents has a record per extent, all flagged but the last. */
function describeFolder(image: Uint8Array, records: readonly DecodedDirectoryRecord[], naming: Naming): Entry[] {
  const entries: Entry[] = [];
  let pending: { extent: number; dataLength: number }[] = [];
  for (const record of records.filter((candidate) => !isSelfOrParent(candidate))) {
    if (record.isMultiExtent) {
      pending.push({ extent: record.extent, dataLength: record.dataLength });
      continue;
    }
    const entry = describeRecord(image, record, naming);
    if (entry) entries.push({ ...entry, extents: [...pending, ...entry.extents] });
    pending = [];
  }
  return entries;
}

function readFileData(image: Uint8Array, entry: Entry, path: string): Uint8Array {
  const parts = entry.extents.map(({ extent, dataLength }) => readBlocks(image, extent, dataLength, `file ${path}`));
  if (parts.length === 1) return (parts[0] as Uint8Array).slice();
  const data = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    data.set(part, offset);
    offset += part.length;
  }
  return data;
}

/** What one read of a tree carries along: the naming in use, what was found, what is left to spend. */
interface Walk {
  readonly image: Uint8Array;
  readonly naming: Naming;
  readonly files: Map<string, Uint8Array>;
  /** Folder extents already read: a folder reached twice is a loop in a crafted image. */
  readonly visited: Set<number>;
  readonly budget: TreeBudget;
}

function walkFolder(walk: Walk, folder: { extent: number; dataLength: number; path: string; depth: number }): void {
  if (folder.depth > MAX_DEPTH || walk.visited.has(folder.extent)) {
    throw new IoError(`not a readable iso9660 image: folder ${folder.path} loops back or nests too deep`);
  }
  walk.visited.add(folder.extent);
  const records = readRecords(walk.image, folder.extent, folder.dataLength, folder.path);
  for (const entry of describeFolder(walk.image, records, walk.naming)) {
    checkSafeName(entry.name, folder.path);
    const path = folder.path ? `${folder.path}/${entry.name}` : entry.name;
    if (entry.kind === 'directory') {
      const [{ extent, dataLength }] = entry.extents as [Entry['extents'][number]];
      walkFolder(walk, { extent, dataLength, path, depth: folder.depth + 1 });
    } else if (entry.kind === 'file' && !walk.files.has(path)) {
      walk.budget.spend(path, entry.extents.reduce((sum, part) => sum + part.dataLength, 0));
      walk.files.set(path, readFileData(walk.image, entry, path));
    }
  }
}

function chooseNaming(rockRidge: { skip: number } | undefined, hasJoliet: boolean): Naming {
  if (rockRidge) return { kind: 'rock-ridge', skip: rockRidge.skip };
  return hasJoliet ? { kind: 'joliet' } : { kind: 'ecma119' };
}

export function readIso9660(image: Uint8Array): Iso9660Contents {
  const { primary, joliet } = findDescriptors(image);
  const primaryRoot = decodeRootRecord(primary);
  const rootRecords = readRecords(image, primaryRoot.extent, primaryRoot.dataLength, '');
  const susp = rootRecords[0] ? detectSusp(image, rootRecords[0].systemUse) : undefined;
  const rockRidge = susp?.rockRidge ?? false;
  const naming = chooseNaming(rockRidge ? { skip: susp?.skip ?? 0 } : undefined, joliet !== undefined);
  const root = naming.kind === 'joliet' && joliet ? decodeRootRecord(joliet) : primaryRoot;
  const walk: Walk = { image, naming, files: new Map(), visited: new Set(), budget: createTreeBudget(image.length) };
  walkFolder(walk, { extent: root.extent, dataLength: root.dataLength, path: '', depth: 0 });
  return {
    label: decoder.decode(primary.volumeIdentifier).replace(/[ \0]+$/, ''),
    tree: new Map([...walk.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    extensions: { joliet: joliet !== undefined, rockRidge },
    names: naming.kind,
  };
}
