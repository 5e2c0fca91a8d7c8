/**
 * The `dir` output: a file tree written out as plain files (for `render --out-dir`, `inspect
 * --extract`, seedfrom, debugging).
 *
 * All files are first written to a temp folder beside the target (named as in
 * src/output/temp-names.ts), so a full disk or a refused target leaves the target as it was and
 * no partial tree. Then a new target folder is that temp folder renamed; an existing one gets the
 * files renamed into it one by one, after (when it held files) every destination was checked: no
 * symlink is followed (file or folder), and no device node, FIFO, socket or folder is replaced.
 * Files are owner-only (0600) like images, as seeds can carry password hashes. The steps are
 * synchronous for the reason given in src/output/atomic-write.ts.
 */
import { closeSync, constants, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { IoError } from '../errors.js';
import type { FileTree } from '../common/file-tree.js';
import { describeWriteError } from './atomic-write.js';
import { classifyTarget, findUnsafeDestinations, REFUSED_KINDS } from './target-check.js';
import { removeStaleTemps, tempPathFor } from './temp-names.js';

const FILE_MODE = 0o600;
const FOLDER_MODE = 0o700;

export interface WriteTreeOptions {
  /** Write into a folder that already holds files (those not in the tree stay). */
  readonly force?: boolean;
}

/** The tree's paths as folder components; a path that could leave the folder is refused. */
function splitPath(path: string): string[] {
  const parts = path.split('/');
  if (parts.some((part) => part === '' || part === '.' || part === '..')) throw new IoError(`refusing to write '${path}': not a plain relative path`);
  return parts;
}

function writeNewFile(path: string, content: Uint8Array): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, FILE_MODE);
  try {
    for (let offset = 0; offset < content.length; ) offset += writeSync(fd, content, offset);
  } finally {
    closeSync(fd);
  }
}

function stageTree(tree: FileTree, staging: string): void {
  mkdirSync(staging, { mode: FOLDER_MODE });
  for (const [path, content] of tree) {
    const target = join(staging, ...splitPath(path));
    mkdirSync(dirname(target), { recursive: true, mode: FOLDER_MODE });
    writeNewFile(target, content);
  }
}

function moveFilesInto(tree: FileTree, staging: string, dir: string): void {
  for (const path of tree.keys()) {
    const parts = splitPath(path);
    const target = join(dir, ...parts);
    mkdirSync(dirname(target), { recursive: true, mode: FOLDER_MODE });
    renameSync(join(staging, ...parts), target);
  }
}

/** What is at `dir` now; anything but a folder (empty, or filled with --force) is refused. */
function existingFolder(dir: string, force: boolean): 'absent' | 'empty' | 'filled' {
  const kind = classifyTarget(dir);
  if (kind === 'absent') return 'absent';
  if (kind !== 'directory') throw new IoError(`cannot write ${dir}: it ${REFUSED_KINDS[kind] ?? 'is not a directory'}`);
  if (readdirSync(dir).length === 0) return 'empty';
  if (!force) throw new IoError(`${dir} is not empty; use --force to write into it`);
  return 'filled';
}

export async function writeTreeToDirectory(tree: FileTree, dir: string, options: WriteTreeOptions = {}): Promise<void> {
  if (dir === '') throw new IoError('cannot write to an empty folder name');
  // `seed/` and `seed` are the same folder; the temp folder goes beside it either way.
  const base = dir.replace(/\/+$/, '') || dir;
  const staging = tempPathFor(base);
  try {
    mkdirSync(dirname(staging), { recursive: true });
    const state = existingFolder(dir, options.force ?? false);
    if (state === 'filled') {
      const problems = findUnsafeDestinations(dir, [...tree.keys()].map(splitPath));
      if (problems.length > 0) throw new IoError(`cannot write into ${dir}, nothing was written:\n  ${problems.join('\n  ')}`);
    }
    removeStaleTemps(base);
    stageTree(tree, staging);
    // A new folder is the staged one renamed; an existing folder (its owner and mode kept) gets
    // the files one by one.
    if (state === 'absent') renameSync(staging, dir);
    else moveFilesInto(tree, staging, dir);
  } catch (error) {
    if (error instanceof IoError) throw error;
    throw new IoError(`cannot write ${dir}: ${describeWriteError(error)}`);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
