/** ECMA-119 9.1: the directory record, shared by the primary and the Joliet hierarchy. */
import { readUint32Le, writeUint16Both, writeUint32Both } from './both-endian.js';
import { RECORDING_DATE_LENGTH } from './dates.js';

/** ECMA-119 9.1 field offsets. */
const RECORD = {
  length: 0,
  extendedAttributeLength: 1,
  extent: 2,
  dataLength: 10,
  recordingDate: 18,
  flags: 25,
  fileUnitSize: 26,
  interleaveGap: 27,
  volumeSequenceNumber: 28,
  identifierLength: 32,
  identifier: 33,
} as const;

/** ECMA-119 9.1.6 file flags. */
const FLAG_DIRECTORY = 0x02;
const FLAG_MULTI_EXTENT = 0x80;
/** LEN_DR is one byte (9.1.1); we keep records an even length, as mkisofs and xorriso do. */
const MAX_RECORD_LENGTH = 254;
/** ECMA-119 6.8.2.2: the identifiers of the "." and ".." records. */
export const SELF_IDENTIFIER = Uint8Array.of(0x00);
export const PARENT_IDENTIFIER = Uint8Array.of(0x01);

export interface DirectoryRecord {
  readonly extent: number;
  readonly dataLength: number;
  readonly isDirectory: boolean;
  readonly identifier: Uint8Array;
  /** Already encoded System Use entries (SUSP), empty in Joliet records. */
  readonly systemUse: Uint8Array;
}

export interface DecodedDirectoryRecord extends DirectoryRecord {
  readonly length: number;
  /** More records with the same name follow and continue this file's data (ECMA-119 9.1.6 bit 7). */
  readonly isMultiExtent: boolean;
}

/** ECMA-119 9.1.12: a padding byte keeps the System Use field on an even offset. */
function systemUseOffset(identifierLength: number): number {
  return RECORD.identifier + identifierLength + (identifierLength % 2 === 0 ? 1 : 0);
}

/** Bytes left for System Use entries in a record with this identifier. */
export function systemUseRoom(identifierLength: number): number {
  return MAX_RECORD_LENGTH - systemUseOffset(identifierLength);
}

export function measureDirectoryRecord(identifierLength: number, systemUseLength: number): number {
  const length = systemUseOffset(identifierLength) + systemUseLength;
  return length + (length % 2);
}

export function encodeDirectoryRecord(record: DirectoryRecord, recordingDate: Uint8Array): Uint8Array {
  const length = measureDirectoryRecord(record.identifier.length, record.systemUse.length);
  if (length > MAX_RECORD_LENGTH || recordingDate.length !== RECORDING_DATE_LENGTH) {
    throw new RangeError(`directory record of ${length} bytes does not fit ECMA-119 9.1`);
  }
  const bytes = new Uint8Array(length);
  bytes[RECORD.length] = length;
  bytes[RECORD.extendedAttributeLength] = 0;
  writeUint32Both(bytes, RECORD.extent, record.extent);
  writeUint32Both(bytes, RECORD.dataLength, record.dataLength);
  bytes.set(recordingDate, RECORD.recordingDate);
  bytes[RECORD.flags] = record.isDirectory ? FLAG_DIRECTORY : 0;
  bytes[RECORD.fileUnitSize] = 0;
  bytes[RECORD.interleaveGap] = 0;
  writeUint16Both(bytes, RECORD.volumeSequenceNumber, 1);
  bytes[RECORD.identifierLength] = record.identifier.length;
  bytes.set(record.identifier, RECORD.identifier);
  bytes.set(record.systemUse, systemUseOffset(record.identifier.length));
  return bytes;
}

/**
 * Reads the record starting at `offset`; undefined at a zero length byte (the rest of the
 * sector is padding, ECMA-119 6.8.1.1) or when the record claims more bytes than there are.
 */
export function decodeDirectoryRecord(bytes: Uint8Array, offset: number): DecodedDirectoryRecord | undefined {
  const length = bytes[offset + RECORD.length] ?? 0;
  if (length < RECORD.identifier || offset + length > bytes.length) return undefined;
  const identifierLength = bytes[offset + RECORD.identifierLength] ?? 0;
  const suOffset = systemUseOffset(identifierLength);
  if (RECORD.identifier + identifierLength > length) return undefined;
  const flags = bytes[offset + RECORD.flags] ?? 0;
  return {
    length,
    extent: readUint32Le(bytes, offset + RECORD.extent),
    dataLength: readUint32Le(bytes, offset + RECORD.dataLength),
    isDirectory: (flags & FLAG_DIRECTORY) !== 0,
    isMultiExtent: (flags & FLAG_MULTI_EXTENT) !== 0,
    identifier: bytes.subarray(offset + RECORD.identifier, offset + RECORD.identifier + identifierLength),
    systemUse: bytes.subarray(offset + Math.min(suOffset, length), offset + length),
  };
}
