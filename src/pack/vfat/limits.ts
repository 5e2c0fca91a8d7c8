/**
 * What a FAT12/16 volume (and this writer) cannot hold, found before any layout work. The writer may
 * assume a tree that passes: every issue here would otherwise be a broken or unreadable image.
 */
import type { Issue } from '../../errors.js';
import type { FileTree } from '../../common/file-tree.js';
import { countDirectoryEntries } from './directory.js';
import { chooseGeometry } from './geometry.js';
import { measureContent } from './layout.js';
import { MAX_LONG_NAME_LENGTH } from '../../codec/vfat/lfn.js';
import { resolveVolumeLabel, VOLUME_LABEL_LENGTH, type VfatOptions } from './options.js';
import { assignShortNames } from '../../codec/vfat/short-name.js';

/** fatgen103 "FAT Long Directory Entries": characters no long name may hold (besides controls below 0x20). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: FAT long names forbid the C0 control characters: matching them is the point
const FORBIDDEN_IN_NAME = /["*/:<>?\\|\u0000-\u001f]/;
/** Characters no label may hold (mkfs.fat and fatlabel refuse them; a label is a short name without the dot). */
const FORBIDDEN_IN_LABEL = /["*+,./:;<=>?[\\\]|]/;
/** DIR_FileSize is 32 bits. */
const MAX_FILE_SIZE = 2 ** 32 - 1;
/** fatgen103 "FAT Directory Structure": a directory may not grow past 65536 entries (2 MiB). */
const MAX_DIRECTORY_ENTRIES = 65536;

export function checkVfatLimits(tree: FileTree, options: VfatOptions): Issue[] {
  const issues = [...checkLabel(options), ...checkPaths(tree)];
  if (issues.length > 0) return issues;
  const choice = chooseGeometry(measureContent(tree, options), options.size);
  return 'problem' in choice ? [{ path: 'image:/', message: choice.problem }] : [];
}

function checkLabel(options: VfatOptions): Issue[] {
  const label = resolveVolumeLabel(options);
  const problems: string[] = [];
  if (label.length > VOLUME_LABEL_LENGTH) problems.push(`is longer than ${VOLUME_LABEL_LENGTH} characters`);
  if (/[^\x20-\x7e]/.test(label)) problems.push('may hold printable ASCII characters only');
  if (FORBIDDEN_IN_LABEL.test(label)) problems.push('may not hold any of "*+,./:;<=>?[\\]|');
  if (label.startsWith(' ')) problems.push('may not start with a space');
  return problems.map((problem) => ({ path: 'label', message: `a FAT volume label ${problem}: '${label}'` }));
}

function checkPaths(tree: FileTree): Issue[] {
  const issues = new Map<string, Issue>();
  const add = (path: string, message: string): void => {
    const issue = { path: `image:/${path}`, message };
    issues.set(`${issue.path}\n${message}`, issue);
  };
  const folders = new Map<string, Set<string>>([['', new Set()]]);
  for (const [path, content] of tree) {
    const parts = path.split('/');
    parts.forEach((name, depth) => {
      const at = parts.slice(0, depth + 1).join('/');
      const problem = findNameProblem(name);
      if (problem) add(at, problem);
      const parent = parts.slice(0, depth).join('/');
      folders.get(parent)?.add(name);
      if (depth < parts.length - 1 && !folders.has(at)) folders.set(at, new Set());
    });
    if (content.length > MAX_FILE_SIZE) add(path, `is ${content.length} bytes; FAT files end below 4 GiB`);
  }
  for (const path of tree.keys()) {
    if (folders.has(path)) add(path, 'is both a file and a folder');
  }
  if (issues.size === 0) {
    for (const [folder, names] of folders) {
      for (const issue of checkFolder(folder, [...names])) add(issue.path, issue.message);
    }
  }
  return [...issues.values()];
}

function findNameProblem(name: string): string | undefined {
  if (name === '' || name === '.' || name === '..') return `'${name}' is not a file or folder name`;
  if (name.length > MAX_LONG_NAME_LENGTH) {
    return `the name is ${name.length} UTF-16 units long; FAT allows ${MAX_LONG_NAME_LENGTH}`;
  }
  const forbidden = FORBIDDEN_IN_NAME.exec(name);
  if (forbidden) return `FAT names may not hold ${JSON.stringify(forbidden[0])}`;
  if (/[\ud800-\udfff]/.test(name)) return 'FAT long names are UCS-2: characters beyond U+FFFF cannot be stored';
  if (/[. ]$/.test(name)) return 'FAT drops trailing dots and spaces, so the name could not be looked up as written';
  return undefined;
}

/** Names that differ only in case, and folders with more entries than FAT allows. */
function checkFolder(folder: string, names: readonly string[]): { path: string; message: string }[] {
  const prefix = folder ? `${folder}/` : '';
  const issues: { path: string; message: string }[] = [];
  const seen = new Map<string, string>();
  for (const name of [...names].sort()) {
    const key = foldCase(name);
    const other = seen.get(key);
    if (other !== undefined) {
      issues.push({ path: prefix + name, message: `differs from '${other}' only in case; FAT names are case-insensitive` });
    } else {
      seen.set(key, name);
    }
  }
  if (folder && issues.length === 0) {
    const shortNames = assignShortNames(names);
    const entries = countDirectoryEntries(
      { kind: 'subdirectory' },
      names.map((name, i) => ({ name, needsLongName: shortNames[i].needsLongName })),
    );
    if (entries > MAX_DIRECTORY_ENTRIES) {
      const message = `needs ${entries} directory entries; a FAT folder holds ${MAX_DIRECTORY_ENTRIES}`;
      issues.push({ path: folder, message });
    }
  }
  return issues;
}

/** Upper-cases each character that has a one-character upper case, as FAT's case-insensitive compare does. */
function foldCase(name: string): string {
  return [...name].map((character) => {
    const upper = character.toUpperCase();
    return upper.length === character.length ? upper : character;
  }).join('');
}
