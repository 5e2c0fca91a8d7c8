/**
 * Writing a whole file into a fresh, empty file, leaving its leading zero blocks as a hole. An
 * iso9660 image starts with a 32 KiB system area that is all zeros unless the image boots; in a
 * hole those blocks cost the filesystem nothing to allocate, and a reader gets the same zeros.
 */
import { writeSync } from 'node:fs';

/** Holes are made of whole filesystem blocks; 4 KiB is the common block size and a page. */
const HOLE_BLOCK = 4096;
const ZERO_BLOCK = new Uint8Array(HOLE_BLOCK);

/**
 * How many leading bytes of `data` are whole zero blocks. At least the last byte is always left
 * to write, so the file still ends where `data` does.
 */
export function leadingZeroBytes(data: Uint8Array): number {
  const view = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let skip = 0;
  while (skip + HOLE_BLOCK < data.length && view.subarray(skip, skip + HOLE_BLOCK).equals(ZERO_BLOCK)) skip += HOLE_BLOCK;
  return skip;
}

/**
 * Writes `data` to `fd`, a new empty file, leaving its first `zeros` bytes as a hole. `zeros` must
 * come from leadingZeroBytes(data); a caller may work it out on the thread that made the data,
 * which spares this thread reading those bytes.
 */
export function writeWholeFile(fd: number, data: Uint8Array, zeros: number = leadingZeroBytes(data)): void {
  for (let offset = zeros; offset < data.length; ) {
    offset += writeSync(fd, data, offset, data.length - offset, offset);
  }
}
