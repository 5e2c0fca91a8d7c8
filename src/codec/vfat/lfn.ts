/** VFAT long-name directory entries (fatgen103 "FAT Long Directory Entries"). */
import { Attribute, DIR_ENTRY_SIZE, SHORT_NAME_LENGTH } from './dir-entry.js';

/** Byte offsets of the LDIR_* fields. */
const Field = {
  order: 0, // LDIR_Ord
  name1: 1, // LDIR_Name1: characters 1-5
  attributes: 11, // LDIR_Attr, always ATTR_LONG_NAME
  type: 12, // LDIR_Type, 0 for a name component
  checksum: 13, // LDIR_Chksum of the short name that follows
  name2: 14, // LDIR_Name2: characters 6-11
  firstCluster: 26, // LDIR_FstClusLO, always 0
  name3: 28, // LDIR_Name3: characters 12-13
} as const;

/** Where each entry's 13 UTF-16 units live, in name order. */
const CHARACTER_OFFSETS: readonly number[] = [
  ...[0, 1, 2, 3, 4].map((i) => Field.name1 + 2 * i),
  ...[0, 1, 2, 3, 4, 5].map((i) => Field.name2 + 2 * i),
  ...[0, 1].map((i) => Field.name3 + 2 * i),
];

export const LFN_CHARACTERS_PER_ENTRY = CHARACTER_OFFSETS.length;
/** LDIR_Ord of the entry holding the end of the name (it comes first on disk). */
export const LAST_LONG_ENTRY = 0x40;
/** A long name has at most 255 UTF-16 units (fatgen103 "Long File Name Limits"). */
export const MAX_LONG_NAME_LENGTH = 255;

const TERMINATOR = 0x0000;
const PADDING = 0xffff;

/** How many long entries a name needs. */
export function countLfnEntries(name: string): number {
  return Math.ceil(name.length / LFN_CHARACTERS_PER_ENTRY);
}

/** fatgen103 "FAT Long Directory Entries": ChkSum() over the 11 bytes of DIR_Name, rotate right then add. */
export function computeLfnChecksum(shortName: string): number {
  let sum = 0;
  for (let i = 0; i < SHORT_NAME_LENGTH; i++) {
    sum = (((sum & 1) << 7) + (sum >> 1) + shortName.charCodeAt(i)) & 0xff;
  }
  return sum;
}

/**
 * The long entries for `name`, in disk order (last part first, flagged 0x40), to be followed directly by
 * the short entry whose name gives `checksum`. The name ends with 0x0000 when it does not fill its last
 * entry; the rest of that entry is 0xFFFF.
 */
export function encodeLfnEntries(name: string, checksum: number): Uint8Array[] {
  const count = countLfnEntries(name);
  const entries: Uint8Array[] = [];
  for (let order = count; order >= 1; order--) {
    const bytes = new Uint8Array(DIR_ENTRY_SIZE);
    const view = new DataView(bytes.buffer);
    view.setUint8(Field.order, order === count ? order | LAST_LONG_ENTRY : order);
    view.setUint8(Field.attributes, Attribute.longName);
    view.setUint8(Field.type, 0);
    view.setUint8(Field.checksum, checksum);
    view.setUint16(Field.firstCluster, 0, true);
    const start = (order - 1) * LFN_CHARACTERS_PER_ENTRY;
    CHARACTER_OFFSETS.forEach((offset, i) => {
      const index = start + i;
      const unit = index < name.length ? name.charCodeAt(index) : index === name.length ? TERMINATOR : PADDING;
      view.setUint16(offset, unit, true);
    });
    entries.push(bytes);
  }
  return entries;
}

/** One decoded long entry; `characters` stops at the terminator. */
export interface LfnEntry {
  readonly order: number;
  readonly isLast: boolean;
  readonly checksum: number;
  readonly characters: string;
}

export function decodeLfnEntry(bytes: Uint8Array, offset = 0): LfnEntry {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, DIR_ENTRY_SIZE);
  const order = view.getUint8(Field.order);
  const units: number[] = [];
  for (const position of CHARACTER_OFFSETS) {
    const unit = view.getUint16(position, true);
    if (unit === TERMINATOR) break;
    units.push(unit);
  }
  return {
    order: order & ~LAST_LONG_ENTRY,
    isLast: (order & LAST_LONG_ENTRY) !== 0,
    checksum: view.getUint8(Field.checksum),
    characters: String.fromCharCode(...units),
  };
}
