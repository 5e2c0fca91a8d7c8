/**
 * Writes an export through src/output: each file atomically, owner-only (every export carries
 * the seed, which can hold password hashes), never over an existing file without `force` and
 * never through a symlink (the final rename or link replaces a name, it does not follow one; the
 * folders on the way are checked to be real folders).
 */
import { lstatSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { IoError } from '../errors.js';
import { writeFileAtomic } from '../output/atomic-write.js';
import type { ExportedSeed } from './types.js';

const MODE = 0o600;

function lstatOrUndefined(path: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new IoError(`cannot write ${path}: ${(error as Error).message}`);
  }
}

/** Creates `dir` and its parents below `root` as real folders; a symlink or a file on the way is an error. */
function ensureFolder(dir: string): void {
  const stat = lstatOrUndefined(dir);
  if (stat?.isDirectory()) return;
  if (stat !== undefined) throw new IoError(`cannot write into ${dir}: it is ${stat.isSymbolicLink() ? 'a symlink' : 'not a folder'}`);
  ensureFolder(dirname(dir));
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    throw new IoError(`cannot create ${dir}: ${(error as Error).message}`);
  }
}

/** Writes the export's files: to `output` itself for a one-file target, into the folder `output` otherwise. */
export async function writeExport(exported: Pick<ExportedSeed, 'files' | 'layout'>, output: string, options: { force?: boolean } = {}): Promise<void> {
  const force = options.force ?? false;
  if (exported.layout === 'file') {
    await writeFileAtomic(output, exported.files[0]!.content, { force, mode: MODE });
    return;
  }
  const targets = exported.files.map((file) => ({ path: join(output, ...file.name.split('/')), content: file.content }));
  // All refusals before the first write, so a refused export leaves the folder as it was.
  if (!force) {
    const existing = targets.find((target) => lstatOrUndefined(target.path) !== undefined);
    if (existing !== undefined) throw new IoError(`${existing.path} already exists; use --force to replace it`);
  }
  for (const target of targets) {
    ensureFolder(dirname(target.path));
    await writeFileAtomic(target.path, target.content, { force, mode: MODE });
  }
}
