/**
 * The default instance-id: derived from what the spec means, never from salt bytes or the clock.
 * Rebuilding the same spec keeps the id (cloud-init does not re-run first-boot steps and
 * regenerate host keys); changing anything that is rendered changes it.
 */
import { createHash, type Hash } from 'node:crypto';
import { SourceFile } from '../common/file-tree.js';
import { readSourceChunks } from '../input/source-file-reader.js';

/**
 * Stands for a source file in the canonical text. JSON.stringify escapes U+0000, so the character
 * never occurs in the text otherwise.
 */
const SOURCE_MARK = '\u0000';

/**
 * JSON with sorted keys (UTF-16 order) and bytes as base64, so equal content always hashes
 * equally. Built by appending: the instance-id is hashed on every build. A source file (an
 * injected file not read yet) is left as a mark and listed in `sources`, to be hashed from disk.
 */
function canonicalJson(value: unknown, sources: SourceFile[]): string {
  if (value instanceof SourceFile) {
    sources.push(value);
    return SOURCE_MARK;
  }
  if (value instanceof Uint8Array) {
    return JSON.stringify(`base64:${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')}`);
  }
  if (Array.isArray(value)) {
    let text = '[';
    for (let index = 0; index < value.length; index++) text += `${index === 0 ? '' : ','}${canonicalJson(value[index], sources)}`;
    return `${text}]`;
  }
  if (value !== null && typeof value === 'object') {
    let text = '';
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) text += `,${JSON.stringify(key)}:${canonicalJson(item, sources)}`;
    }
    return `{${text.slice(1)}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * A UUID-shaped id (config drives use it as `uuid`) from SHA-256 of the content, marked as an
 * RFC 9562 version 8 (custom) UUID so it cannot be mistaken for a random or DMI system UUID.
 */
/**
 * Hashes the text with each mark replaced by what canonicalJson writes for the file's bytes,
 * `"base64:..."`, streamed: chunks a multiple of 3 bytes long encode to base64 that concatenates
 * to the whole file's, so the id equals the one the bytes in memory would give.
 */
function hashWithSources(hash: Hash, text: string, sources: readonly SourceFile[]): void {
  const pieces = text.split(SOURCE_MARK);
  hash.update(pieces[0]!);
  sources.forEach((source, i) => {
    hash.update('"base64:');
    for (const chunk of readSourceChunks(source)) hash.update(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('base64'));
    hash.update('"');
    hash.update(pieces[i + 1]!);
  });
}

export function deriveInstanceId(content: unknown): string {
  const sources: SourceFile[] = [];
  const text = canonicalJson(content, sources);
  const hash = createHash('sha256');
  if (sources.length === 0) hash.update(text);
  else hashWithSources(hash, text, sources);
  const digest = hash.digest();
  digest[6] = (digest[6]! & 0x0f) | 0x80;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
