/** The file allocation table of FAT12 and FAT16 (fatgen103 "FAT Data Structure"). */

export type FatType = 12 | 16;

/**
 * fatgen103 "FAT Type Determination": the cluster count alone decides the FAT type; fewer than
 * 4085 clusters is FAT12, fewer than 65525 FAT16, more FAT32 (which we read but do not write).
 */
export const FAT16_MIN_CLUSTERS = 4085;
export const FAT32_MIN_CLUSTERS = 65525;

export function fatTypeOfClusterCount(clusterCount: number): FatType | 32 {
  return clusterCount < FAT16_MIN_CLUSTERS ? 12 : clusterCount < FAT32_MIN_CLUSTERS ? 16 : 32;
}

/** Clusters 0 and 1 are the reserved FAT[0] and FAT[1]; data starts at cluster 2. */
export const FIRST_DATA_CLUSTER = 2;

/** A run of consecutive clusters holding one file or directory. */
export interface ClusterRun {
  readonly first: number;
  readonly count: number;
}

/** fatgen103 "FAT Data Structure": the end-of-chain mark we write, the value readers treat as EOC from. */
const END_OF_CHAIN: Record<FatType, { readonly mark: number; readonly from: number }> = {
  12: { mark: 0xfff, from: 0xff8 },
  16: { mark: 0xffff, from: 0xfff8 },
};

/** Bytes a FAT needs for `entries` entries (clusters + the 2 reserved ones). */
export function computeFatByteLength(fatType: FatType, entries: number): number {
  return fatType === 12 ? Math.ceil((entries * 3) / 2) : entries * 2;
}

/**
 * One FAT, `byteLength` long: FAT[0] is the media byte with all higher bits set, FAT[1] the end-of-chain
 * mark (on FAT16 that also says "clean shutdown, no I/O errors"), each run a chain of consecutive
 * clusters ending in end-of-chain; everything else is free (0).
 */
export function encodeFat(fatType: FatType, byteLength: number, media: number, runs: readonly ClusterRun[]): Uint8Array {
  const fat = new Uint8Array(byteLength);
  const mark = END_OF_CHAIN[fatType].mark;
  writeFatEntry(fat, fatType, 0, (mark & ~0xff) | media);
  writeFatEntry(fat, fatType, 1, mark);
  for (const run of runs) {
    const last = run.first + run.count - 1;
    for (let cluster = run.first; cluster < last; cluster++) writeFatEntry(fat, fatType, cluster, cluster + 1);
    writeFatEntry(fat, fatType, last, mark);
  }
  return fat;
}

/**
 * FAT12 packs two 12-bit entries into three bytes: entry n starts at byte n + n/2; an even entry takes
 * the low 12 bits of the little-endian word there, an odd entry the high 12 bits.
 */
export function writeFatEntry(fat: Uint8Array, fatType: FatType, cluster: number, value: number): void {
  const view = new DataView(fat.buffer, fat.byteOffset, fat.byteLength);
  if (fatType === 16) {
    view.setUint16(cluster * 2, value, true);
    return;
  }
  const offset = cluster + (cluster >> 1);
  const word = view.getUint16(offset, true);
  const packed = cluster & 1 ? (word & 0x000f) | (value << 4) : (word & 0xf000) | value;
  view.setUint16(offset, packed, true);
}

export function readFatEntry(fat: Uint8Array, fatType: FatType, cluster: number): number {
  const view = new DataView(fat.buffer, fat.byteOffset, fat.byteLength);
  if (fatType === 16) return view.getUint16(cluster * 2, true);
  const word = view.getUint16(cluster + (cluster >> 1), true);
  return cluster & 1 ? word >> 4 : word & 0x0fff;
}

/** True for the values that end a chain (fatgen103: EOC is any value >= 0xFF8 / 0xFFF8). */
export function isEndOfChain(fatType: FatType, value: number): boolean {
  return value >= END_OF_CHAIN[fatType].from;
}
