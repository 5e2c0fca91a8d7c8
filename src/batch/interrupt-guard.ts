/**
 * Ctrl-C during a batch leaves no temp file behind. The CLI exits on a signal from the main thread
 * (src/cli/main.ts), which is also the only thread that writes images. A signal is handled between
 * event-loop turns, and a temp file outlives a turn only while its --fsync runs; so on exit the
 * guard is stopped (no new temp file is started, should anything still try) and the temp files of
 * the images in flight, whose names it can compute, are removed.
 */
import { unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { IoError } from '../errors.js';

/** One per batch. */
export interface InterruptGuard {
  stopped: boolean;
  /** In every temp file name of this batch, so the exit handler can find them. */
  readonly tag: string;
}

export function createInterruptGuard(tag: string): InterruptGuard {
  return { stopped: false, tag };
}

export function nameTempFile(guard: InterruptGuard, target: string): string {
  return join(dirname(target), `.${basename(target)}.${guard.tag}.tmp`);
}

/** Runs a file step unless the batch is stopping. */
export function runFileStep<T>(guard: InterruptGuard, step: () => T): T {
  if (guard.stopped) throw new IoError('the batch was interrupted');
  return step();
}

/** Stops new file steps and removes the temp files of the given targets. */
export function removeTempFilesOnExit(guard: InterruptGuard, targets: Iterable<string>): void {
  guard.stopped = true;
  for (const target of targets) {
    try {
      unlinkSync(nameTempFile(guard, target));
    } catch {
      // Not created yet, or already moved into place.
    }
  }
}
