/** The 32-byte short directory entry (fatgen103 "FAT Directory Structure"). */

export const DIR_ENTRY_SIZE = 32;

/** Byte offsets of the DIR_* fields. */
const Field = {
  name: 0, // DIR_Name, 11 bytes: 8 base + 3 extension, space padded
  attributes: 11, // DIR_Attr
  caseFlags: 12, // DIR_NTRes
  createdHundredths: 13, // DIR_CrtTimeTenth
  createdTime: 14, // DIR_CrtTime
  createdDate: 16, // DIR_CrtDate
  accessedDate: 18, // DIR_LstAccDate
  firstClusterHigh: 20, // DIR_FstClusHI, always 0 on FAT12/16
  modifiedTime: 22, // DIR_WrtTime
  modifiedDate: 24, // DIR_WrtDate
  firstCluster: 26, // DIR_FstClusLO
  size: 28, // DIR_FileSize
} as const;

/** DIR_Attr bits; a long-name entry sets the four low bits at once. */
export const Attribute = {
  readOnly: 0x01,
  hidden: 0x02,
  system: 0x04,
  volumeId: 0x08,
  directory: 0x10,
  archive: 0x20,
  longName: 0x0f,
} as const;

/** fatgen103 "FAT Long Directory Entries": an entry is a long-name part when (DIR_Attr & this) == ATTR_LONG_NAME. */
export const LONG_NAME_MASK = 0x3f;

/**
 * DIR_NTRes bits Windows NT sets for a name whose base or extension is all lowercase and has no long
 * name (fatgen103 only says "reserved for Windows NT"; Linux, mtools and 7-Zip honour them too).
 */
export const CaseFlag = { lowerBase: 0x08, lowerExtension: 0x10 } as const;

/** Meaning of DIR_Name[0] (fatgen103 "FAT Directory Structure", DIR_Name notes). */
export const NameMarker = {
  /** This entry and all after it are free. */
  endOfDirectory: 0x00,
  /** This entry is free (deleted). */
  free: 0xe5,
  /** The name really starts with 0xE5 (a KANJI lead byte). */
  escapedE5: 0x05,
} as const;

/** Bytes of DIR_Name. */
export const SHORT_NAME_LENGTH = 11;

export interface DirEntry {
  /** DIR_Name as 11 single-byte characters (char code = byte). */
  readonly name: string;
  readonly attributes: number;
  readonly caseFlags: number;
  readonly createdHundredths: number;
  readonly createdTime: number;
  readonly createdDate: number;
  readonly accessedDate: number;
  readonly modifiedTime: number;
  readonly modifiedDate: number;
  readonly firstCluster: number;
  readonly size: number;
}

export function encodeDirEntry(entry: DirEntry): Uint8Array {
  if (entry.name.length !== SHORT_NAME_LENGTH) throw new Error(`short name must be 11 bytes: '${entry.name}'`);
  const bytes = new Uint8Array(DIR_ENTRY_SIZE);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < SHORT_NAME_LENGTH; i++) bytes[Field.name + i] = entry.name.charCodeAt(i);
  view.setUint8(Field.attributes, entry.attributes);
  view.setUint8(Field.caseFlags, entry.caseFlags);
  view.setUint8(Field.createdHundredths, entry.createdHundredths);
  view.setUint16(Field.createdTime, entry.createdTime, true);
  view.setUint16(Field.createdDate, entry.createdDate, true);
  view.setUint16(Field.accessedDate, entry.accessedDate, true);
  view.setUint16(Field.firstClusterHigh, 0, true);
  view.setUint16(Field.modifiedTime, entry.modifiedTime, true);
  view.setUint16(Field.modifiedDate, entry.modifiedDate, true);
  view.setUint16(Field.firstCluster, entry.firstCluster, true);
  view.setUint32(Field.size, entry.size, true);
  return bytes;
}

/** Decodes the 32 bytes at `offset`; the caller checks DIR_Name[0] and DIR_Attr for free and long-name entries. */
export function decodeDirEntry(bytes: Uint8Array, offset = 0): DirEntry {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, DIR_ENTRY_SIZE);
  return {
    name: String.fromCharCode(...bytes.subarray(offset + Field.name, offset + Field.name + SHORT_NAME_LENGTH)),
    attributes: view.getUint8(Field.attributes),
    caseFlags: view.getUint8(Field.caseFlags),
    createdHundredths: view.getUint8(Field.createdHundredths),
    createdTime: view.getUint16(Field.createdTime, true),
    createdDate: view.getUint16(Field.createdDate, true),
    accessedDate: view.getUint16(Field.accessedDate, true),
    modifiedTime: view.getUint16(Field.modifiedTime, true),
    modifiedDate: view.getUint16(Field.modifiedDate, true),
    firstCluster: view.getUint16(Field.firstCluster, true),
    size: view.getUint32(Field.size, true),
  };
}
