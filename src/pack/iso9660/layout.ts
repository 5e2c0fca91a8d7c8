/**
 * The pure layout pass: places every descriptor, path table, directory extent, continuation
 * area and file extent before a single byte is written. Block order:
 *
 *   0-15   system area (zeros, ECMA-119 6.2.1)
 *   16     primary volume descriptor (8.4)
 *   17     Joliet supplementary volume descriptor (8.5)
 *   18     volume descriptor set terminator (8.3)
 *   19...  path tables: primary L, primary M, Joliet L, Joliet M (9.4)
 *          primary folders, then Joliet folders, each in path table order (6.8)
 *          Rock Ridge continuation areas (SUSP 5.1)
 *          file data, folder by folder (files, then subfolders, in name order);
 *          an empty file has extent 0 and length 0
 */
import { contentSize, type FileContent, type SeedTree } from '../../common/file-tree.js';
import { planHierarchy, type DirectoryPlan, type RecordPlan } from './directory-plan.js';
import { buildHierarchy, listFiles, type FileNode } from './hierarchy.js';
import { measurePathTable } from './path-table.js';
import type { SystemUseField } from './system-use.js';
import { FIRST_DESCRIPTOR_BLOCK, SECTOR_SIZE } from '../../codec/iso9660/volume-descriptor.js';

export interface PlacedContinuation {
  readonly block: number;
  readonly offset: number;
  readonly length: number;
  readonly fields: readonly SystemUseField[];
}

export interface PlacedRecord {
  /** Byte offset inside the folder's extent; a record never crosses a block (ECMA-119 6.8.1.1). */
  readonly offset: number;
  /** LEN_DR (ECMA-119 9.1.1). */
  readonly length: number;
  readonly identifier: Uint8Array;
  readonly isDirectory: boolean;
  readonly extent: number;
  readonly dataLength: number;
  readonly systemUse: readonly SystemUseField[];
  readonly continuation: PlacedContinuation | undefined;
}

export interface PlacedDirectory {
  readonly identifier: Uint8Array;
  readonly parentNumber: number;
  readonly extent: number;
  /** A whole number of blocks (ECMA-119 6.8.1.1). */
  readonly dataLength: number;
  readonly records: readonly PlacedRecord[];
}

export interface PlacedHierarchy {
  readonly pathTableSize: number;
  readonly lPathTable: number;
  readonly mPathTable: number;
  /** In path table order: directories[0] is the root. */
  readonly directories: readonly PlacedDirectory[];
}

export interface PlacedFile {
  readonly path: string;
  readonly extent: number;
  readonly content: FileContent;
}

export interface IsoLayout {
  /** Volume space size (ECMA-119 8.4.8): the image is exactly this many blocks. */
  readonly blocks: number;
  readonly primaryDescriptor: number;
  readonly jolietDescriptor: number;
  readonly terminator: number;
  readonly primary: PlacedHierarchy;
  readonly joliet: PlacedHierarchy;
  readonly files: readonly PlacedFile[];
}

interface Extent {
  readonly extent: number;
  readonly dataLength: number;
}

function countBlocks(bytes: number): number {
  return Math.ceil(bytes / SECTOR_SIZE);
}

/** Offsets of records packed into blocks, a record that would cross a block boundary starting the next one. */
function packRecords(records: readonly RecordPlan[]): { offsets: number[]; dataLength: number } {
  const offsets: number[] = [];
  let offset = 0;
  for (const { length } of records) {
    if ((offset % SECTOR_SIZE) + length > SECTOR_SIZE) offset = countBlocks(offset) * SECTOR_SIZE;
    offsets.push(offset);
    offset += length;
  }
  return { offsets, dataLength: countBlocks(offset) * SECTOR_SIZE };
}

/** Hands out blocks in order. */
class BlockCursor {
  constructor(private next: number) {}

  take(count: number): number {
    const first = this.next;
    this.next += count;
    return first;
  }

  get position(): number {
    return this.next;
  }
}

/**
 * Continuation areas of the primary records, in record order, packed into shared blocks:
 * several areas may share a block but none crosses into the next (Linux rejects that).
 */
