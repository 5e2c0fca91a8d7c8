/**
 * Output that never lies: the image is written to a temp file beside the target, fsynced and
 * renamed into place, so a reader sees either the old file, no file, or the whole new image.
 * On any error the temp file is removed.
 *
 * The file steps are synchronous on purpose. Node runs a signal handler only between event-loop
 * turns, so a Ctrl-C can then never land between creating the temp file and renaming it (with
 * asynchronous calls the handler could run while an open() was still creating it, and leave it
 * behind). letSignalsIn() before the first step lets a signal that arrived during the build stop
 * the process before anything touches the disk.
 */
import { closeSync, constants, fsyncSync, linkSync, lstatSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { setImmediate } from 'node:timers/promises';
import { IoError } from '../errors.js';

export interface WriteOptions {
  /** Replace an existing file. Without it an existing target is an error and stays untouched. */
  readonly force?: boolean;
  /** File mode of the new file; seeds can carry password hashes, so owner-only by default. */
  readonly mode?: number;
}

/** The reason a file step failed, in words (for `cannot write <file>: <reason>`). */
export function describeWriteError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code === 'ENOENT' ? 'the folder does not exist' : e.code === 'EACCES' ? 'permission denied' : e.message;
}

function writeAll(temp: string, chunks: Iterable<Uint8Array>, mode: number): void {
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  try {
    for (const data of chunks) {
      for (let offset = 0; offset < data.length; ) offset += writeSync(fd, data, offset);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
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
 * as they come so a large image never has to be assembled in memory.
 */
export async function writeFileAtomic(target: string, data: Uint8Array | Iterable<Uint8Array>, options: WriteOptions = {}): Promise<void> {
  await letSignalsIn();
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeAll(temp, data instanceof Uint8Array ? [data] : data, options.mode ?? 0o600);
    moveIntoPlace(temp, target, options.force ?? false);
    syncDirectory(dirname(target));
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // Never created, or already moved into place.
    }
    if (error instanceof IoError) throw error;
    throw new IoError(`cannot write ${target}: ${describeWriteError(error)}`);
  }
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
