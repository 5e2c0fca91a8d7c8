/**
 * ECMA-119 8: the volume descriptors at block 16 on. The primary descriptor (8.4) and the
 * Joliet supplementary descriptor (8.5) share one layout; Joliet's text fields are UCS-2 and
 * its escape sequences announce that (Joliet specification, ECMA-119 8.5.6).
 */
import { encodeAscii } from './ascii.js';
import { readUint16Le, writeUint16Both, writeUint32Be, writeUint32Both, writeUint32Le } from './both-endian.js';
import { encodeUnspecifiedVolumeDate, encodeVolumeDate } from './dates.js';
import { encodeJolietText, JOLIET_LEVEL_3_ESCAPE } from './joliet.js';

export const SECTOR_SIZE = 2048;
/** ECMA-119 6.2.1: blocks 0-15 are the system area, descriptors start at 16. */
export const FIRST_DESCRIPTOR_BLOCK = 16;

/** ECMA-119 8.4 (and 8.5) field offsets: [offset, length] for text fields. */
const DESCRIPTOR = {
  type: 0,
  standardIdentifier: 1,
  version: 6,
  volumeFlags: 7,
  systemIdentifier: [8, 32],
  volumeIdentifier: [40, 32],
  volumeSpaceSize: 80,
  escapeSequences: [88, 32],
  volumeSetSize: 120,
  volumeSequenceNumber: 124,
  logicalBlockSize: 128,
  pathTableSize: 132,
  lPathTable: 140,
  mPathTable: 148,
  rootDirectory: [156, 34],
  volumeSetIdentifier: [190, 128],
  publisherIdentifier: [318, 128],
  dataPreparerIdentifier: [446, 128],
  applicationIdentifier: [574, 128],
  copyrightFileIdentifier: [702, 37],
  abstractFileIdentifier: [739, 37],
  bibliographicFileIdentifier: [776, 37],
  creationDate: 813,
  modificationDate: 830,
  expirationDate: 847,
  effectiveDate: 864,
  fileStructureVersion: 881,
} as const;

/** ECMA-119 8.1.1 volume descriptor types. */
export const DESCRIPTOR_TYPE = { primary: 1, supplementary: 2, terminator: 255 } as const;
export const STANDARD_IDENTIFIER = encodeAscii('CD001');
const APPLICATION = 'CLOUDSEED';

export interface VolumeDescriptor {
  readonly kind: 'primary' | 'joliet';
  readonly volumeIdentifier: string;
  readonly volumeSpaceSize: number;
  readonly pathTableSize: number;
  readonly lPathTable: number;
  readonly mPathTable: number;
  /** The encoded 34-byte record of the root folder (ECMA-119 8.4.18). */
  readonly rootDirectory: Uint8Array;
  readonly epoch: number;
}

export interface DecodedVolumeDescriptor {
  readonly type: number;
  readonly volumeIdentifier: Uint8Array;
  readonly escapeSequences: Uint8Array;
  readonly logicalBlockSize: number;
  readonly rootDirectory: Uint8Array;
}

/** ECMA-119 7.4 a- and d-characters are ASCII; unused positions are spaces (8.4.5). */
function encodeAsciiText(text: string, length: number): Uint8Array {
  const bytes = new Uint8Array(length).fill(0x20);
  bytes.set(encodeAscii(text.slice(0, length)));
  return bytes;
}

function encodeHeader(sector: Uint8Array, type: number): void {
  sector[DESCRIPTOR.type] = type;
  sector.set(STANDARD_IDENTIFIER, DESCRIPTOR.standardIdentifier);
  sector[DESCRIPTOR.version] = 1;
}

/**
 * The fields that depend only on the kind, the label and the epoch: encoding the text fields
 * (Joliet's are UCS-2) and dates showed in build profiles (bench/notes.md), and a batch repeats
 * the same three for every image, so they are encoded once per kind, label and epoch.
 */
