/**
 * SHA-256 of an instance-id's canonical text whose source files are still on disk. It lives in a
 * module of its own, importing nothing of ours, because the thread that hashes large payloads
 * (instance-id-thread.ts) loads it as well as the main thread.
 */
import { createHash } from 'node:crypto';

/**
 * Hashes the canonical text with each source file's mark replaced by what the text would hold for
 * the file's bytes, `"base64:..."`. `pieces` is the text split at the marks: the files come in
 * their order, each as its chunks and then endSource(). Chunks a multiple of 3 bytes long (but for
 * a file's last) encode to base64 that concatenates to the whole file's, so the digest equals the
 * one of the text with the bytes in it.
 */
export class CanonicalTextHash {
  private readonly sha = createHash('sha256');
  /** The index of the piece after the file being hashed. */
  private next = 1;
  private inFile = false;

  constructor(private readonly pieces: readonly string[]) {
    this.sha.update(pieces[0]!);
  }

  chunk(bytes: Uint8Array): void {
    this.openFile();
    // Base64 is ASCII, so its latin1 bytes are its UTF-8 bytes; latin1 copies them without an encoder.
    this.sha.update(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'), 'latin1');
  }

  /** Closes the file's string and hashes the text up to the next file. */
  endSource(): void {
    this.openFile();
    this.sha.update('"');
    this.sha.update(this.pieces[this.next]!);
    this.next++;
    this.inFile = false;
  }

  digest(): Buffer {
    return this.sha.digest();
  }

  private openFile(): void {
    if (this.inFile) return;
    this.sha.update('"base64:');
    this.inFile = true;
  }
}
