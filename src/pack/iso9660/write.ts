/**
 * The native iso9660 writer: ECMA-119 primary hierarchy with Rock Ridge (Linux), Joliet
 * (Windows), both with L and M path tables. Plan, then write: layoutIso9660 places everything,
 * then one buffer of the final size is filled. Same tree and options => same bytes.
 */
import { throwIfIssues } from '../../errors.js';
import { contentSize, SourceFile, type FileTree, type SeedTree } from '../../common/file-tree.js';
import { readSourceChunks } from '../../input/source-file-reader.js';
import type { PackOptions } from '../types.js';
import { encodeRecordingDate } from '../../codec/iso9660/dates.js';
import { encodeDirectoryRecord, SELF_IDENTIFIER } from '../../codec/iso9660/directory-record.js';
import { layoutIso9660, type IsoLayout, type PlacedHierarchy, type PlacedRecord } from './layout.js';
import { checkIso9660Names, checkIso9660Size } from './limits.js';
import { encodePathTable } from './path-table.js';
import { encodeCeEntry } from '../../codec/iso9660/susp.js';
import { encodeSystemUseField, type SystemUseField } from './system-use.js';
import { encodeTerminator, encodeVolumeDescriptor, SECTOR_SIZE } from '../../codec/iso9660/volume-descriptor.js';

/** Copies bytes to a block (plus a byte offset) of the image. */
type Put = (block: number, bytes: Uint8Array, offset?: number) => void;

function concatenate(parts: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

function encodeFields(fields: readonly SystemUseField[], recordingDate: Uint8Array): Uint8Array[] {
  return fields.map((field) => encodeSystemUseField(field, recordingDate));
}

/** The record's own System Use entries, ending with a CE entry when the rest continues elsewhere. */
function encodeRecordSystemUse(record: PlacedRecord, recordingDate: Uint8Array): Uint8Array {
  const inline = encodeFields(record.systemUse, recordingDate);
  return concatenate(record.continuation ? [...inline, encodeCeEntry(record.continuation)] : inline);
}

function writeHierarchy(put: Put, hierarchy: PlacedHierarchy, recordingDate: Uint8Array): void {
  const entries = hierarchy.directories.map(({ identifier, extent, parentNumber }) => ({
    identifier,
    extent,
    parentNumber,
  }));
  put(hierarchy.lPathTable, encodePathTable(entries, 'little'));
  put(hierarchy.mPathTable, encodePathTable(entries, 'big'));
  for (const directory of hierarchy.directories) {
    for (const record of directory.records) {
      const systemUse = encodeRecordSystemUse(record, recordingDate);
      put(directory.extent, encodeDirectoryRecord({ ...record, systemUse }, recordingDate), record.offset);
      const area = record.continuation;
      if (area) put(area.block, concatenate(encodeFields(area.fields, recordingDate)), area.offset);
    }
  }
}

/** ECMA-119 8.4.18: the descriptor holds its own copy of the root's record, without System Use. */
function encodeRootRecord(hierarchy: PlacedHierarchy, recordingDate: Uint8Array): Uint8Array {
  const root = hierarchy.directories[0] as PlacedHierarchy['directories'][number];
  return encodeDirectoryRecord(
    {
      extent: root.extent,
      dataLength: root.dataLength,
      isDirectory: true,
      identifier: SELF_IDENTIFIER,
      systemUse: new Uint8Array(0),
    },
    recordingDate,
  );
}

/** The checked layout: names and options first, then the size on the layout the writer goes on to use. */
function layoutChecked(tree: SeedTree, options: PackOptions, streamed: boolean): IsoLayout {
  throwIfIssues(checkIso9660Names(tree, options));
  const layout = layoutIso9660(tree);
  throwIfIssues(checkIso9660Size(layout, streamed));
  return layout;
}

/** Fills every block before the file data: descriptors, path tables, folders, continuation areas. */
function writeMetadata(layout: IsoLayout, options: PackOptions, image: Uint8Array): void {
  const put: Put = (block, bytes, offset = 0) => image.set(bytes, block * SECTOR_SIZE + offset);
  const recordingDate = encodeRecordingDate(options.epoch);

  const descriptors = [
    { kind: 'primary', block: layout.primaryDescriptor, hierarchy: layout.primary },
    { kind: 'joliet', block: layout.jolietDescriptor, hierarchy: layout.joliet },
  ] as const;
  for (const { kind, block, hierarchy } of descriptors) {
    const descriptor = encodeVolumeDescriptor({
      kind,
      volumeIdentifier: options.label,
      volumeSpaceSize: layout.blocks,
      pathTableSize: hierarchy.pathTableSize,
      lPathTable: hierarchy.lPathTable,
      mPathTable: hierarchy.mPathTable,
      rootDirectory: encodeRootRecord(hierarchy, recordingDate),
      epoch: options.epoch,
    });
    put(block, descriptor);
    writeHierarchy(put, hierarchy, recordingDate);
  }
  put(layout.terminator, encodeTerminator());
}

export function writeIso9660(tree: FileTree, options: PackOptions): Uint8Array {
  const layout = layoutChecked(tree, options, false);
  const image = new Uint8Array(layout.blocks * SECTOR_SIZE);
  writeMetadata(layout, options, image);
  // A FileTree holds bytes only: the layout's contents are those bytes.
  for (const file of layout.files) image.set(file.content as Uint8Array, file.extent * SECTOR_SIZE);
  return image;
}

/** A streamed image: its size, known from the layout, and its bytes as chunks in order. */
export interface IsoStream {
  readonly size: number;
  readonly chunks: Iterable<Uint8Array>;
}

/**
 * The same bytes as writeIso9660, as chunks in image order, for large payloads: the metadata
 * blocks, then each file's content and its zero padding. Rendered files are yielded as they are;
 * source files are read from disk in bounded chunks while the image is written, so neither the
 * image nor an injected file is ever held whole. A chunk may be a view of a reused buffer: the
 * consumer writes it before asking for the next. File data comes last in the layout, contiguous
 * and in layout.files order. The tree is checked and laid out before this returns.
 */
export function encodeIso9660Chunks(tree: SeedTree, options: PackOptions): IsoStream {
  const layout = layoutChecked(tree, options, true);
  return { size: layout.blocks * SECTOR_SIZE, chunks: imageChunks(layout, options) };
}

function* imageChunks(layout: IsoLayout, options: PackOptions): Generator<Uint8Array> {
  const data = layout.files.filter((file) => contentSize(file.content) > 0);
  const head = new Uint8Array((data[0]?.extent ?? layout.blocks) * SECTOR_SIZE);
  writeMetadata(layout, options, head);
  yield head;
  const padding = new Uint8Array(SECTOR_SIZE);
  for (const { content } of data) {
    if (content instanceof SourceFile) yield* readSourceChunks(content);
    else yield content;
    const tail = (SECTOR_SIZE - (contentSize(content) % SECTOR_SIZE)) % SECTOR_SIZE;
    if (tail > 0) yield padding.subarray(0, tail);
  }
}
