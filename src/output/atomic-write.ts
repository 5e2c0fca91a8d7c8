/**
 * Output that never lies: the image is written to a temp file beside the target, fsynced and
 * renamed into place, so a reader sees either the old file, no file, or the whole new image.
 * On any error (or a signal, via removeOnExit) the temp file is removed.
 */
import { constants } from 'node:fs';
import { link, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { IoError } from '../errors.js';

export interface WriteOptions {
  /** Replace an existing file. Without it an existing target is an error and stays untouched. */
  readonly force?: boolean;
  /** File mode of the new file; seeds can carry password hashes, so owner-only by default. */
  readonly mode?: number;
}

const pendingTempFiles = new Set<string>();

/** Temp files still being written; the CLI removes them when it is interrupted. */
export function pendingOutputs(): ReadonlySet<string> {
  return pendingTempFiles;
}

function describe(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code === 'ENOENT' ? 'the folder does not exist' : e.code === 'EACCES' ? 'permission denied' : e.message;
}

export async function writeFileAtomic(target: string, data: Uint8Array, options: WriteOptions = {}): Promise<void> {
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  pendingTempFiles.add(temp);
  try {
    const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, options.mode ?? 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.force) {
      await rename(temp, target);
    } else {
      // link() fails if the target exists, so no check-then-write race can overwrite a file.
      try {
        await link(temp, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new IoError(`${target} already exists; use --force to replace it`);
        }
        throw error;
      }
      await unlink(temp);
    }
    await syncDirectory(dirname(target));
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    if (error instanceof IoError) throw error;
    throw new IoError(`cannot write ${target}: ${describe(error)}`);
  } finally {
    pendingTempFiles.delete(temp);
  }
}

/** Makes the rename durable: without it a crash can lose the directory entry. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY).catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close();
}
