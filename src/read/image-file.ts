/**
 * Reads an image file for `inspect` with its size known before a byte is read: only regular
 * files are read, and only up to the size of the largest seed cloudseed builds. A device
 * (/dev/zero never ends, /dev/sdb is a whole disk), a FIFO or a multi-gigabyte file would
 * otherwise be pulled into memory whole before the readers could refuse it.
 */
import { open } from 'node:fs/promises';
import { IoError } from '../errors.js';
import { MAX_IMAGE_SIZE } from '../common/limits.js';

/** The largest iso9660 image cloudseed builds; cloud-init seeds hold kilobytes. */
export const MAX_INSPECT_BYTES = MAX_IMAGE_SIZE;

function describeKind(stats: import('node:fs').Stats): string {
  if (stats.isDirectory()) return 'is a directory';
  if (stats.isCharacterDevice()) return 'is a character device, not an image file';
  if (stats.isBlockDevice()) return 'is a block device: copy the seed to a file first (dd if=DEVICE of=seed.img)';
  if (stats.isFIFO()) return 'is a FIFO, not an image file';
  return 'is not a regular file';
}

function cannotRead(path: string, error: unknown): IoError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
  return new IoError(`cannot read ${path}: ${reason}`);
}

/** The bytes of the image file at `path`; IoError for anything but a regular file of seed size. */
export async function readImageFile(path: string): Promise<Uint8Array> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw cannotRead(path, error);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new IoError(`cannot read ${path}: ${describeKind(stats)}`);
    if (stats.size > MAX_INSPECT_BYTES) {
      throw new IoError(`cannot read ${path}: ${stats.size} bytes, more than any seed image (at most ${MAX_INSPECT_BYTES})`);
    }
    const bytes = new Uint8Array(stats.size);
    let filled = 0;
    while (filled < bytes.length) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    // A file that shrank or grew while read is not the image its size announced.
    const { bytesRead: extra } = await handle.read(new Uint8Array(1), 0, 1, filled);
    if (filled !== bytes.length || extra !== 0) throw new IoError(`cannot read ${path}: it changed while being read`);
    return bytes;
  } catch (error) {
    throw error instanceof IoError ? error : cannotRead(path, error);
  } finally {
    await handle.close();
  }
}
