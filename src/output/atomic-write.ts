/**
 * Output that never lies: the image is written to a temp file beside the target, fsynced and
 * renamed into place, so a reader sees either the old file, no file, or the whole new image.
 * On any error the temp file is removed.
 *
 * The file steps are synchronous on purpose. Node runs a signal handler only between event-loop
 * turns, so a Ctrl-C can then never land between creating the temp file and renaming it (with
 * asynchronous calls the handler could run while an open() was still creating it, and leave it
 * behind). letSignalsIn() before the first step lets a signal that arrived during the build stop
 * the process before anything touches the disk; letSignalsIn() after the last step handles one that
 * arrived during the file steps, which would otherwise be lost when the process ends right after.
 *
 * The target is checked first: a folder, a device node, a FIFO or a socket is refused (the rename
 * would replace it), and temp files left by killed processes are removed (src/output/temp-names.ts).
 */
import { closeSync, constants, fsyncSync, ftruncateSync, linkSync, lstatSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import type { RevisedImage } from '../common/image-revision.js';
import { CloudseedError, IoError } from '../errors.js';
import { refuseUnsafeFileTarget } from './target-check.js';
import { removeStaleTemps, tempPathFor } from './temp-names.js';

export interface WriteOptions {
  /** Replace an existing file. Without it an existing target is an error and stays untouched. */
  readonly force?: boolean;
  /** File mode of the new file; seeds can carry password hashes, so owner-only by default. */
  readonly mode?: number;
}

/** The reason a file step failed, in words (for `cannot write <file>: <reason>`). */
export function describeWriteError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const reasons: Readonly<Record<string, string>> = {
    ENOENT: 'the folder does not exist',
    EACCES: 'permission denied',
    EISDIR: 'it is a directory',
    ENOSPC: 'no space left on device',
    EFBIG: 'file too large (disk quota or file size limit)',
    EDQUOT: 'disk quota exceeded',
    EROFS: 'read-only file system',
  };
  return (e.code !== undefined ? reasons[e.code] : undefined) ?? e.message;
}

function writeAll(temp: string, image: RevisedImage | Iterable<Uint8Array>, mode: number): void {
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  try {
    const revised = 'revise' in image;
    for (const data of revised ? image.chunks : image) writeAt(fd, data, null);
    if (revised) {
      const { size, writes } = image.revise();
      for (const { offset, bytes } of writes) writeAt(fd, bytes, offset);
      ftruncateSync(fd, size);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes all of `data` at `position`, or at the file position when it is null. */
function writeAt(fd: number, data: Uint8Array, position: number | null): void {
  for (let done = 0; done < data.length; ) done += writeSync(fd, data, done, data.length - done, position === null ? null : position + done);
}

const alreadyExists = (target: string): IoError => new IoError(`${target} already exists; use --force to replace it`);

/**
 * Refuses an existing target before any work (or a password prompt) is spent on it. Only a
 * courtesy: moveIntoPlace still refuses atomically if the file appears in between.
 */
export function refuseExistingTarget(target: string): void {
  try {
    lstatSync(target);
  } catch {
    return;
  }
  throw alreadyExists(target);
}

/** Puts the finished temp file at the target: rename replaces, link refuses an existing target. */
export function moveIntoPlace(temp: string, target: string, force: boolean): void {
  if (force) {
    renameSync(temp, target);
    return;
  }
  // link() fails if the target exists, so no check-then-write race can overwrite a file.
  try {
    linkSync(temp, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw alreadyExists(target);
    throw error;
  }
  unlinkSync(temp);
}

/**
 * libuv delivers signals in the event loop's poll phase, which always lies between two check
 * phases: after two setImmediate turns, a signal received while the build ran has been handled.
 */
async function letSignalsIn(): Promise<void> {
  await setImmediate();
  await setImmediate();
}

/**
 * `data` is the whole file, or its chunks in order (e.g. encodeIso9660Chunks), which are written
 * as they come so a large image never has to be assembled in memory, or such chunks followed by
 * the writes that revise them (writeSeed). A chunk source that fails with a CloudseedError (a
 * source file that changed while it was read) fails the write with that error, and the temp file
 * is removed.
 */
export async function writeFileAtomic(target: string, data: Uint8Array | Iterable<Uint8Array> | RevisedImage, options: WriteOptions = {}): Promise<void> {
  if (target === '') throw new IoError('cannot write an empty file name');
  await letSignalsIn();
  const temp = tempPathFor(target);
  try {
    refuseUnsafeFileTarget(target);
    removeStaleTemps(target);
    writeAll(temp, data instanceof Uint8Array ? [data] : data, options.mode ?? 0o600);
    moveIntoPlace(temp, target, options.force ?? false);
    syncDirectory(dirname(target));
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // Never created, or already moved into place.
    }
    if (error instanceof CloudseedError) throw error;
    throw new IoError(`cannot write ${target}: ${describeWriteError(error)}`);
  }
  await letSignalsIn();
}

/** Makes the rename durable: without it a crash can lose the directory entry. */
export function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, constants.O_RDONLY);
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some filesystems cannot fsync a folder; the rename itself has happened.
  }
}
