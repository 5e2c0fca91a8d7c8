/**
 * The canonical text the derived instance-id hashes: JSON with sorted keys (UTF-16 order) and
 * bytes as base64, so equal content always hashes equally. It is written as UTF-8 bytes straight
 * into one buffer, the bytes `hash()` would make of the JSON string: the instance-id is derived
 * on every build, and building the text as strings (then flattened and encoded by the hash) cost
 * more than the hash itself.
 */
import { SourceFile } from '../common/file-tree.js';

/**
 * Stands for a source file in the canonical text. JSON.stringify escapes U+0000, and plain
 * strings are written only when printable, so the character never occurs in the text otherwise.
 */
export const SOURCE_MARK = '\u0000';
const SOURCE_MARK_BYTE = 0x00;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
/** Room for a typical seed's text (about 1.6 KB), so the buffer rarely grows. */
const INITIAL_SIZE = 2048;

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
 * A growing byte buffer for one call's text. Its bytes past `length` are never read, so it need
 * not be zero-filled: a small one comes from Node's shared pool, without an allocation of its own.
 */
class TextBytes {
  bytes = Buffer.allocUnsafe(INITIAL_SIZE);
  length = 0;

  private reserve(count: number): void {
    if (this.length + count <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + count) size *= 2;
    const grown = Buffer.allocUnsafe(size);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  byte(value: number): void {
    this.reserve(1);
    this.bytes[this.length++] = value;
  }

  /** Text known to be ASCII: numbers, literals, base64. */
  ascii(text: string): void {
    this.reserve(text.length);
    const { bytes } = this;
    let at = this.length;
    for (let index = 0; index < text.length; index++) bytes[at++] = text.charCodeAt(index);
    this.length = at;
  }

  /**
   * A JSON string: printable ASCII other than the quote and the backslash as it is, between
   * quotes (what JSON.stringify writes for it); anything else as JSON.stringify writes it.
   */
  string(text: string): void {
    this.reserve(text.length + 2);
    const { bytes } = this;
    const start = this.length;
    let at = start;
    bytes[at++] = QUOTE;
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code < 0x20 || code > 0x7e || code === QUOTE || code === BACKSLASH) {
        this.length = start;
        this.utf8(JSON.stringify(text));
        return;
      }
      bytes[at++] = code;
    }
    bytes[at++] = QUOTE;
    this.length = at;
  }

  /** Any text, as UTF-8 (JSON.stringify's output holds no lone surrogates). */
  utf8(text: string): void {
    this.reserve(text.length * 3);
    this.length += this.bytes.write(text, this.length, 'utf8');
  }
}

function writeValue(out: TextBytes, value: unknown, sources: SourceFile[], omit?: ReadonlySet<string>): void {
  switch (typeof value) {
    case 'string':
      out.string(value);
      return;
    case 'object':
      break;
    // What JSON.stringify writes for these, without a call into it per value.
    case 'number':
      out.ascii(Number.isFinite(value) ? String(value) : 'null');
      return;
    case 'boolean':
      out.ascii(value ? 'true' : 'false');
      return;
    default:
      out.utf8(JSON.stringify(value) ?? 'null');
      return;
  }
  if (value === null) {
    out.ascii('null');
    return;
  }
  if (value instanceof SourceFile) {
    sources.push(value);
    out.byte(SOURCE_MARK_BYTE);
    return;
  }
  if (value instanceof Uint8Array) {
    // Base64 never needs escaping.
    out.ascii('"base64:');
    out.ascii(Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64'));
    out.byte(QUOTE);
    return;
  }
  if (Array.isArray(value)) {
    out.byte(OPEN_ARRAY);
    for (let index = 0; index < value.length; index++) {
      if (index > 0) out.byte(COMMA);
      writeValue(out, value[index], sources);
    }
    out.byte(CLOSE_ARRAY);
    return;
  }
  out.byte(OPEN_OBJECT);
  let first = true;
  for (const key of sortedKeys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || omit?.has(key)) continue;
    if (!first) out.byte(COMMA);
    first = false;
    out.string(key);
    out.byte(COLON);
    writeValue(out, item, sources);
  }
  out.byte(CLOSE_OBJECT);
}

/**
 * The canonical text of `value` as UTF-8. A source file (an injected file not read yet) is left
 * as SOURCE_MARK and listed in `sources`, to be hashed from disk. `omit` names top-level keys
 * that are left out, as if they were undefined (the model's own id and image settings), so the
 * caller hashes the model without copying it.
 */
export function canonicalJson(value: unknown, sources: SourceFile[], omit?: ReadonlySet<string>): Uint8Array {
  const out = new TextBytes();
  writeValue(out, value, sources, omit);
  return out.bytes.subarray(0, out.length);
}
