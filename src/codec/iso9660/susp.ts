/**
 * System Use Sharing Protocol (IEEE P1281, SUSP 1.12): the entry format inside the System Use
 * field of directory records (ECMA-119 9.1.13), and the SUSP entries we write or follow:
 * CE (5.1), SP (5.3), ST (5.4) and ER (5.5).
 */
import { encodeAscii as ascii } from './ascii.js';
import { readUint32Le, writeUint32Both } from './both-endian.js';

/** SUSP 4.1: every entry starts with a 2-byte signature, its total length and a version. */
const ENTRY = { signature: 0, length: 2, version: 3, data: 4 } as const;
export const SUSP_HEADER_LENGTH = ENTRY.data;
/** SUSP 4.1.1: the length is one byte. */
const MAX_ENTRY_LENGTH = 255;

/** SUSP 5.3 SP data: check bytes BE EF, then LEN_SKP. */
const SP = { check: 0, skip: 2, length: 3 } as const;
const SP_CHECK = Uint8Array.of(0xbe, 0xef);

/** SUSP 5.1 CE data: block, offset and length of the continuation area, each both-endian. */
const CE = { block: 0, offset: 8, length: 16, size: 24 } as const;
export const CE_ENTRY_LENGTH = SUSP_HEADER_LENGTH + CE.size;

/** SUSP 5.5 ER data: three lengths and a version, then identifier, descriptor and source text. */
const ER = { identifierLength: 0, descriptorLength: 1, sourceLength: 2, version: 3, text: 4 } as const;

export interface SuspEntry {
  readonly signature: string;
  readonly version: number;
  readonly data: Uint8Array;
}

export interface ContinuationArea {
  readonly block: number;
  readonly offset: number;
  readonly length: number;
}

export interface ExtensionReference {
  readonly identifier: string;
  readonly descriptor: string;
  readonly source: string;
  readonly version: number;
}

const fromAscii = (bytes: Uint8Array): string => String.fromCharCode(...bytes);

/**
 * SUSP 4.1: writes the common header (a two-letter signature, the length, the version) of an
 * entry of `length` bytes at `offset`. Returns where the entry's data starts.
 */
export function writeSuspHeader(target: Uint8Array, offset: number, signature: string, version: number, length: number): number {
  if (length > MAX_ENTRY_LENGTH) throw new RangeError(`SUSP ${signature} entry of ${length} bytes exceeds 255`);
  target[offset + ENTRY.signature] = signature.charCodeAt(0);
  target[offset + ENTRY.signature + 1] = signature.charCodeAt(1);
  target[offset + ENTRY.length] = length;
  target[offset + ENTRY.version] = version;
  return offset + ENTRY.data;
}

/** SUSP 4.1: wraps entry data in the common header. */
export function encodeSuspEntry(signature: string, version: number, data: Uint8Array): Uint8Array {
  const length = SUSP_HEADER_LENGTH + data.length;
  const entry = new Uint8Array(length);
  entry.set(data, writeSuspHeader(entry, 0, signature, version, length));
  return entry;
}

/** SUSP 5.3: marks the root '.' record as using SUSP; no bytes are skipped before entries. */
export function encodeSpEntry(): Uint8Array {
  const data = new Uint8Array(SP.length);
  data.set(SP_CHECK, SP.check);
  data[SP.skip] = 0;
  return encodeSuspEntry('SP', 1, data);
}

/** SUSP 5.1: writes the entry that points to where this record's System Use entries continue; returns the offset after it. */
export function writeCeEntry(target: Uint8Array, offset: number, area: ContinuationArea): number {
  const data = writeSuspHeader(target, offset, 'CE', 1, CE_ENTRY_LENGTH);
  writeUint32Both(target, data + CE.block, area.block);
  writeUint32Both(target, data + CE.offset, area.offset);
  writeUint32Both(target, data + CE.length, area.length);
  return offset + CE_ENTRY_LENGTH;
}

/** SUSP 5.1: points to where this record's System Use entries continue. */
export function encodeCeEntry(area: ContinuationArea): Uint8Array {
  const entry = new Uint8Array(CE_ENTRY_LENGTH);
  writeCeEntry(entry, 0, area);
  return entry;
}

/** SUSP 5.5: names an extension (for us RRIP) used on this volume. */
export function encodeErEntry(reference: ExtensionReference): Uint8Array {
  const identifier = ascii(reference.identifier);
  const descriptor = ascii(reference.descriptor);
  const source = ascii(reference.source);
  const data = new Uint8Array(ER.text + identifier.length + descriptor.length + source.length);
  data[ER.identifierLength] = identifier.length;
  data[ER.descriptorLength] = descriptor.length;
  data[ER.sourceLength] = source.length;
  data[ER.version] = reference.version;
  data.set(identifier, ER.text);
  data.set(descriptor, ER.text + identifier.length);
  data.set(source, ER.text + identifier.length + descriptor.length);
  return encodeSuspEntry('ER', 1, data);
}

/** SUSP 4.1 and 5.4: splits a System Use area into entries, stopping at ST or at bytes too short for an entry. */
export function decodeSuspEntries(area: Uint8Array): SuspEntry[] {
  const entries: SuspEntry[] = [];
  let offset = 0;
  while (offset + SUSP_HEADER_LENGTH <= area.length) {
    const length = area[offset + ENTRY.length] ?? 0;
    if (length < SUSP_HEADER_LENGTH || offset + length > area.length) break;
    const signature = fromAscii(area.subarray(offset + ENTRY.signature, offset + ENTRY.length));
    if (signature === 'ST') break;
    entries.push({
      signature,
      version: area[offset + ENTRY.version] ?? 0,
      data: area.subarray(offset + ENTRY.data, offset + length),
    });
    offset += length;
  }
  return entries;
}

/** SUSP 5.3: the SP entry's check bytes, and how many bytes to skip in every other record. */
export function decodeSpEntry(entry: SuspEntry): { readonly skip: number } | undefined {
  const valid =
    entry.signature === 'SP' &&
    entry.data.length >= SP.length &&
    entry.data[SP.check] === SP_CHECK[0] &&
    entry.data[SP.check + 1] === SP_CHECK[1];
  return valid ? { skip: entry.data[SP.skip] ?? 0 } : undefined;
}

export function decodeCeEntry(entry: SuspEntry): ContinuationArea | undefined {
  if (entry.signature !== 'CE' || entry.data.length < CE.size) return undefined;
  return {
    block: readUint32Le(entry.data, CE.block),
    offset: readUint32Le(entry.data, CE.offset),
    length: readUint32Le(entry.data, CE.length),
  };
}

export function decodeErEntry(entry: SuspEntry): ExtensionReference | undefined {
  if (entry.signature !== 'ER' || entry.data.length < ER.text) return undefined;
  const identifierLength = entry.data[ER.identifierLength] ?? 0;
  const descriptorLength = entry.data[ER.descriptorLength] ?? 0;
  const sourceLength = entry.data[ER.sourceLength] ?? 0;
  const text = entry.data.subarray(ER.text);
  return {
    identifier: fromAscii(text.subarray(0, identifierLength)),
    descriptor: fromAscii(text.subarray(identifierLength, identifierLength + descriptorLength)),
    source: fromAscii(
      text.subarray(identifierLength + descriptorLength, identifierLength + descriptorLength + sourceLength),
    ),
    version: entry.data[ER.version] ?? 0,
  };
}
