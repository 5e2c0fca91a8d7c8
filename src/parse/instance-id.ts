/**
 * The default instance-id: derived from what the spec means, never from salt bytes or the clock.
 * Rebuilding the same spec keeps the id (cloud-init does not re-run first-boot steps and
 * regenerate host keys); changing anything that is rendered changes it.
 */
import { createHash, hash } from 'node:crypto';
import type { SourceFile } from '../common/file-tree.js';
import { readSourceChunks } from '../input/source-file-reader.js';
import { canonicalJson, SOURCE_MARK } from './canonical-json.js';

/** The shape of every derived id; a stand-in of that shape renders to files of the same sizes. */
function formatId(digest: Buffer): string {
  digest[6] = (digest[6]! & 0x0f) | 0x80;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Stands for a derived id that is still being hashed (see InstanceIdDigest). Every derived id has
 * this length and is hex digits and dashes, so the files rendered with it nearly always have the
 * sizes the real id gives them (not always: a user-data part may hold the MIME boundary that one
 * of the two ids seeds); writeSeed checks the sizes before it patches the image.
 */
export const PENDING_INSTANCE_ID = '00000000-0000-8000-8000-000000000000';

/**
 * The derived id of content holding source files, hashed as the files are read. The canonical
 * text is hashed with each mark replaced by what canonicalJson writes for the file's bytes,
 * `"base64:..."`: chunks a multiple of 3 bytes long (as readSourceChunks gives them) encode to
 * base64 that concatenates to the whole file's, so the id equals the one the bytes in memory
 * would give. A writer that reads the files anyway hands their chunks through `hashWhileRead`
 * (one read for the image and the id); `finish` reads from disk whatever it did not see.
 */
export class InstanceIdDigest {
  private readonly sha = createHash('sha256');
  private readonly pieces: readonly string[];
  /** The index of the next source file to hash: the hash takes them in the text's order only. */
  private next = 0;

  constructor(
    text: string,
    private readonly sources: readonly SourceFile[],
  ) {
    this.pieces = text.split(SOURCE_MARK);
    this.sha.update(this.pieces[0]!);
  }

  /** The file's chunks, passed on unchanged; hashed on the way when the file is the next one the id needs. */
  *hashWhileRead(file: SourceFile, chunks: Iterable<Uint8Array>): Generator<Uint8Array> {
    if (this.sources[this.next] !== file) {
      yield* chunks;
      return;
    }
    this.sha.update('"base64:');
    for (const chunk of chunks) {
      this.hashChunk(chunk);
      yield chunk;
    }
    this.endSource();
  }

  /** The id, once the source files not yet hashed are read from disk. */
  finish(): string {
    while (this.next < this.sources.length) {
      this.sha.update('"base64:');
      for (const chunk of readSourceChunks(this.sources[this.next]!)) this.hashChunk(chunk);
      this.endSource();
    }
    return formatId(this.sha.digest());
  }

  private hashChunk(chunk: Uint8Array): void {
    this.sha.update(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('base64'));
  }

  /** Closes the file's string and hashes the text up to the next file. */
  private endSource(): void {
    this.sha.update('"');
    this.next++;
    this.sha.update(this.pieces[this.next]!);
  }
}

/**
 * The derived id of the content: finished here, or, when source files are still to be hashed
 * and `defer` is set, an InstanceIdDigest for the caller to finish while it reads them. The
 * top-level keys in `omit` do not count (see canonicalJson).
 */
export function beginInstanceId(content: unknown, defer: boolean, omit?: ReadonlySet<string>): string | InstanceIdDigest {
  const sources: SourceFile[] = [];
  const text = canonicalJson(content, sources, omit);
  // One-shot: no Hash object to create, feed and finish for a single input.
  if (sources.length === 0) return formatId(hash('sha256', text, 'buffer'));
  // The digest hashes the text between the files as text: the same UTF-8 bytes.
  const digest = new InstanceIdDigest(Buffer.from(text.buffer, text.byteOffset, text.length).toString('utf8'), sources);
  return defer ? digest : digest.finish();
}

/**
 * A UUID-shaped id (config drives use it as `uuid`) from SHA-256 of the content, marked as an
 * RFC 9562 version 8 (custom) UUID so it cannot be mistaken for a random or DMI system UUID.
 */
export function deriveInstanceId(content: unknown): string {
  return beginInstanceId(content, false) as string;
}
