/**
 * Files a bad-input case needs beside its spec, made at test time: symlinks, FIFOs and big files
 * (sparse, so a 17 MB source costs no disk and is never committed).
 */
import { closeSync, ftruncateSync, mkdirSync, openSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runTool } from '../helpers/tools.js';

export interface Fixture {
  /** Relative to the case's folder. */
  readonly path: string;
  readonly content?: string;
  /** Make a symlink to this target (relative targets resolve from the link's folder). */
  readonly symlink?: string;
  readonly fifo?: boolean;
  readonly dir?: boolean;
  /** Make a sparse file of this many bytes. */
  readonly size?: number;
}

export function createFixture(root: string, fixture: Fixture): void {
  const path = join(root, fixture.path);
  mkdirSync(dirname(path), { recursive: true });
  if (fixture.dir) mkdirSync(path);
  else if (fixture.symlink !== undefined) symlinkSync(fixture.symlink, path);
  else if (fixture.fifo) runTool('mkfifo', [path]);
  else if (fixture.size !== undefined) {
    const fd = openSync(path, 'w');
    ftruncateSync(fd, fixture.size);
    closeSync(fd);
  } else writeFileSync(path, fixture.content ?? '');
}
