/**
 * Reads every file a spec refers to (`write_files[].source`, `files[].source`, `user_data.parts`)
 * before anything is validated or rendered, so later stages stay pure and every unreadable file
 * is reported at once, by field path.
 *
 * Symlinks are followed (secret stores and config management often link files into place), but
 * what they point to must be a regular file: a directory, device or FIFO is refused.
 */
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { Issue } from '../errors.js';
import type { Spec } from './types.js';

/** One referenced file may not exceed this: seeds are small, and it keeps images far from FAT16's limits. */
export const MAX_SOURCE_BYTES = 16 * 1024 * 1024;

/** File contents keyed by the field path that referred to them (`write_files[0]`, `user_data.parts[1]`). */
export type SpecSources = ReadonlyMap<string, Uint8Array>;

interface SourceRef {
  readonly path: string;
  readonly file: string;
}

function listSourceRefs(spec: Spec): SourceRef[] {
  const refs: SourceRef[] = [];
  spec.write_files?.forEach((entry, i) => entry.source !== undefined && refs.push({ path: `write_files[${i}]`, file: entry.source }));
  spec.files?.forEach((entry, i) => entry.source !== undefined && refs.push({ path: `files[${i}]`, file: entry.source }));
  spec.user_data?.parts?.forEach((part, i) => {
    const file = typeof part === 'string' ? part : part.source;
    if (file !== undefined) refs.push({ path: `user_data.parts[${i}]`, file });
  });
  return refs;
}

async function readSource(ref: SourceRef, baseDir: string): Promise<Uint8Array | Issue> {
  const fieldPath = ref.path + (ref.path.startsWith('user_data.parts') ? '' : '.source');
  const fullPath = isAbsolute(ref.file) ? ref.file : resolve(baseDir, ref.file);
  try {
    const info = await stat(fullPath);
    if (info.isDirectory()) return { path: fieldPath, message: `${ref.file} is a directory, not a file` };
    if (!info.isFile()) return { path: fieldPath, message: `${ref.file} is not a regular file` };
    if (info.size > MAX_SOURCE_BYTES) {
      return { path: fieldPath, message: `${ref.file} is ${info.size} bytes; the limit is ${MAX_SOURCE_BYTES}` };
    }
    return new Uint8Array(await readFile(fullPath));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'does not exist (or is a broken symlink)' : code === 'EACCES' ? 'is not readable' : (error as Error).message;
    return { path: fieldPath, message: `${ref.file} ${reason} (relative paths are resolved against ${baseDir})` };
  }
}

/** Reads every referenced file. Returns the contents and one issue per file that cannot be used. */
export async function resolveSources(spec: Spec, baseDir: string): Promise<{ sources: SpecSources; issues: Issue[] }> {
  const refs = listSourceRefs(spec);
  const results = await Promise.all(refs.map((ref) => readSource(ref, baseDir)));
  const sources = new Map<string, Uint8Array>();
  const issues: Issue[] = [];
  results.forEach((result, i) => {
    if (result instanceof Uint8Array) sources.set(refs[i]!.path, result);
    else issues.push(result);
  });
  return { sources, issues };
}
