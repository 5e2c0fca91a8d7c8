/**
 * Temp files and folders are named `.NAME.cloudseed-PID-RANDOM.tmp` beside their target NAME. A
 * process killed with SIGKILL cannot remove its temp file; the name says which process made it, so
 * the next write to the same target removes the ones whose process is gone.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The middle part of a temp name: this process and a random tag (two writes in one process differ). */
export function newTempTag(): string {
  return `cloudseed-${process.pid}-${randomBytes(6).toString('hex')}`;
}

export function tempPathFor(target: string, tag: string = newTempTag()): string {
  return join(dirname(target), `.${basename(target)}.${tag}.tmp`);
}

/** The PID in a temp name made for `name`, or undefined when `entry` is not one. */
export function tempOwnerPid(entry: string, name: string): number | undefined {
  const prefix = `.${name}.cloudseed-`;
  if (!entry.startsWith(prefix) || !entry.endsWith('.tmp')) return undefined;
  const match = /^(\d+)-[0-9a-f]+$/.exec(entry.slice(prefix.length, -'.tmp'.length));
  return match ? Number(match[1]) : undefined;
}

/** True when no process has this PID; a process of another user (EPERM) counts as running. */
export function isProcessGone(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Removes the temp files and folders left beside `target` by processes that no longer run. */
export function removeStaleTemps(target: string): void {
  let entries: string[];
  try {
    entries = readdirSync(dirname(target));
  } catch {
    return; // The write itself reports a missing or unreadable folder.
  }
  const name = basename(target);
  for (const entry of entries) {
    const pid = tempOwnerPid(entry, name);
    if (pid === undefined || !isProcessGone(pid)) continue;
    try {
      // rmSync removes a symlink itself, never what it points to.
      rmSync(join(dirname(target), entry), { recursive: true, force: true });
    } catch {
      // Someone else's leftover that we may not remove must not stop this write.
    }
  }
}
