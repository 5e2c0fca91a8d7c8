/** Semantic checks of files the guest receives: write_files, injected files, user-data parts. */
import type { Issue } from '../errors.js';
import { OVIRT_ENI_PATH } from '../model/defaults.js';
import type { Spec, UserDataPartSpec, WriteFileSpec } from '../input/types.js';

/** Linux NAME_MAX: one path component, in bytes. */
const NAME_MAX = 255;
/** Linux PATH_MAX counts the terminating NUL, so a path holds 4095 bytes. */
const PATH_MAX = 4095;
/**
 * Config drives name content files with four digits (openstack/content/0000 to 9999), as Nova and
 * oVirt do; oVirt takes one of them for its network file.
 */
const MAX_INJECTED_FILES = 9999;

const utf8Length = (text: string): number => Buffer.byteLength(text, 'utf8');

/** A guest path cloud-init can write: absolute, no `..` segments, no control characters, within Linux's limits. */
export function checkGuestPath(path: string): string | undefined {
  if (!path.startsWith('/')) return `'${path.slice(0, 80)}' is not an absolute path`;
  if (path.split('/').includes('..')) return `'${path.slice(0, 80)}' contains '..'`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a path with a control character is refused: matching them is the point
  if (/[\0-\x1f\x7f]/.test(path)) return 'contains a control character (newline, tab, NUL...)';
  if (path.endsWith('/')) return `'${path.slice(0, 80)}' names a directory, not a file`;
  if (utf8Length(path) > PATH_MAX) return `is ${utf8Length(path)} bytes long; Linux paths hold at most ${PATH_MAX}`;
  const long = path.split('/').find((name) => utf8Length(name) > NAME_MAX);
  if (long !== undefined) return `has a name of ${utf8Length(long)} bytes ('${long.slice(0, 20)}...'); Linux allows ${NAME_MAX}`;
  return undefined;
}

/** The name cloud-init gets for a user-data part (and saves a script part under): given, the source's, or numbered. */
export function partFilename(part: UserDataPartSpec, index: number): string {
  const source = typeof part === 'string' ? part : part.source;
  return (typeof part === 'object' && part.filename) || source?.split('/').pop() || `part-${String(index + 1).padStart(3, '0')}`;
}

/** "0644", "644" or "01777" -> "0644", "0644", "1777"; undefined when invalid. */
function normalizePermissions(text: string): string | undefined {
  if (!/^(0?[0-7]{4}|[0-7]{3})$/.test(text)) return undefined;
  return text.slice(-4).padStart(4, '0');
}

/** A write_files mode as cloud-init's four octal digits (default "0644"), or why it is not one. */
export function parsePermissions(value: string | number | undefined, path: string): { value: string } | { issue: Issue } {
  if (value === undefined) return { value: '0644' };
  if (typeof value === 'number') return { issue: { path, message: describeNumericMode(value) } };
  const mode = normalizePermissions(value);
  return mode === undefined ? { issue: { path, message: `'${value}' is not an octal mode such as "0644"` } } : { value: mode };
}

/**
 * A mode given as a number: `permissions: 644` unquoted is the decimal 644, which cloud-init
 * would set as mode 1204. (An unquoted `0644` in a YAML spec is kept as text by the loader.) A
 * number cannot say which mode was meant, so the message names the quoted form of the digits
 * written and, where it differs, of the number's own value.
 */
function describeNumericMode(value: number): string {
  const digits = String(value);
  const asWritten = /^[0-7]{1,4}$/.test(digits) ? `"${digits.padStart(4, '0')}"` : undefined;
  const asValue = Number.isInteger(value) && value >= 0 && value <= 0o7777 ? `"${value.toString(8).padStart(4, '0')}"` : undefined;
  const asMode = asValue === undefined ? 'no mode at all' : `mode ${asValue.slice(1, -1)}`;
  const meaning = `an unquoted number, which cloud-init would read as the number ${digits} (${asMode})`;
  if (asWritten === undefined) return asValue === undefined ? `is ${meaning}: quote the mode, e.g. "0644"` : `is ${meaning}: quote it: ${asValue}`;
  // The decimal value is offered too when it is a plain mode (420 is 0644), not one with setuid,
  // setgid or sticky bits that a number like 644 (1204) stands for only by accident.
  const alsoValue = asValue !== undefined && asValue !== asWritten && value <= 0o777;
  return `is ${meaning}: quote it: ${asWritten}${alsoValue ? ` (or ${asValue}, if the decimal value was meant)` : ''}`;
}

function checkContentSource(
  entry: { content?: string; source?: string },
  path: string,
  issues: Issue[],
): void {
  if (entry.content !== undefined && entry.source !== undefined) {
    issues.push({ path, message: 'give either content or source, not both' });
  }
}

