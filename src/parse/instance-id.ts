/**
 * The default instance-id: derived from what the spec means, never from salt bytes or the clock.
 * Rebuilding the same spec keeps the id (cloud-init does not re-run first-boot steps and
 * regenerate host keys); changing anything that is rendered changes it.
 */
import { hash } from 'node:crypto';
import type { SourceFile } from '../common/file-tree.js';
import { readSourceChunks, SOURCE_CHUNK_BYTES } from '../input/source-file-reader.js';
import { canonicalJson, SOURCE_MARK } from './canonical-json.js';
import { CanonicalTextHash } from './canonical-text-hash.js';

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

/** Where the canonical text is hashed: CanonicalTextHash on this thread, or a HashThread. */
interface TextHash {
  /** Buffers to read a file's chunks into, when the hash needs them to stay put after they are written. */
  readonly buffer?: () => Uint8Array;
  chunk(bytes: Uint8Array): void;
  endSource(): void;
  digest(): Buffer;
  close?(): Promise<void>;
}

/**
 * Source files together at least this large are hashed on a worker thread while writeSeed writes
 * them: starting one costs some tens of milliseconds of wall time (more on a loaded machine), and
 * the hash about 1.4 ms of CPU a MiB (base64 and SHA-256 of the base64 text).
 */
const THREAD_MIN_BYTES = 64 * 2 ** 20;

/**
 * The derived id of content holding source files, hashed as the files are read (see
 * CanonicalTextHash). A writer that reads the files anyway reads them through `read` (one read for
 * the image and the id); `finish` reads from disk whatever it did not see.
 */
export class InstanceIdDigest {
  private readonly pieces: readonly string[];
  private hashing: TextHash | undefined;
  /** The index of the next source file to hash: the hash takes them in the text's order only. */
  private next = 0;

  constructor(
    text: string,
    private readonly sources: readonly SourceFile[],
  ) {
    this.pieces = text.split(SOURCE_MARK);
  }

  /**
   * Moves the hashing to a worker thread when the source files are large enough to pay for
   * starting one, so the thread that writes the image does not also hash it. Before the first read.
   */
  async hashOnThread(): Promise<void> {
    let total = 0;
    for (const source of this.sources) total += source.size;
    if (this.hashing !== undefined || total < THREAD_MIN_BYTES) return;
    const { startHashThread } = await import('./instance-id-thread.js');
    this.hashing = await startHashThread(this.pieces, SOURCE_CHUNK_BYTES);
  }

  /** The file's chunks; hashed on the way when the file is the next one the id needs. */
  *read(file: SourceFile): Generator<Uint8Array> {
    if (this.sources[this.next] !== file) {
      yield* readSourceChunks(file);
      return;
    }
    yield* this.hashSource(file);
  }

  /** The id, once the source files not yet hashed are read from disk. */
  finish(): string {
    while (this.next < this.sources.length) {
      for (const _chunk of this.hashSource(this.sources[this.next]!)) {
        // Read for the hash alone.
      }
    }
    return formatId(this.textHash().digest());
  }

  /** Ends the hashing thread, if any, stopping it first when finish() was not called (the write failed). */
  async close(): Promise<void> {
    await this.hashing?.close?.();
  }

  private *hashSource(file: SourceFile): Generator<Uint8Array> {
    const text = this.textHash();
    for (const chunk of readSourceChunks(file, text.buffer)) {
      text.chunk(chunk);
      yield chunk;
    }
    text.endSource();
    this.next++;
  }

  private textHash(): TextHash {
    this.hashing ??= new CanonicalTextHash(this.pieces);
    return this.hashing;
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
