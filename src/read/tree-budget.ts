/**
 * Caps on what a reader may pull out of one image. Files of a real seed never add up to more
 * than the image; a hostile image can point thousands of entries at the same extent or chain
 * and ask for gigabytes of copies. Shared storage is legitimate in iso9660 (hard links), so the
 * byte cap leaves room for it.
 */
import { IoError } from '../errors.js';

/** Far more files than any seed holds (cloud-init seeds have a handful). */
const MAX_FILES = 100_000;
/** Copies of shared extents are allowed up to this many times the image size... */
const SHARED_DATA_FACTOR = 4;
/** ...and always at least this much, so a tiny image with hard links still reads. */
const MIN_BYTE_BUDGET = 64 * 1024 * 1024;

export interface TreeBudget {
  /** Counts one more file of `size` bytes; throws IoError once a cap is passed. */
  spend(path: string, size: number): void;
}

export function createTreeBudget(imageLength: number): TreeBudget {
  let files = 0;
  let bytes = 0;
  const maxBytes = Math.max(MIN_BYTE_BUDGET, imageLength * SHARED_DATA_FACTOR);
  return {
    spend(path, size) {
      files += 1;
      bytes += size;
      if (files > MAX_FILES) throw new IoError(`image holds more than ${MAX_FILES} files; refusing to read it`);
      if (bytes > maxBytes) {
        throw new IoError(`image files add up to more than ${maxBytes} bytes at ${path}; refusing to read it`);
      }
    },
  };
}
