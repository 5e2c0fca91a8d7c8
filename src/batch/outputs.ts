/** Output files: the name from the filesystem, and the checks made before any image is written. */
import { lstatSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { IoError } from '../errors.js';
import type { FilesystemName } from '../pack/types.js';

const EXTENSIONS: Readonly<Record<FilesystemName, string>> = { iso9660: '.iso', vfat: '.img' };

/** At most this many existing files are named in the error. */
const MAX_NAMED = 5;

export function nameOutput(stem: string, filesystem: FilesystemName): string {
  return `${stem}${EXTENSIONS[filesystem]}`;
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
