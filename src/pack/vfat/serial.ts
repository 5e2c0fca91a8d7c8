import { createHash } from 'node:crypto';
import type { FileTree } from '../../common/file-tree.js';

/**
 * BS_VolID from the content: mkfs.fat takes the clock, which would make every build differ. The same
 * paths and bytes give the same serial; any change to them changes it (with 2^-32 odds of a repeat).
 */
export function deriveVolumeSerial(tree: FileTree): number {
  const hash = createHash('sha256');
  const length = new DataView(new ArrayBuffer(8));
  const entries = [...tree].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [path, content] of entries) {
    length.setBigUint64(0, BigInt(Buffer.byteLength(path)), true);
    hash.update(new Uint8Array(length.buffer)).update(path);
    length.setBigUint64(0, BigInt(content.length), true);
    hash.update(new Uint8Array(length.buffer)).update(content);
  }
  return hash.digest().readUInt32LE(0);
}
