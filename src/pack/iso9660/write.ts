/**
 * The native iso9660 writer: ECMA-119 primary hierarchy with Rock Ridge (Linux), Joliet
 * (Windows), both with L and M path tables. Plan, then write: layoutIso9660 places everything,
 * then one buffer of the final size is filled. Same tree and options => same bytes.
 */
import { throwIfIssues } from '../../errors.js';
import { contentSize, SourceFile, type FileContent, type FileTree, type SeedTree } from '../../common/file-tree.js';
import type { ImageRevision, PlacedBytes } from '../../common/image-revision.js';
import { readSourceChunks } from '../../input/source-file-reader.js';
import type { PackOptions } from '../types.js';
import { encodeRecordingDate } from '../../codec/iso9660/dates.js';
import { encodeDirectoryRecord, SELF_IDENTIFIER, writeDirectoryRecordHead } from '../../codec/iso9660/directory-record.js';
import { layoutIso9660, type IsoLayout, type PlacedHierarchy } from './layout.js';
import { checkIso9660Names, checkIso9660Size } from './limits.js';
import { writePathTable } from './path-table.js';
import { CE_ENTRY_LENGTH, writeCeEntry } from '../../codec/iso9660/susp.js';
import { measureSystemUseField, writeSystemUseField, type SystemUseField } from './system-use.js';
import { SECTOR_SIZE, writeTerminator, writeVolumeDescriptor } from '../../codec/iso9660/volume-descriptor.js';

/** Writes the entries one after another from `offset`; returns the offset after the last. */
function writeFields(image: Uint8Array, offset: number, fields: readonly SystemUseField[], recordingDate: Uint8Array): number {
  let at = offset;
  for (const field of fields) at = writeSystemUseField(image, at, field, recordingDate);
  return at;
}

/**
 * Writes each record, its System Use entries (ending with a CE entry when the rest continues
 * elsewhere) and its continuation area straight into the zero-filled image, so no record is
 * built as a buffer of its own first.
 */
function writeHierarchy(image: Uint8Array, hierarchy: PlacedHierarchy, recordingDate: Uint8Array): void {
  // A placed folder is its path table entry: identifier, extent and parent number.
  writePathTable(image, hierarchy.lPathTable * SECTOR_SIZE, hierarchy.directories, 'little');
  writePathTable(image, hierarchy.mPathTable * SECTOR_SIZE, hierarchy.directories, 'big');
  for (const directory of hierarchy.directories) {
    for (const record of directory.records) {
      const area = record.continuation;
      let systemUseLength = area ? CE_ENTRY_LENGTH : 0;
      for (const field of record.systemUse) systemUseLength += measureSystemUseField(field);
      const start = directory.extent * SECTOR_SIZE + record.offset;
      const systemUse = writeDirectoryRecordHead(image, start, record, systemUseLength, recordingDate);
      const end = writeFields(image, systemUse, record.systemUse, recordingDate);
      if (area) {
        writeCeEntry(image, end, area);
        writeFields(image, area.block * SECTOR_SIZE + area.offset, area.fields, recordingDate);
      }
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
  const recordingDate = encodeRecordingDate(options.epoch);

  const descriptors = [
    { kind: 'primary', block: layout.primaryDescriptor, hierarchy: layout.primary },
    { kind: 'joliet', block: layout.jolietDescriptor, hierarchy: layout.joliet },
  ] as const;
  for (const { kind, block, hierarchy } of descriptors) {
    const sector = image.subarray(block * SECTOR_SIZE, (block + 1) * SECTOR_SIZE);
    writeVolumeDescriptor(sector, {
      kind,
      volumeIdentifier: options.label,
      volumeSpaceSize: layout.blocks,
      pathTableSize: hierarchy.pathTableSize,
      lPathTable: hierarchy.lPathTable,
      mPathTable: hierarchy.mPathTable,
      rootDirectory: encodeRootRecord(hierarchy, recordingDate),
      epoch: options.epoch,
    });
    writeHierarchy(image, hierarchy, recordingDate);
  }
  writeTerminator(image.subarray(layout.terminator * SECTOR_SIZE, (layout.terminator + 1) * SECTOR_SIZE));
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

/** How a writer reads a source file: readSourceChunks, or writeSeed's reader that hashes on the way. */
export type SourceReader = (file: SourceFile) => Iterable<Uint8Array>;

/**
 * The same bytes as writeIso9660, as chunks in image order, for large payloads: the metadata
 * blocks, then each file's content and its zero padding. Rendered files are yielded as they are;
 * source files are read from disk in bounded chunks while the image is written, so neither the
 * image nor an injected file is ever held whole. A chunk may be a view of a reused buffer: the
 * consumer writes it before asking for the next. File data comes last in the layout, contiguous
 * and in layout.files order. The tree is checked and laid out before this returns.
 *
 * `revise(next)` gives the writes that turn the streamed image into `next`'s image (`next` being
 * the same seed rendered again, with its final instance-id): the folders and descriptors depend on
 * the files' names and sizes only, so when every file keeps its path and size only the rendered
 * files whose bytes changed are rewritten, at their extents; otherwise the whole image is.
 */
export function encodeIso9660Chunks(tree: SeedTree, options: PackOptions, read: SourceReader = readSourceChunks): IsoStream & { revise(next: SeedTree): ImageRevision } {
  const layout = layoutChecked(tree, options, true);
  return { size: layout.blocks * SECTOR_SIZE, chunks: imageChunks(layout, options, read), revise: (next) => reviseIso9660(layout, next, options) };
}

function* imageChunks(layout: IsoLayout, options: PackOptions, read: SourceReader): Generator<Uint8Array> {
  const data = layout.files.filter((file) => contentSize(file.content) > 0);
  const head = new Uint8Array((data[0]?.extent ?? layout.blocks) * SECTOR_SIZE);
  writeMetadata(layout, options, head);
  yield head;
  const padding = new Uint8Array(SECTOR_SIZE);
  for (const { content } of data) {
    if (content instanceof SourceFile) yield* read(content);
    else yield content;
    const tail = (SECTOR_SIZE - (contentSize(content) % SECTOR_SIZE)) % SECTOR_SIZE;
    if (tail > 0) yield padding.subarray(0, tail);
  }
}

/** Rendered bytes may change in place; a source file must be the same one. */
function fitsInPlace(was: FileContent, now: FileContent | undefined): boolean {
  if (now === undefined || was instanceof SourceFile || now instanceof SourceFile) return was === now;
  return was.length === now.length;
}

function* placeInOrder(chunks: Iterable<Uint8Array>): Generator<PlacedBytes> {
  let offset = 0;
  for (const bytes of chunks) {
    yield { offset, bytes };
    offset += bytes.length;
  }
}

function reviseIso9660(layout: IsoLayout, next: SeedTree, options: PackOptions): ImageRevision {
  if (next.size !== layout.files.length || !layout.files.every((file) => fitsInPlace(file.content, next.get(file.path)))) {
    const relaid = layoutChecked(next, options, true);
    return { size: relaid.blocks * SECTOR_SIZE, writes: placeInOrder(imageChunks(relaid, options, readSourceChunks)) };
  }
  const writes: PlacedBytes[] = [];
  for (const { path, extent, content } of layout.files) {
    const now = next.get(path) as FileContent;
    if (now instanceof Uint8Array && !Buffer.from(now.buffer, now.byteOffset, now.length).equals(content as Uint8Array)) {
      writes.push({ offset: extent * SECTOR_SIZE, bytes: now });
    }
  }
  return { size: layout.blocks * SECTOR_SIZE, writes };
}
