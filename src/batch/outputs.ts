/** Output files: the name from the filesystem, and the checks made before any image is written. */
import { lstatSync, mkdirSync } from 'node:fs';
import { dirname, relative, sep } from 'node:path';
import { IoError, UsageError } from '../errors.js';
import { classifyTarget, findUnsafeDestinations, REFUSED_KINDS } from '../output/target-check.js';
import type { FilesystemName } from '../pack/types.js';

const EXTENSIONS: Readonly<Record<FilesystemName, string>> = { iso9660: '.iso', vfat: '.img' };

/** At most this many existing files are named in the error. */
const MAX_NAMED = 5;

export function nameOutput(stem: string, filesystem: FilesystemName): string {
  return `${stem}${EXTENSIONS[filesystem]}`;
}

/** The out-dir must be a folder or not exist yet; checked before any spec is read. */
export function checkOutDir(outDir: string): void {
  if (outDir === '') throw new UsageError('--out-dir needs a folder name');
  const kind = classifyTarget(outDir);
  if (kind === 'absent' || kind === 'directory') return;
  throw new UsageError(`--out-dir ${outDir} ${kind === 'file' ? 'is a file, not a folder' : (REFUSED_KINDS[kind] ?? 'is not a folder')}`);
}

/**
 * Images are renamed into place, which would replace a device node, FIFO or socket, and follow a
 * symlinked folder below the out-dir: one such output stops the run before any image is built.
 * A folder at an image's path is left to fail that image alone (the rename refuses it).
 */
export function refuseUnsafeOutputs(outDir: string, outputs: readonly string[]): void {
  const problems = findUnsafeDestinations(outDir, outputs.map((output) => relative(outDir, output).split(sep)), false);
  if (problems.length === 0) return;
  const more = problems.length > MAX_NAMED ? `\n  (and ${problems.length - MAX_NAMED} more)` : '';
  throw new IoError(`cannot write the images, none was written:\n  ${problems.slice(0, MAX_NAMED).join('\n  ')}${more}`);
}

/** Without --force, one existing output stops the run before any image is built. */
export function refuseExistingOutputs(outputs: readonly string[]): void {
  const existing = outputs.filter((output) => lstatSync(output, { throwIfNoEntry: false }) !== undefined);
  if (existing.length === 0) return;
  const more = existing.length > MAX_NAMED ? `\n  (and ${existing.length - MAX_NAMED} more)` : '';
  const names = existing.slice(0, MAX_NAMED).map((output) => `  ${output}`).join('\n');
  throw new IoError(`${existing.length} image(s) already exist; use --force to replace them:\n${names}${more}`);
}

/** Creates the out-dir and the subfolders the images go to. */
export function createOutputFolders(outputs: readonly string[]): void {
  for (const folder of new Set(outputs.map((output) => dirname(output)))) {
    try {
      mkdirSync(folder, { recursive: true });
    } catch (error) {
      throw new IoError(`cannot create ${folder}: ${(error as Error).message}`);
    }
  }
}
