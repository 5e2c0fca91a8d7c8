/**
 * Writing a chunk of images, on the main thread only: two threads creating files in one folder
 * contend for the folder's lock in the kernel, so the workers build the images and hand their bytes
 * over. Each image goes to a temp file beside its target, leading zero blocks left as a hole, and
 * is moved into place at the end of the chunk. With fsync, each file's sync starts at once on
 * libuv's thread pool, so the disk works while the next image is written; the syncs are awaited
 * before the moves (the filesystem commits them together) and each folder is synced once.
 *
 * A reader sees no file or the whole image, as with src/output/atomic-write.ts (whose move and
 * folder sync this shares); that one syncs the file and its folder for every image, which is
 * slower for many small images (figures in bench/notes.md).
 */
import { closeSync, constants, fsync, openSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { IoError } from '../errors.js';
import { describeWriteError, moveIntoPlace, syncDirectory } from '../output/atomic-write.js';
import { writeWholeFile } from '../output/sparse-write.js';
import { nameTempFile, runFileStep, type InterruptGuard } from './interrupt-guard.js';

/** Seeds can carry password hashes: owner-only, as single builds are. */
const IMAGE_MODE = 0o600;

interface Staged {
  readonly target: string;
  readonly temp: string;
  /** Kept open until commit() only while its fsync runs. */
  readonly fd: number | undefined;
  readonly synced: Promise<void> | undefined;
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Never created, or already moved into place.
  }
}

function syncFileAsync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fsync(fd, (error) => (error ? reject(error) : resolve())));
}

export class ChunkWriter {
  private staged: Staged[] = [];

  constructor(
    private readonly force: boolean,
    private readonly fsync: boolean,
    private readonly guard: InterruptGuard,
  ) {}

  /**
   * Writes the image to a temp file and starts its fsync. Returns the slot commit() reports on.
   * `zeros`: leadingZeroBytes(data), if the caller has it.
   */
  stage(target: string, data: Uint8Array, zeros?: number): number {
    const temp = nameTempFile(this.guard, target);
    const fd = runFileStep(this.guard, () => {
      let opened: number | undefined;
      try {
        opened = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, IMAGE_MODE);
        writeWholeFile(opened, data, zeros);
        if (this.fsync) return opened;
        const done = opened;
        opened = undefined;
        closeSync(done);
        return undefined;
      } catch (error) {
        if (opened !== undefined) closeSync(opened);
        removeQuietly(temp);
        throw new IoError(`cannot write ${target}: ${describeWriteError(error)}`);
      }
    });
    const synced = fd === undefined ? undefined : syncFileAsync(fd);
    // commit() reports a failed fsync; until then it must not count as unhandled.
    synced?.catch(() => undefined);
    this.staged.push({ target, temp, fd, synced });
    return this.staged.length - 1;
  }

  /** Waits for the fsyncs and moves every image into place: one error (or undefined) per stage() slot. */
  async commit(): Promise<(IoError | undefined)[]> {
    const staged = this.staged;
    this.staged = [];
    const synced = await Promise.allSettled(staged.map((item) => item.synced));
    const errors = staged.map((item, slot): IoError | undefined => {
      if (item.fd !== undefined) closeSync(item.fd);
      try {
        const outcome = synced[slot]!;
        if (outcome.status === 'rejected') throw outcome.reason;
        runFileStep(this.guard, () => moveIntoPlace(item.temp, item.target, this.force));
        return undefined;
      } catch (error) {
        removeQuietly(item.temp);
        return error instanceof IoError ? error : new IoError(`cannot write ${item.target}: ${describeWriteError(error)}`);
      }
    });
    if (this.fsync) for (const folder of new Set(staged.map((item) => dirname(item.target)))) syncDirectory(folder);
    return errors;
  }
}
