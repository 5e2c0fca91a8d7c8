/**
 * Reads a checked `source:` file (a SourceFile) in bounded chunks, for the writers that stream
 * it into an image and for the instance-id hash. The file is opened by its real path without
 * following links (the checks resolved the links already) and must still be the file the checks
 * saw: same device, inode, size and modification time. Reading stops at the checked size; a file
 * that ends early or goes on past it changed while it was read. Each case is a SpecError naming
 * the spec field, thrown before the image is complete, so no image with other content is kept.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { contentSize, SourceFile, type FileContent, type FileTree, type SeedTree } from '../common/file-tree.js';
import { MAX_IMAGE_SIZE } from '../common/limits.js';
import { SpecError } from '../errors.js';

/** Large enough that the system calls cost little, small enough to keep memory flat; a multiple of 3 for base64. */
export const SOURCE_CHUNK_BYTES = 3 * 2 ** 18;

function changed(file: SourceFile, how: string): SpecError {
  return new SpecError([{ path: file.field, message: `${file.name} ${how}; nothing was written from it (build again once it is stable)` }]);
}

function openChecked(file: SourceFile): number {
  let fd: number;
  try {
    fd = openSync(file.realPath, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    throw changed(file, `can no longer be opened (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const info = fstatSync(fd);
  const { dev, ino, mtimeMs } = file.identity;
  const problem = !info.isFile()
    ? 'is no longer a regular file'
    : info.dev !== dev || info.ino !== ino
      ? 'was replaced by another file after it was checked'
      : info.size !== file.size
        ? `changed size after it was checked (${file.size} bytes, now ${info.size})`
        : info.mtimeMs !== mtimeMs
          ? 'was modified after it was checked'
          : undefined;
  if (problem !== undefined) {
    closeSync(fd);
    throw changed(file, problem);
  }
  return fd;
}

/**
 * The file's bytes in order, in chunks of SOURCE_CHUNK_BYTES (the last may be shorter). Each chunk
 * is a fresh view of one reused buffer, so a consumer must use it before asking for the next; or
 * of the buffer `nextBuffer` gives for it (SOURCE_CHUNK_BYTES long), which the file never touches
 * again: the instance-id's hashing thread reads chunks in such buffers while the image is written.
 */
export function* readSourceChunks(file: SourceFile, nextBuffer?: () => Uint8Array): Generator<Uint8Array> {
  const fd = openChecked(file);
  try {
    const own = nextBuffer === undefined ? new Uint8Array(Math.min(SOURCE_CHUNK_BYTES, Math.max(file.size, 1))) : undefined;
    let done = 0;
    while (done < file.size) {
      const buffer = own ?? nextBuffer!();
      // Every chunk but the last is full, so chunk boundaries fall on multiples of SOURCE_CHUNK_BYTES.
      const want = Math.min(buffer.length, file.size - done);
      let filled = 0;
      while (filled < want) {
        const read = readSync(fd, buffer, filled, want - filled, done + filled);
        if (read === 0) throw changed(file, `shrank while it was read (${file.size} bytes checked, it ended at ${done + filled})`);
        filled += read;
      }
      done += filled;
      yield buffer.subarray(0, filled);
    }
    if (readSync(fd, new Uint8Array(1), 0, 1, done) > 0) throw changed(file, `grew while it was read (${file.size} bytes checked)`);
  } finally {
    closeSync(fd);
  }
}

/** The content as bytes: a source file is read whole (for the consumers that need it in memory). */
export function contentBytes(content: FileContent): Uint8Array {
  if (!(content instanceof SourceFile)) return content;
  const bytes = new Uint8Array(content.size);
  let offset = 0;
  for (const chunk of readSourceChunks(content)) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/**
 * The tree with every source file read: the one helper for consumers that work on bytes.
 * `holder` names who keeps them in memory, for the message when they would not fit: files larger
 * together than MAX_IMAGE_SIZE are refused before any source is read, naming the field of the first
 * source file that does not fit.
 */
export function materializeTree(tree: SeedTree, holder: string): FileTree {
  let lazy = false;
  let total = 0;
  for (const content of tree.values()) {
    total += contentSize(content);
    if (!(content instanceof SourceFile)) continue;
    lazy = true;
    if (total > MAX_IMAGE_SIZE) {
      throw new SpecError([
        {
          path: content.field,
          message: `${content.name} takes the files to ${total} bytes, over the ${MAX_IMAGE_SIZE} (1 GiB) that ${holder} can hold in memory: only an iso9660 image written to a file streams them (cloudseed build -o FILE, or writeSeed)`,
        },
      ]);
    }
  }
  if (!lazy) return tree as FileTree;
  return new Map([...tree].map(([path, content]) => [path, contentBytes(content)] as const));
}
