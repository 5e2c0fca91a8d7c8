/**
 * The native iso9660 writer: ECMA-119 primary hierarchy with Rock Ridge (Linux), Joliet
 * (Windows), both with L and M path tables. Plan, then write: layoutIso9660 places everything,
 * then one buffer of the final size is filled. Same tree and options => same bytes.
 */
import { throwIfIssues } from '../../errors.js';
import type { FileTree } from '../../common/file-tree.js';
import type { PackOptions } from '../types.js';
import { encodeRecordingDate } from '../../codec/iso9660/dates.js';
import { encodeDirectoryRecord, SELF_IDENTIFIER, writeDirectoryRecordHead } from '../../codec/iso9660/directory-record.js';
import { layoutIso9660, type IsoLayout, type PlacedHierarchy } from './layout.js';
import { checkIso9660Names, checkIso9660Size } from './limits.js';
import { encodePathTable } from './path-table.js';
import { CE_ENTRY_LENGTH, writeCeEntry } from '../../codec/iso9660/susp.js';
import { measureSystemUseField, writeSystemUseField, type SystemUseField } from './system-use.js';
import { encodeTerminator, encodeVolumeDescriptor, SECTOR_SIZE } from '../../codec/iso9660/volume-descriptor.js';

/** Copies bytes to a block (plus a byte offset) of the image. */
type Put = (block: number, bytes: Uint8Array, offset?: number) => void;

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
function writeHierarchy(image: Uint8Array, put: Put, hierarchy: PlacedHierarchy, recordingDate: Uint8Array): void {
  const entries = hierarchy.directories.map(({ identifier, extent, parentNumber }) => ({
    identifier,
    extent,
    parentNumber,
  }));
  put(hierarchy.lPathTable, encodePathTable(entries, 'little'));
  put(hierarchy.mPathTable, encodePathTable(entries, 'big'));
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
function layoutChecked(tree: FileTree, options: PackOptions): IsoLayout {
  throwIfIssues(checkIso9660Names(tree, options));
  const layout = layoutIso9660(tree);
  throwIfIssues(checkIso9660Size(layout));
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
    writeHierarchy(image, put, hierarchy, recordingDate);
  }
  put(layout.terminator, encodeTerminator());
}

export function writeIso9660(tree: FileTree, options: PackOptions): Uint8Array {
  const layout = layoutChecked(tree, options);
  const image = new Uint8Array(layout.blocks * SECTOR_SIZE);
  writeMetadata(layout, options, image);
  for (const file of layout.files) image.set(file.content, file.extent * SECTOR_SIZE);
  return image;
}

/**
 * The same bytes as writeIso9660, as chunks in image order, for large payloads: the metadata
 * blocks, then each file's own buffer and its zero padding, so the image is never held twice.
 * File data comes last in the layout, contiguous and in layout.files order.
 */
export function* encodeIso9660Chunks(tree: FileTree, options: PackOptions): Generator<Uint8Array> {
  const layout = layoutChecked(tree, options);
  const data = layout.files.filter((file) => file.content.length > 0);
  const head = new Uint8Array((data[0]?.extent ?? layout.blocks) * SECTOR_SIZE);
  writeMetadata(layout, options, head);
  yield head;
  const padding = new Uint8Array(SECTOR_SIZE);
  for (const { content } of data) {
    yield content;
    const tail = (SECTOR_SIZE - (content.length % SECTOR_SIZE)) % SECTOR_SIZE;
    if (tail > 0) yield padding.subarray(0, tail);
  }
}
