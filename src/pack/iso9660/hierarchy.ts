/**
 * The folder tree implied by a FileTree's paths. Both on-disk hierarchies (primary with Rock
 * Ridge, and Joliet) are built from it, and both point at the same file extents.
 */
import type { FileContent, SeedTree } from '../../common/file-tree.js';

export interface FileNode {
  readonly name: string;
  readonly path: string;
  readonly content: FileContent;
}

export interface DirectoryNode {
  readonly name: string;
  /** '' for the root. */
  readonly path: string;
  readonly directories: readonly DirectoryNode[];
  readonly files: readonly FileNode[];
}

interface MutableDirectory {
  readonly name: string;
  readonly path: string;
  readonly directories: Map<string, MutableDirectory>;
  readonly files: Map<string, FileNode>;
}

const byName = <T extends { name: string }>(a: T, b: T): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function freeze(directory: MutableDirectory): DirectoryNode {
  return {
    name: directory.name,
    path: directory.path,
    directories: [...directory.directories.values()].map(freeze).sort(byName),
    files: [...directory.files.values()].sort(byName),
  };
}

/** Assumes a tree that passed checkIso9660Limits (no empty names, no path both file and folder). */
export function buildHierarchy(tree: SeedTree): DirectoryNode {
  const root: MutableDirectory = { name: '', path: '', directories: new Map(), files: new Map() };
  for (const [path, content] of tree) {
    const parts = path.split('/');
    const fileName = parts.pop() as string;
    let directory = root;
    for (const part of parts) {
      let child = directory.directories.get(part);
      if (!child) {
        const childPath = directory.path ? `${directory.path}/${part}` : part;
        child = { name: part, path: childPath, directories: new Map(), files: new Map() };
        directory.directories.set(part, child);
      }
      directory = child;
    }
    directory.files.set(fileName, { name: fileName, path, content });
  }
  return freeze(root);
}

/** Every file, folders first visited in name order (the order file data is laid out in). */
export function listFiles(directory: DirectoryNode): FileNode[] {
  return [...directory.files, ...directory.directories.flatMap(listFiles)];
}
