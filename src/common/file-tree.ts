/**
 * The hand-off between renderers and writers: image paths mapped to file contents.
 *
 * Paths are relative, '/'-separated, without a leading slash
 * (`openstack/latest/meta_data.json`). Directories are implied by the paths;
 * a writer creates every parent folder a path needs.
 *
 * Rendered files are bytes. A file the spec injects verbatim from disk (configdrive `files:` with
 * `source:`) can be far larger than anything rendered, so a renderer passes it on as a
 * {@link SourceFile}: where it lies and how big it was when checked, read only when written.
 */
export type FileTree = ReadonlyMap<string, Uint8Array>;

/**
 * A checked `source:` file, not yet read. The identity (device, inode, size, mtime) is what the
 * checks saw: a reader refuses a file that no longer matches it, so an image never holds content
 * other than what was checked and hashed into the instance-id.
 */
export class SourceFile {
  constructor(
    /** The spec field that names the file, for messages: `files[0].source`. */
    readonly field: string,
    /** The file as the spec wrote it, for messages. */
    readonly name: string,
    /** The real path (symlinks resolved), opened without following links. */
    readonly realPath: string,
    readonly size: number,
    readonly identity: { readonly dev: number; readonly ino: number; readonly mtimeMs: number },
  ) {}
}

/** What a writer gets for one file: its bytes, or a source file to read while writing. */
export type FileContent = Uint8Array | SourceFile;

/** A renderer's answer: like FileTree, but injected source files may still be on disk. */
export type SeedTree = ReadonlyMap<string, FileContent>;

/** The byte length of a file's content, without reading a source file. */
export function contentSize(content: FileContent): number {
  return content instanceof SourceFile ? content.size : content.length;
}

const encoder = new TextEncoder();

/** UTF-8 bytes of a text file. */
export function textFile(content: string): Uint8Array {
  return encoder.encode(content);
}

/** Builds a tree from [path, content] pairs, keeping insertion order out of the result (sorted by path). */
export function fileTree(entries: Iterable<readonly [string, Uint8Array | string]>): FileTree;
export function fileTree(entries: Iterable<readonly [string, FileContent | string]>): SeedTree;
export function fileTree(entries: Iterable<readonly [string, FileContent | string]>): SeedTree {
  const sorted = [...entries]
    .map(([path, content]) => [path, typeof content === 'string' ? textFile(content) : content] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(sorted);
}
