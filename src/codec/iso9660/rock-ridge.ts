/**
 * Rock Ridge Interchange Protocol 1.10 (IEEE P1282 draft, ER identifier "RRIP_1991A"): POSIX
 * names, modes and times for Linux readers, carried as SUSP entries on the primary hierarchy.
 * RRIP 1.10 fixes PX at 36 bytes (1.12 added an inode number and a new ER identifier); the
 * Linux kernel, libisofs and isoinfo read both.
 */
import { RECORDING_DATE_LENGTH } from './dates.js';
import { readUint32Le, writeUint32Both } from './both-endian.js';
import { SUSP_HEADER_LENGTH, writeSuspHeader, type ExtensionReference, type SuspEntry } from './susp.js';

/** The ER entry (SUSP 5.5) announcing RRIP 1.10, with the text the RRIP specification prescribes. */
export const RRIP_1991A: ExtensionReference = {
  identifier: 'RRIP_1991A',
  descriptor: 'THE ROCK RIDGE INTERCHANGE PROTOCOL PROVIDES SUPPORT FOR POSIX FILE SYSTEM SEMANTICS',
  source:
    'PLEASE CONTACT DISC PUBLISHER FOR SPECIFICATION SOURCE.  SEE PUBLISHER IDENTIFIER IN PRIMARY VOLUME DESCRIPTOR FOR CONTACT INFORMATION.',
  version: 1,
};

/**
 * The medium is read-only, so no write bits: r--r--r-- files and r-x r-x r-x folders (what
 * `mkisofs -r` produces). Everything on a seed is meant for the guest's cloud-init, which runs
 * as root, and a plain ISO 9660 mount shows the same world-readable bits anyway.
 */
export const FILE_MODE = 0o100444;
export const DIRECTORY_MODE = 0o040555;
const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;

/** RRIP 4.1.1 PX data (1.10 layout): mode, links, uid, gid, each both-endian. */
const PX = { mode: 0, links: 8, uid: 16, gid: 24, size: 32 } as const;
export const PX_ENTRY_LENGTH = SUSP_HEADER_LENGTH + PX.size;

/** RRIP 4.1.6 TF flags: which times follow, in this order, in the 7-byte form of ECMA-119 9.1.5. */
const TF_MODIFY = 0x02;
const TF_ACCESS = 0x04;
const TF_ATTRIBUTES = 0x08;
const TF_RECORDED = [TF_MODIFY, TF_ACCESS, TF_ATTRIBUTES];
export const TF_ENTRY_LENGTH = SUSP_HEADER_LENGTH + 1 + TF_RECORDED.length * RECORDING_DATE_LENGTH;

/** RRIP 4.1.4 NM data: a flags byte, then the name's bytes. */
const NM = { flags: 0, name: 1 } as const;
const NM_CONTINUE = 0x01;
export const NM_HEADER_LENGTH = SUSP_HEADER_LENGTH + NM.name;

/** RRIP 4.1.5.1 CL data: the block of the relocated folder, both-endian. */
const CL = { block: 0 } as const;

/** Writes a PX entry at `offset`; returns the offset after it. */
export function writePxEntry(target: Uint8Array, offset: number, mode: number, links: number): number {
  const data = writeSuspHeader(target, offset, 'PX', 1, PX_ENTRY_LENGTH);
  writeUint32Both(target, data + PX.mode, mode);
  writeUint32Both(target, data + PX.links, links);
  writeUint32Both(target, data + PX.uid, 0);
  writeUint32Both(target, data + PX.gid, 0);
  return offset + PX_ENTRY_LENGTH;
}

export function encodePxEntry(mode: number, links: number): Uint8Array {
  const entry = new Uint8Array(PX_ENTRY_LENGTH);
  writePxEntry(entry, 0, mode, links);
  return entry;
}

/** Writes a TF entry at `offset`: modification, access and attribute-change time, all the same date. Returns the offset after it. */
export function writeTfEntry(target: Uint8Array, offset: number, recordingDate: Uint8Array): number {
  const data = writeSuspHeader(target, offset, 'TF', 1, TF_ENTRY_LENGTH);
  let flags = 0;
  for (let index = 0; index < TF_RECORDED.length; index++) {
    flags |= TF_RECORDED[index] as number;
    target.set(recordingDate, data + 1 + index * RECORDING_DATE_LENGTH);
  }
  target[data] = flags;
  return offset + TF_ENTRY_LENGTH;
}

/** Modification, access and attribute-change time, all the same date. */
export function encodeTfEntry(recordingDate: Uint8Array): Uint8Array {
  const entry = new Uint8Array(TF_ENTRY_LENGTH);
  writeTfEntry(entry, 0, recordingDate);
  return entry;
}

/** Writes the whole name in one NM entry at `offset`; returns the offset after it. */
export function writeNmEntry(target: Uint8Array, offset: number, name: Uint8Array): number {
  const length = NM_HEADER_LENGTH + name.length;
  const data = writeSuspHeader(target, offset, 'NM', 1, length);
  target[data + NM.flags] = 0;
  target.set(name, data + NM.name);
  return offset + length;
}

/** The whole name in one NM entry: names are capped well below the 250 bytes one entry holds. */
export function encodeNmEntry(name: Uint8Array): Uint8Array {
  const entry = new Uint8Array(NM_HEADER_LENGTH + name.length);
  writeNmEntry(entry, 0, name);
  return entry;
}

export interface NameComponent {
  /** Part of the name; a long name is split over several NM entries flagged CONTINUE, read in order. */
  readonly bytes: Uint8Array;
  /** The flags for "." and ".." (CURRENT, PARENT) or anything else we do not read. */
  readonly special: boolean;
}

export function decodeNmEntry(entry: SuspEntry): NameComponent | undefined {
  if (entry.signature !== 'NM' || entry.data.length < NM.name) return undefined;
  const flags = entry.data[NM.flags] ?? 0;
  return { bytes: entry.data.subarray(NM.name), special: (flags & ~NM_CONTINUE) !== 0 };
}

/** RRIP 4.1.1: whether a PX entry says "directory" (used to spot symbolic links and other non-files). */
export function decodePxFileType(entry: SuspEntry): 'directory' | 'file' | 'other' | undefined {
  // The mode field is all we need: it ends where the link count starts.
  if (entry.signature !== 'PX' || entry.data.length < PX.links) return undefined;
  const type = readUint32Le(entry.data, PX.mode) & S_IFMT;
  return type === S_IFDIR ? 'directory' : type === (FILE_MODE & S_IFMT) ? 'file' : 'other';
}

/** RRIP 4.1.5.1: a "child link" stands in for a folder that was moved elsewhere to stay within 8 levels. */
export function decodeClEntry(entry: SuspEntry): number | undefined {
  if (entry.signature !== 'CL' || entry.data.length < CL.block + 4) return undefined;
  return readUint32Le(entry.data, CL.block);
}
