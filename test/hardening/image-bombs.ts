/**
 * Crafted seed images that make a naive reader spend unbounded time or memory. Each starts from
 * a reference tool's image (xorriso, mkfs.vfat) and rewrites its metadata with the bytes a hostile
 * image would carry; the offsets come from the specs named at each step.
 */
import { decodeDirectoryRecord } from '../../src/codec/iso9660/directory-record.js';
import { encodeCeEntry } from '../../src/codec/iso9660/susp.js';
import { makeIso, makeVfat, textTree } from '../read/reference-images.js';

const SECTOR = 2048;
/** ECMA-119 8.4.18: the root's directory record sits at byte 156 of the primary volume descriptor. */
const ROOT_RECORD = 16 * SECTOR + 156;

/** A Rock Ridge (xorriso -R) image with `count` files in its root folder. */
export function makeRockRidgeIso(count: number): Promise<Uint8Array> {
  const entries = Object.fromEntries(Array.from({ length: count }, (_, i) => [`f${i}`, 'x']));
  return makeIso('xorriso', ['-R', '-V', 'cidata'], textTree({ 'meta-data': 'instance-id: i-1\n', ...entries }));
}

/** The byte offsets of the records of a folder (ECMA-119 6.8.1.1: none crosses a block; 0 ends a block). */
function recordOffsets(image: Uint8Array, extent: number, dataLength: number): number[] {
  const offsets: number[] = [];
  for (let block = extent * SECTOR; block < extent * SECTOR + dataLength; block += SECTOR) {
    for (let offset = block; offset < block + SECTOR && (image[offset] ?? 0) > 0; offset += image[offset] ?? 0) offsets.push(offset);
  }
  return offsets;
}

/** The root folder's records but "." and "..": where a bomb's entries go. */
export function rootChildRecords(image: Uint8Array): number[] {
  const root = decodeDirectoryRecord(image, ROOT_RECORD);
  if (!root) throw new Error('no root record');
  return recordOffsets(image, root.extent, root.dataLength).slice(2);
}

/**
 * SUSP 5.1 continuation bomb: a continuation area full of CE entries that all point back at the
 * area itself, and every record of the root folder starting its System Use field with a CE entry
 * into it. A reader that decodes the area again on every hop of every record does
 * records x hops x entries work.
 */
export function continuationBomb(base: Uint8Array, areaBytes: number): Uint8Array {
  const areaBlock = Math.ceil(base.length / SECTOR);
  const image = new Uint8Array(areaBlock * SECTOR + areaBytes);
  image.set(base);
  const ce = encodeCeEntry({ block: areaBlock, offset: 0, length: areaBytes });
  for (let at = areaBlock * SECTOR; at + ce.length <= image.length; at += ce.length) image.set(ce, at);
  for (const offset of rootChildRecords(image)) {
    const record = decodeDirectoryRecord(image, offset);
    if (record && record.systemUse.length >= ce.length) record.systemUse.set(ce);
  }
  return image;
}

/** fatgen103 boot sector fields of a FAT12/16 volume, and what they place where. */
function fatLayout(image: Uint8Array): { fats: number[]; dataOffset: number; rootOffset: number; clusterBytes: number } {
  const view = new DataView(image.buffer, image.byteOffset);
  const bytesPerSector = view.getUint16(11, true);
  const sectorsPerCluster = image[13] ?? 1;
  const reserved = view.getUint16(14, true);
  const fatCount = image[16] ?? 2;
  const rootEntries = view.getUint16(17, true);
  const sectorsPerFat = view.getUint16(22, true);
  const fats = Array.from({ length: fatCount }, (_, i) => (reserved + i * sectorsPerFat) * bytesPerSector);
  const rootOffset = (reserved + fatCount * sectorsPerFat) * bytesPerSector;
  const dataOffset = rootOffset + rootEntries * 32;
  return { fats, dataOffset, rootOffset, clusterBytes: sectorsPerCluster * bytesPerSector };
}

/** fatgen103 "FAT Directory Structure": an 8.3 folder entry (attribute 0x10) starting at `cluster`. */
function writeFolderEntry(image: Uint8Array, at: number, cluster: number): void {
  image.set(new TextEncoder().encode('D          '), at);
  image[at + 11] = 0x10;
  new DataView(image.buffer, image.byteOffset).setUint16(at + 26, cluster, true);
}

/**
 * A FAT16 volume whose root holds a folder D holding a folder D... `depth` levels down, one
 * cluster each: a reader that recurses once per level runs out of stack.
 */
export async function deepFatFolders(depth: number): Promise<Uint8Array> {
  const image = await makeVfat(['-F', '16', '-s', '1', '-S', '512', '-n', 'CIDATA'], 24 * 1024, new Map());
  const { fats, dataOffset, rootOffset, clusterBytes } = fatLayout(image);
  const view = new DataView(image.buffer, image.byteOffset);
  const FIRST_CLUSTER = 2;
  writeFolderEntry(image, rootOffset + 32, FIRST_CLUSTER);
  for (let level = 0; level < depth; level++) {
    const cluster = FIRST_CLUSTER + level;
    const folder = dataOffset + level * clusterBytes;
    if (level + 1 < depth) writeFolderEntry(image, folder, cluster + 1);
    for (const fat of fats) view.setUint16(fat + cluster * 2, 0xffff, true);
  }
  return image;
}
