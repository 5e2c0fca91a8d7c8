/**
 * Reads every file a spec refers to (`write_files[].source`, `user_data.parts`) before anything is
 * validated or rendered, so later stages stay pure and every unreadable file is reported at once,
 * by field path. Files injected verbatim (configdrive `files[].source`) are checked the same way
 * but not read: they become SourceFiles that the writers stream into the image, so their size is
 * bounded by what an image holds rather than by memory.
 *
 * Where a file may lie: a spec names files to copy into an image that others will read, so a
 * spec written by someone else must not be able to pick up the builder's own files
 * (`~/.ssh/id_ed25519`, `/proc/self/environ`). So, unless the caller allows files from anywhere:
 * - the path, as written and after its symlinks are followed, must lie inside the spec's folder
 *   (symlinks within it are followed: secret stores and config management link files into place);
 * - files the caller named itself (the CLI's `--user-data` files) are allowed wherever they lie.
 * Files under /proc, /sys and /dev are refused in any case: they are not files but views of the
 * running system (a process's environment, a device), and what they hold is not seed content.
 * What a path leads to must be a regular file: a directory, device or FIFO is refused.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { SourceFile } from '../common/file-tree.js';
import type { Issue } from '../errors.js';
import type { Spec } from './types.js';

/** One file embedded in user-data (write_files, parts) may not exceed this: user-data is parsed whole by cloud-init. */
export const MAX_SOURCE_BYTES = 16 * 1024 * 1024;
/**
 * One injected file (`files[].source`): an ISO 9660 file extent's 32-bit data length (ECMA-119
 * 9.1.4), since the writers do not split a file into several extents.
 */
export const MAX_INJECTED_SOURCE_BYTES = 2 ** 32 - 1;
/**
 * All embedded files together. write_files and cloud-config parts end up in user-data, which
 * cloud-init parses with PyYAML and keeps several copies of under /var/lib/cloud; NoCloud and
 * config drives set no limit of their own (Nova's 64 KiB cap is on its API, not on the drive), so
 * this cap only keeps a mistaken spec from building a huge image in memory: it is checked from the
 * files' sizes before any of them is read.
 */
export const MAX_TOTAL_SOURCE_BYTES = 64 * 1024 * 1024;

/** File contents keyed by the field path that referred to them (`write_files[0]`, `user_data.parts[1]`). */
export type SpecSources = ReadonlyMap<string, Uint8Array>;
/** Injected files keyed by the entry that refers to them (`files[0]`), checked but not read. */
export type InjectedSources = ReadonlyMap<string, SourceFile>;

interface SourceRef {
  /** `write_files[0]`, `user_data.parts[1]`: the key of the content in SpecSources. */
  readonly path: string;
  /** The field that names the file, for messages: `write_files[0].source`, `user_data.parts[1]`. */
  readonly field: string;
  readonly file: string;
  /** Copied verbatim into the image (streamed, not read here) rather than embedded in user-data. */
  readonly injected: boolean;
}

/** Which files a spec may refer to, besides those inside its folder. */
export interface SourcePolicy {
  /** Files anywhere (but under /proc, /sys and /dev) are allowed. */
  readonly allowOutside: boolean;
  /** Absolute paths allowed wherever they lie: files the caller named itself. */
  readonly allowedFiles: ReadonlySet<string>;
}

export const CONTAINED_SOURCES: SourcePolicy = { allowOutside: false, allowedFiles: new Set() };

/** Kernel and device file systems: views of the running system, never seed content. */
const SYSTEM_TREES = ['/proc', '/sys', '/dev'] as const;

const systemTreeOf = (path: string): string | undefined => SYSTEM_TREES.find((tree) => path === tree || path.startsWith(`${tree}/`));

/** True when `path` is `folder` or lies below it (both absolute). */
function isInside(path: string, folder: string): boolean {
  const rest = relative(folder, path);
  return rest !== '..' && !rest.startsWith('../') && !isAbsolute(rest);
}

interface FoundSource {
  readonly ref: SourceRef;
  readonly fullPath: string;
  readonly size: number;
  /** The file as checked, for an injected file (read later, by the writer). */
  readonly source?: SourceFile;
}

function listSourceRefs(spec: Spec): SourceRef[] {
  const refs: SourceRef[] = [];
  const add = (path: string, field: string, file: string | undefined, injected = false): void => {
    if (file !== undefined) refs.push({ path, field, file, injected });
  };
  spec.write_files?.forEach((entry, i) => {
    add(`write_files[${i}]`, `write_files[${i}].source`, entry.source);
  });
  spec.files?.forEach((entry, i) => {
    add(`files[${i}]`, `files[${i}].source`, entry.source, true);
  });
  spec.user_data?.parts?.forEach((part, i) => {
    const path = `user_data.parts[${i}]`;
    if (typeof part === 'string') add(path, path, part);
    else add(path, `${path}.source`, part.source);
  });
  return refs;
}

function describeError(ref: SourceRef, error: unknown, baseDir: string): Issue {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT' ? 'does not exist (or is a broken symlink)' : code === 'EACCES' ? 'is not readable' : (error as Error).message;
  return { path: ref.field, message: `${ref.file} ${reason} (relative paths are resolved against ${baseDir})` };
}