/**
 * cloud-init writes write_files in order, deferred entries after the others; an entry that runs
 * later on the same path without `append` replaces what the earlier one wrote, which is never
 * what a spec means.
 */
function checkRewrites(entries: readonly WriteFileSpec[]): Issue[] {
  const byPath = new Map<string, number[]>();
  entries.forEach((entry, i) => {
    byPath.set(entry.path, [...(byPath.get(entry.path) ?? []), i]);
  });
  const issues: Issue[] = [];
  const stage = (i: number): number => (entries[i]!.defer ? 1 : 0);
  for (const indexes of byPath.values()) {
    const runOrder = [...indexes].sort((a, b) => stage(a) - stage(b) || a - b);
    runOrder.slice(1).forEach((index, k) => {
      if (entries[index]!.append) return;
      issues.push({
        path: `write_files[${index}].path`,
        message: `is also written by write_files[${runOrder[k]}]; this entry would replace that content (set append: true to add to it)`,
      });
    });
  }
  return issues;
}

function checkWriteFiles(entries: readonly WriteFileSpec[]): Issue[] {
  const issues: Issue[] = [];
  entries.forEach((entry, i) => {
    const path = `write_files[${i}]`;
    const pathProblem = checkGuestPath(entry.path);
    if (pathProblem) issues.push({ path: `${path}.path`, message: pathProblem });
    checkContentSource(entry, path, issues);
    // permissions are parsed (and reported) where the model takes them: parsePermissions.
  });
  return [...issues, ...checkRewrites(entries)];
}

function checkInjectedFiles(spec: Spec): Issue[] {
  const entries = spec.files ?? [];
  const issues: Issue[] = [];
  if (entries.length > MAX_INJECTED_FILES) {
    issues.push({ path: 'files', message: `has ${entries.length} entries; a config drive holds at most ${MAX_INJECTED_FILES} injected files` });
  }
  const networkFile = spec.datasource === 'ovirt' && spec.network !== undefined ? OVIRT_ENI_PATH : undefined;
  const injected = new Map<string, number>();
  entries.forEach((entry, i) => {
    const path = `files[${i}]`;
    const pathProblem = checkGuestPath(entry.path);
    if (pathProblem) issues.push({ path: `${path}.path`, message: pathProblem });
    checkContentSource(entry, path, issues);
    if (entry.content === undefined && entry.source === undefined) issues.push({ path, message: 'needs content or source' });
    const earlier = injected.get(entry.path);
    if (earlier !== undefined) issues.push({ path: `${path}.path`, message: `'${entry.path}' is already injected by files[${earlier}]` });
    else injected.set(entry.path, i);
    if (entry.path === networkFile) {
      issues.push({ path: `${path}.path`, message: `the ovirt payload writes the network section to ${networkFile}; drop this entry or the network` });
    }
  });
  return issues;
}

/**
 * A part's name goes into its MIME header (`filename="..."`), and cloud-init saves script and
 * boothook parts under it: it must be a plain name, and no two parts may share one.
 */
function checkParts(parts: readonly UserDataPartSpec[]): Issue[] {
  const issues: Issue[] = [];
  const names = new Map<string, number>();
  parts.forEach((part, i) => {
    const path = `user_data.parts[${i}]`;
    const namePath = typeof part === 'object' && part.filename !== undefined ? `${path}.filename` : path;
    if (typeof part === 'object') {
      checkContentSource(part, path, issues);
      if (part.content === undefined && part.source === undefined) issues.push({ path, message: 'needs content or source' });
    }
    const name = partFilename(part, i);
    const earlier = names.get(name);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: a name with a control character is refused: matching them is the point
    if (/[\0-\x1f"\\/]/.test(name)) {
      issues.push({ path: namePath, message: 'the part name must be a plain file name (no quotes, slashes or control characters)' });
    } else if (earlier !== undefined) {
      issues.push({ path: namePath, message: `is named '${name}' like user_data.parts[${earlier}]; give each part its own filename` });
    } else {
      names.set(name, i);
    }
  });
  return issues;
}

/** An empty vendor-data file is worse than none: cloud-init may reject the seed over it. */
function checkVendorData(vendorData: Spec['vendor_data']): Issue[] {
  return typeof vendorData === 'string' && vendorData.trim() === ''
    ? [{ path: 'vendor_data', message: 'is empty; leave vendor_data out instead' }]
    : [];
}

export function checkFiles(spec: Spec): Issue[] {
  return [
    ...checkWriteFiles(spec.write_files ?? []),
    ...checkInjectedFiles(spec),
    ...checkParts(spec.user_data?.parts ?? []),
    ...checkVendorData(spec.vendor_data),
  ];
}
