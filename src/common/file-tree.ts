/**
 * The hand-off between renderers and writers: image paths mapped to file bytes.
 *
 * Paths are relative, '/'-separated, without a leading slash
 * (`openstack/latest/meta_data.json`). Directories are implied by the paths;
 * a writer creates every parent folder a path needs.
 */
export type FileTree = ReadonlyMap<string, Uint8Array>;

const encoder = new TextEncoder();

/** UTF-8 bytes of a text file. */
export function textFile(content: string): Uint8Array {
  return encoder.encode(content);
}

/** Builds a tree from [path, content] pairs, keeping insertion order out of the result (sorted by path). */
export function fileTree(entries: Iterable<readonly [string, Uint8Array | string]>): FileTree {
  const sorted = [...entries]
    .map(([path, content]) => [path, typeof content === 'string' ? textFile(content) : content] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(sorted);
}