function tooBig(ref: SourceRef, size: number): Issue {
  if (ref.injected) {
    return {
      path: ref.field,
      message: `${ref.file} is ${size} bytes; an injected file holds at most ${MAX_INJECTED_SOURCE_BYTES} (4 GiB - 1, one ISO 9660 extent)`,
    };
  }
  return { path: ref.field, message: `${ref.file} is ${size} bytes; the limit is ${MAX_SOURCE_BYTES}` };
}

/** Why a file may not be used where it lies, or undefined when it may. */
async function checkPlace(ref: SourceRef, fullPath: string, baseDir: string, policy: SourcePolicy): Promise<Issue | undefined> {
  const underTree = (tree: string): Issue => ({
    path: ref.field,
    message: `${ref.file} is under ${tree}, a view of the running system and not a file to copy into a seed`,
  });
  const named = systemTreeOf(fullPath);
  if (named !== undefined) return underTree(named);
  const target = await realpath(fullPath);
  const linked = systemTreeOf(target);
  if (linked !== undefined) return underTree(linked);
  if (policy.allowOutside || policy.allowedFiles.has(fullPath)) return undefined;
  const folder = resolve(baseDir);
  if (isInside(fullPath, folder) && isInside(target, await realpath(folder))) return undefined;
  const how = isInside(fullPath, folder) ? 'leads through a symlink to a file outside' : 'is outside';
  return {
    path: ref.field,
    message: `${ref.file} ${how} the spec's folder ${folder}; files from elsewhere need --allow-outside-sources (library: allowOutsideSources)`,
  };
}

/** Finds a referenced file without reading it: it must be a regular file (after symlinks) within the size limit. */
async function findSource(ref: SourceRef, baseDir: string, policy: SourcePolicy): Promise<FoundSource | Issue> {
  const fullPath = isAbsolute(ref.file) ? resolve(ref.file) : resolve(baseDir, ref.file);
  try {
    const misplaced = await checkPlace(ref, fullPath, baseDir, policy);
    if (misplaced !== undefined) return misplaced;
    const info = await stat(fullPath);
    if (info.isDirectory()) return { path: ref.field, message: `${ref.file} is a directory, not a file` };
    if (!info.isFile()) return { path: ref.field, message: `${ref.file} is not a regular file` };
    if (info.size > (ref.injected ? MAX_INJECTED_SOURCE_BYTES : MAX_SOURCE_BYTES)) return tooBig(ref, info.size);
    if (!ref.injected) return { ref, fullPath, size: info.size };
    const identity = { dev: info.dev, ino: info.ino, mtimeMs: info.mtimeMs };
    return { ref, fullPath, size: info.size, source: new SourceFile(ref.field, ref.file, await realpath(fullPath), info.size, identity) };
  } catch (error) {
    return describeError(ref, error, baseDir);
  }
}

async function readSource(found: FoundSource, baseDir: string): Promise<Uint8Array | Issue> {
  try {
    const bytes = new Uint8Array(await readFile(found.fullPath));
    // stat can be wrong (a file that grew since, or /proc files that report 0 bytes).
    return bytes.length > MAX_SOURCE_BYTES ? tooBig(found.ref, bytes.length) : bytes;
  } catch (error) {
    return describeError(found.ref, error, baseDir);
  }
}

/** The first embedded file that takes the total over MAX_TOTAL_SOURCE_BYTES, as an issue. */
function checkTotal(found: readonly FoundSource[]): Issue[] {
  let total = 0;
  for (const { ref, size } of found) {
    total += size;
    if (total > MAX_TOTAL_SOURCE_BYTES) {
      return [{ path: ref.field, message: `takes the referenced files to ${total} bytes; one seed may refer to at most ${MAX_TOTAL_SOURCE_BYTES}` }];
    }
  }
  return [];
}

/**
 * Reads every embedded file and checks every injected one. Returns the contents, the injected
 * files, and one issue per file that cannot be used; nothing is read when the embedded files are
 * too big together.
 */
export async function resolveSources(
  spec: Spec,
  baseDir: string,
  policy: SourcePolicy = CONTAINED_SOURCES,
): Promise<{ sources: SpecSources; injected: InjectedSources; issues: Issue[] }> {
  const refs = listSourceRefs(spec);
  // Most specs name no file: no promises to wait for.
  if (refs.length === 0) return { sources: new Map(), injected: new Map(), issues: [] };
  const lookups = await Promise.all(refs.map((ref) => findSource(ref, baseDir, policy)));
  const checked = lookups.filter((lookup): lookup is FoundSource => 'fullPath' in lookup);
  const injected = new Map<string, SourceFile>();
  for (const { ref, source } of checked) if (source !== undefined) injected.set(ref.path, source);
  const found = checked.filter(({ source }) => source === undefined);
  const totalIssues = checkTotal(found);
  const issues = [...lookups.filter((lookup): lookup is Issue => !('fullPath' in lookup)), ...totalIssues];
  const sources = new Map<string, Uint8Array>();
  if (totalIssues.length > 0) return { sources, injected, issues };
  const contents = await Promise.all(found.map((source) => readSource(source, baseDir)));
  contents.forEach((content, i) => {
    if (content instanceof Uint8Array) sources.set(found[i]!.ref.path, content);
    else issues.push(content);
  });
  return { sources, injected, issues };
}
