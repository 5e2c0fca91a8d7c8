/**
 * Ctrl-C during a batch leaves no temp file behind. The CLI exits on a signal from the main thread
 * (src/cli/main.ts), and Node then stops the worker threads wherever they are, possibly between
 * creating a temp file and moving it into place. So the threads share two counters: on exit the
 * main thread raises STOP (no new temp file is started), waits until no thread is BUSY writing one,
 * and removes the temp files of the images still in flight, whose names it can compute.
 */
import { unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { IoError } from '../errors.js';

const STOP = 0;
const BUSY = 1;
/** A file step takes microseconds; a thread that holds on longer than this is not waited for. */
const MAX_WAIT_MS = 2000;

/** Shared between the threads of one batch (a SharedArrayBuffer survives workerData uncopied). */
export interface InterruptGuard {
  readonly counters: Int32Array;
  /** In every temp file name of this batch, so the main thread can find them. */
  readonly tag: string;
}

export function createInterruptGuard(tag: string): InterruptGuard {
  return { counters: new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT)), tag };
}

export function nameTempFile(guard: InterruptGuard, target: string): string {
  return join(dirname(target), `.${basename(target)}.${guard.tag}.tmp`);
}

/** Runs a file step unless the batch is stopping; the main thread waits for it to finish. */
export function runFileStep<T>(guard: InterruptGuard, step: () => T): T {
  Atomics.add(guard.counters, BUSY, 1);
  try {
    if (Atomics.load(guard.counters, STOP) !== 0) throw new IoError('the batch was interrupted');
    return step();
  } finally {
    Atomics.sub(guard.counters, BUSY, 1);
    Atomics.notify(guard.counters, BUSY);
  }
}

/** Stops new file steps, waits for running ones, removes the temp files of the given targets. */
export function removeTempFilesOnExit(guard: InterruptGuard, targets: Iterable<string>): void {
  Atomics.store(guard.counters, STOP, 1);
  const deadline = Date.now() + MAX_WAIT_MS;
  for (let busy = Atomics.load(guard.counters, BUSY); busy !== 0 && Date.now() < deadline; busy = Atomics.load(guard.counters, BUSY)) {
    Atomics.wait(guard.counters, BUSY, busy, deadline - Date.now());
  }
  for (const target of targets) {
    try {
      unlinkSync(nameTempFile(guard, target));
    } catch {
      // Not created yet, or already moved into place.
    }
  }
}
