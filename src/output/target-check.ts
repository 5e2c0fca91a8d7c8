/**
 * What sits at an output path, and whether cloudseed may put a file there. An image is always
 * written to a temp file and renamed over the target, so whatever is at the target is replaced,
 * never written through: that is right for a regular file, and wrong for a device node, a FIFO or
 * a socket (renaming over `/dev/sdb` would replace the node, not write the disk), and for a folder.
 */
import { lstatSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { IoError } from '../errors.js';

export type TargetKind = 'absent' | 'file' | 'directory' | 'symlink' | 'device' | 'fifo' | 'socket';

function kindOf(stats: Stats): TargetKind {
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'directory';
  if (stats.isSymbolicLink()) return 'symlink';
  if (stats.isFIFO()) return 'fifo';
  if (stats.isSocket()) return 'socket';
  return 'device';
}

/** The kind of the path itself (a symlink is reported as one, not followed). */
export function classifyTarget(path: string): TargetKind {
  try {
    const stats = lstatSync(path, { throwIfNoEntry: false });
    return stats === undefined ? 'absent' : kindOf(stats);
  } catch (error) {
    // A file where a folder on the way should be: the path cannot exist (that file is reported).
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return 'absent';
    throw error;
  }
}

/** The kind of what a symlink points to ('absent' when it dangles). */
function classifyLinkTarget(path: string): TargetKind {
  try {
    return kindOf(statSync(path));
  } catch {
    return 'absent';
  }
}

const SPECIAL_KINDS: Readonly<Partial<Record<TargetKind, string>>> = {
  device: 'is a device node',
  fifo: 'is a FIFO (named pipe)',
  socket: 'is a socket',
  directory: 'is a directory',
};

/**
 * The reason an image file must not be written at `path`, or undefined when it may be. A symlink
 * to a regular file (or a dangling one) is allowed: the rename replaces the link itself.
 */
export function describeUnsafeFileTarget(path: string): string | undefined {
  const kind = classifyTarget(path);
  if (kind === 'symlink') {
    const pointed = SPECIAL_KINDS[classifyLinkTarget(path)];
    // "is a device node" -> "is a symbolic link to a device node"
    return pointed === undefined ? undefined : `is a symbolic link to ${pointed.slice('is '.length)}`;
  }
  return SPECIAL_KINDS[kind];
}

/** Throws when `path` is a folder, a device, a FIFO or a socket (or a link to one). */
export function refuseUnsafeFileTarget(path: string): void {
  const reason = describeUnsafeFileTarget(path);
  if (reason !== undefined) throw new IoError(`cannot write ${path}: it ${reason}`);
}

/** Why each kind cannot be written to or through, inside an output folder. */
export const REFUSED_KINDS: Readonly<Partial<Record<TargetKind, string>>> = {
  symlink: 'is a symbolic link (cloudseed does not write through links)',
  device: 'is a device node',
  fifo: 'is a FIFO (named pipe)',
  socket: 'is a socket',
};

/** Why a file cannot go to `path`, or undefined (absent and regular files are fine). */
function checkFileDestination(path: string, refuseFolders: boolean): string | undefined {
  const kind = classifyTarget(path);
  if (kind === 'directory') return refuseFolders ? `${path} is a directory` : undefined;
  const reason = REFUSED_KINDS[kind];
  return reason === undefined ? undefined : `${path} ${reason}`;
}

/** Why a folder on the way to a file cannot be used, or undefined (absent folders are created). */
function checkFolderDestination(path: string): string | undefined {
  const kind = classifyTarget(path);
  if (kind === 'absent' || kind === 'directory') return undefined;
  return `${path} ${REFUSED_KINDS[kind] ?? 'is not a directory'}`;
}

/**
 * Every problem with writing files at `paths` (each a list of folder names and a file name) below
 * the folder `dir`: a symlink, device, FIFO or socket on the way or at the end, or (unless
 * `refuseFolders` is false: a rename onto a folder fails on its own) a folder where a file goes.
 */
export function findUnsafeDestinations(dir: string, paths: Iterable<readonly string[]>, refuseFolders = true): string[] {
  const problems = new Set<string>();
  for (const parts of paths) {
    for (let depth = 1; depth < parts.length; depth += 1) {
      const folderProblem = checkFolderDestination(join(dir, ...parts.slice(0, depth)));
      if (folderProblem !== undefined) problems.add(folderProblem);
    }
    const fileProblem = checkFileDestination(join(dir, ...parts), refuseFolders);
    if (fileProblem !== undefined) problems.add(fileProblem);
  }
  return [...problems];
}