function placeContinuations(plans: readonly DirectoryPlan[], cursor: BlockCursor): Map<RecordPlan, PlacedContinuation> {
  const areas = new Map<RecordPlan, PlacedContinuation>();
  let block = 0;
  let used = SECTOR_SIZE;
  for (const plan of plans) {
    for (const record of plan.records) {
      const { continued, continuedLength } = record.systemUse;
      if (continued.length === 0) continue;
      if (used + continuedLength > SECTOR_SIZE) {
        block = cursor.take(1);
        used = 0;
      }
      areas.set(record, { block, offset: used, length: continuedLength, fields: continued });
      used += continuedLength;
    }
  }
  return areas;
}

/** A folder's records packed into its extent (packRecords), placed once the layout gets to it. */
interface PackedDirectory {
  readonly offsets: readonly number[];
  readonly extent: Extent;
}

function placeHierarchy(
  plans: readonly DirectoryPlan[],
  pathTable: { readonly size: number; readonly l: number; readonly m: number },
  packed: readonly PackedDirectory[],
  files: ReadonlyMap<FileNode, Extent>,
  continuations: ReadonlyMap<RecordPlan, PlacedContinuation>,
): PlacedHierarchy {
  // A record of a subfolder points at that folder's extent in the same hierarchy.
  const directories = new Map(plans.map((plan, number) => [plan.directory, (packed[number] as PackedDirectory).extent]));
  const placeRecord = (record: RecordPlan, offset: number): PlacedRecord => {
    const { target } = record;
    const extent = (target.kind === 'directory' ? directories.get(target.directory) : files.get(target.file)) as Extent;
    return {
      offset,
      length: record.length,
      identifier: record.identifier,
      isDirectory: target.kind === 'directory',
      extent: extent.extent,
      dataLength: extent.dataLength,
      systemUse: record.systemUse.inline,
      continuation: continuations.get(record),
    };
  };
  return {
    pathTableSize: pathTable.size,
    lPathTable: pathTable.l,
    mPathTable: pathTable.m,
    directories: plans.map((plan, number) => {
      const { offsets, extent } = packed[number] as PackedDirectory;
      return {
        identifier: plan.identifier,
        parentNumber: plan.parentNumber,
        extent: extent.extent,
        dataLength: extent.dataLength,
        records: plan.records.map((record, index) => placeRecord(record, offsets[index] as number)),
      };
    }),
  };
}

export function layoutIso9660(tree: SeedTree): IsoLayout {
  const root = buildHierarchy(tree);
  const hierarchies = [planHierarchy(root, 'primary'), planHierarchy(root, 'joliet')] as const;
  const cursor = new BlockCursor(FIRST_DESCRIPTOR_BLOCK);
  const primaryDescriptor = cursor.take(1);
  const jolietDescriptor = cursor.take(1);
  const terminator = cursor.take(1);

  const pathTables = hierarchies.map((plans) => {
    const size = measurePathTable(plans.map((plan) => plan.identifier.length));
    return { size, l: cursor.take(countBlocks(size)), m: cursor.take(countBlocks(size)) };
  });

  const packedDirectories = hierarchies.map((plans) =>
    plans.map((plan): PackedDirectory => {
      const { offsets, dataLength } = packRecords(plan.records);
      return { offsets, extent: { extent: cursor.take(countBlocks(dataLength)), dataLength } };
    }),
  );

  // Only the primary hierarchy carries Rock Ridge, so only it has continuation areas.
  const continuations = placeContinuations(hierarchies[0], cursor);

  const files = listFiles(root).map((file) => {
    const size = contentSize(file.content);
    return { file, size, extent: size === 0 ? 0 : cursor.take(countBlocks(size)) };
  });
  const fileExtents = new Map(files.map(({ file, extent, size }) => [file, { extent, dataLength: size }]));

  const [primary, joliet] = hierarchies.map((plans, index) =>
    placeHierarchy(plans, pathTables[index]!, packedDirectories[index]!, fileExtents, continuations),
  ) as [PlacedHierarchy, PlacedHierarchy];
  return {
    blocks: cursor.position,
    primaryDescriptor,
    jolietDescriptor,
    terminator,
    primary,
    joliet,
    files: files.map(({ file, extent }) => ({ path: file.path, extent, content: file.content })),
  };
}
