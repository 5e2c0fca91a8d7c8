/**
 * ECMA-119 9.4 path tables: every folder once, in hierarchy order (6.9.1). Each volume
 * descriptor points to a little-endian (type L) and a big-endian (type M) copy.
 */
import { writeUint16Be, writeUint16Le, writeUint32Be, writeUint32Le } from '../../codec/iso9660/both-endian.js';

/** ECMA-119 9.4 field offsets. */
const PATH_RECORD = {
  identifierLength: 0,
  extendedAttributeLength: 1,
  extent: 2,
  parentNumber: 6,
  identifier: 8,
} as const;

export type ByteOrder = 'little' | 'big';

export interface PathTableEntry {
  /** The folder's identifier as in its directory record; the root's is a single 0x00 (9.4.5). */
  readonly identifier: Uint8Array;
  readonly extent: number;
  /** 1-based number of the parent's entry; the root is its own parent (6.9.2). */
  readonly parentNumber: number;
}

/** ECMA-119 9.4.6: an odd identifier is followed by a padding byte. */
function measureEntry(identifierLength: number): number {
  return PATH_RECORD.identifier + identifierLength + (identifierLength % 2);
}

export function measurePathTable(identifierLengths: readonly number[]): number {
  return identifierLengths.reduce((sum, length) => sum + measureEntry(length), 0);
}

/** Writes the table at `offset` of a zero-filled `target` (the image's block for it). */
export function writePathTable(target: Uint8Array, offset: number, entries: readonly PathTableEntry[], order: ByteOrder): void {
  const [write16, write32] = order === 'little' ? [writeUint16Le, writeUint32Le] : [writeUint16Be, writeUint32Be];
  let at = offset;
  for (const entry of entries) {
    target[at + PATH_RECORD.identifierLength] = entry.identifier.length;
    target[at + PATH_RECORD.extendedAttributeLength] = 0;
    write32(target, at + PATH_RECORD.extent, entry.extent);
    write16(target, at + PATH_RECORD.parentNumber, entry.parentNumber);
    target.set(entry.identifier, at + PATH_RECORD.identifier);
    at += measureEntry(entry.identifier.length);
  }
}
