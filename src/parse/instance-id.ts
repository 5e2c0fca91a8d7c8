/**
 * The default instance-id: derived from what the spec means, never from salt bytes or the clock.
 * Rebuilding the same spec keeps the id (cloud-init does not re-run first-boot steps and
 * regenerate host keys); changing anything that is rendered changes it.
 */
import { createHash, type Hash, hash } from 'node:crypto';
import { SourceFile } from '../common/file-tree.js';
import { readSourceChunks } from '../input/source-file-reader.js';

/**
 * Stands for a source file in the canonical text. JSON.stringify escapes U+0000, so the character
 * never occurs in the text otherwise.
 */
const SOURCE_MARK = '\u0000';

/** Printable ASCII other than the quote and the backslash: JSON writes such a string as it is, between quotes. */
const PLAIN_JSON_STRING = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function quoteJson(text: string): string {
  return PLAIN_JSON_STRING.test(text) ? `"${text}"` : JSON.stringify(text);
}

/**
 * The object's own keys in UTF-16 code unit order, as `Array.prototype.sort` orders strings. An
 * insertion sort: the model's objects have a few dozen keys at most, where it beats the generic sort.
 */
function sortedKeys(value: object): string[] {
  const keys = Object.keys(value);
  for (let index = 1; index < keys.length; index++) {
    const key = keys[index] as string;
    let at = index - 1;
    while (at >= 0 && (keys[at] as string) > key) {
      keys[at + 1] = keys[at] as string;
      at--;
    }
    keys[at + 1] = key;
  }
  return keys;
}

/**
 * JSON with sorted keys (UTF-16 order) and bytes as base64, so equal content always hashes
 * equally. Built by appending to one string per level: the instance-id is hashed on every build.
 * A source file (an injected file not read yet) is left as a mark and listed in `sources`, to be
 * hashed from disk.
 */
function canonicalJson(value: unknown, sources: SourceFile[]): string {
  switch (typeof value) {
    case 'string':
      return quoteJson(value);
    case 'object':
      break;
    default:
      return JSON.stringify(value) ?? 'null';
  }
  if (value === null) return 'null';
  if (value instanceof SourceFile) {
    sources.push(value);
    return SOURCE_MARK;
  }
  if (value instanceof Uint8Array) {
    // Base64 never needs escaping.
    return `"base64:${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')}"`;
  }
  if (Array.isArray(value)) {
    let text = '[';
    for (let index = 0; index < value.length; index++) {
      if (index > 0) text += ',';
      text += canonicalJson(value[index], sources);
    }
    return `${text}]`;
  }
  let text = '{';
  for (const key of sortedKeys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) continue;
    if (text.length > 1) text += ',';
    text += `${quoteJson(key)}:${canonicalJson(item, sources)}`;
  }
  return `${text}}`;
}

/**
 * Hashes the text with each mark replaced by what canonicalJson writes for the file's bytes,
 * `"base64:..."`, streamed: chunks a multiple of 3 bytes long encode to base64 that concatenates
 * to the whole file's, so the id equals the one the bytes in memory would give.
 */
function hashWithSources(sha: Hash, text: string, sources: readonly SourceFile[]): void {
  const pieces = text.split(SOURCE_MARK);
  sha.update(pieces[0]!);
  sources.forEach((source, i) => {
    sha.update('"base64:');
    for (const chunk of readSourceChunks(source)) sha.update(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('base64'));
    sha.update('"');
    sha.update(pieces[i + 1]!);
  });
}

/**
 * A UUID-shaped id (config drives use it as `uuid`) from SHA-256 of the content, marked as an
 * RFC 9562 version 8 (custom) UUID so it cannot be mistaken for a random or DMI system UUID.
 */
export function deriveInstanceId(content: unknown): string {
  const sources: SourceFile[] = [];
  const text = canonicalJson(content, sources);
  let digest: Buffer;
  if (sources.length === 0) {
    // One-shot: no Hash object to create, feed and finish for a single input.
    digest = hash('sha256', text, 'buffer');
  } else {
    const streamed = createHash('sha256');
    hashWithSources(streamed, text, sources);
    digest = streamed.digest();
  }
  digest[6] = (digest[6]! & 0x0f) | 0x80;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
