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

/**
 * Writes a record's fixed fields and identifier at `offset` of a zero-filled `target`, for a
 * record with `systemUseLength` bytes of System Use entries, which the caller writes at the
 * returned offset. Returns that offset.
 */
export function writeDirectoryRecordHead(
  target: Uint8Array,
  offset: number,
  record: Omit<DirectoryRecord, 'systemUse'>,
  systemUseLength: number,
  recordingDate: Uint8Array,
): number {
  const length = measureDirectoryRecord(record.identifier.length, systemUseLength);
  if (length > MAX_RECORD_LENGTH || recordingDate.length !== RECORDING_DATE_LENGTH) {
    throw new RangeError(`directory record of ${length} bytes does not fit ECMA-119 9.1`);
  }
  target[offset + RECORD.length] = length;
  target[offset + RECORD.extendedAttributeLength] = 0;
  writeUint32Both(target, offset + RECORD.extent, record.extent);
  writeUint32Both(target, offset + RECORD.dataLength, record.dataLength);
  target.set(recordingDate, offset + RECORD.recordingDate);
  target[offset + RECORD.flags] = record.isDirectory ? FLAG_DIRECTORY : 0;
  target[offset + RECORD.fileUnitSize] = 0;
  target[offset + RECORD.interleaveGap] = 0;
  writeUint16Both(target, offset + RECORD.volumeSequenceNumber, 1);
  target[offset + RECORD.identifierLength] = record.identifier.length;
  target.set(record.identifier, offset + RECORD.identifier);
  return offset + systemUseOffset(record.identifier.length);
}

export function encodeDirectoryRecord(record: DirectoryRecord, recordingDate: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(measureDirectoryRecord(record.identifier.length, record.systemUse.length));
  bytes.set(record.systemUse, writeDirectoryRecordHead(bytes, 0, record, record.systemUse.length, recordingDate));
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