function encodeFixedFields(kind: VolumeDescriptor['kind'], volumeIdentifier: string, epoch: number): Uint8Array {
  const sector = new Uint8Array(SECTOR_SIZE);
  const isJoliet = kind === 'joliet';
  const encodeText = isJoliet ? encodeJolietText : encodeAsciiText;
  const putText = ([offset, length]: readonly [number, number], text: string): void =>
    sector.set(encodeText(text, length), offset);

  encodeHeader(sector, isJoliet ? DESCRIPTOR_TYPE.supplementary : DESCRIPTOR_TYPE.primary);
  sector[DESCRIPTOR.volumeFlags] = 0;
  putText(DESCRIPTOR.systemIdentifier, '');
  putText(DESCRIPTOR.volumeIdentifier, volumeIdentifier);
  if (isJoliet) sector.set(JOLIET_LEVEL_3_ESCAPE, DESCRIPTOR.escapeSequences[0]);
  writeUint16Both(sector, DESCRIPTOR.volumeSetSize, 1);
  writeUint16Both(sector, DESCRIPTOR.volumeSequenceNumber, 1);
  writeUint16Both(sector, DESCRIPTOR.logicalBlockSize, SECTOR_SIZE);
  putText(DESCRIPTOR.volumeSetIdentifier, '');
  putText(DESCRIPTOR.publisherIdentifier, '');
  putText(DESCRIPTOR.dataPreparerIdentifier, '');
  putText(DESCRIPTOR.applicationIdentifier, APPLICATION);
  putText(DESCRIPTOR.copyrightFileIdentifier, '');
  putText(DESCRIPTOR.abstractFileIdentifier, '');
  putText(DESCRIPTOR.bibliographicFileIdentifier, '');
  sector.set(encodeVolumeDate(epoch), DESCRIPTOR.creationDate);
  sector.set(encodeVolumeDate(epoch), DESCRIPTOR.modificationDate);
  // Like xorrisofs: no expiry, and valid from creation on (8.4.29 "not specified").
  sector.set(encodeUnspecifiedVolumeDate(), DESCRIPTOR.expirationDate);
  sector.set(encodeUnspecifiedVolumeDate(), DESCRIPTOR.effectiveDate);
  sector[DESCRIPTOR.fileStructureVersion] = 1;
  return sector;
}

/** A few entries suffice: a process builds with one epoch and one or two labels. */
const FIXED_FIELDS_CACHE_SIZE = 8;
const fixedFieldsCache = new Map<string, Uint8Array>();

function fixedFields(kind: VolumeDescriptor['kind'], volumeIdentifier: string, epoch: number): Uint8Array {
  const key = `${kind}\0${volumeIdentifier}\0${epoch}`;
  let sector = fixedFieldsCache.get(key);
  if (sector === undefined) {
    if (fixedFieldsCache.size >= FIXED_FIELDS_CACHE_SIZE) fixedFieldsCache.clear();
    sector = encodeFixedFields(kind, volumeIdentifier, epoch);
    fixedFieldsCache.set(key, sector);
  }
  return sector;
}

/**
 * Writes the descriptor over `sector` (one block of the image: a subarray of SECTOR_SIZE bytes),
 * so the image's writer makes no 2 KiB copy of its own per descriptor.
 */
export function writeVolumeDescriptor(sector: Uint8Array, descriptor: VolumeDescriptor): void {
  sector.set(fixedFields(descriptor.kind, descriptor.volumeIdentifier, descriptor.epoch));
  writeUint32Both(sector, DESCRIPTOR.volumeSpaceSize, descriptor.volumeSpaceSize);
  writeUint32Both(sector, DESCRIPTOR.pathTableSize, descriptor.pathTableSize);
  writeUint32Le(sector, DESCRIPTOR.lPathTable, descriptor.lPathTable);
  writeUint32Be(sector, DESCRIPTOR.mPathTable, descriptor.mPathTable);
  sector.set(descriptor.rootDirectory, DESCRIPTOR.rootDirectory[0]);
}

/** ECMA-119 8.3: ends the descriptor set. `sector` is zero-filled, as a fresh image is. */
export function writeTerminator(sector: Uint8Array): void {
  encodeHeader(sector, DESCRIPTOR_TYPE.terminator);
}

/** Undefined when the sector is not a volume descriptor (no "CD001"). */
export function decodeVolumeDescriptor(sector: Uint8Array): DecodedVolumeDescriptor | undefined {
  if (sector.length < SECTOR_SIZE) return undefined;
  const identifier = sector.subarray(DESCRIPTOR.standardIdentifier, DESCRIPTOR.version);
  if (!identifier.every((byte, index) => byte === STANDARD_IDENTIFIER[index])) return undefined;
  const slice = ([offset, length]: readonly [number, number]): Uint8Array => sector.subarray(offset, offset + length);
  return {
    type: sector[DESCRIPTOR.type] ?? 0,
    volumeIdentifier: slice(DESCRIPTOR.volumeIdentifier),
    escapeSequences: slice(DESCRIPTOR.escapeSequences),
    logicalBlockSize: readUint16Le(sector, DESCRIPTOR.logicalBlockSize),
    rootDirectory: slice(DESCRIPTOR.rootDirectory),
  };
}
