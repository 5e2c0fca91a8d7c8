/**
 * Base64 (RFC 4648, standard alphabet, padded) of a stream of chunks, into one reused buffer: the
 * derived instance-id hashes an injected file's base64 as read from disk, and the string that
 * Buffer#toString('base64') makes for every chunk costs more than the hash. Every chunk but the
 * last must be a multiple of 3 bytes long, so the pieces join to the base64 of the whole.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Two base64 characters for each 12-bit value, as one 16-bit word in the platform's byte order. */
const PAIRS = (() => {
  const pairs = new Uint16Array(4096);
  for (let value = 0; value < 4096; value++) {
    const first = ALPHABET.charCodeAt(value >> 6);
    const second = ALPHABET.charCodeAt(value & 63);
    pairs[value] = LITTLE_ENDIAN ? first | (second << 8) : (first << 8) | second;
  }
  return pairs;
})();

export class Base64Chunks {
  #words = new Uint16Array(0);

  /** The base64 of `chunk`: a view of the reused buffer, valid until the next call. */
  encode(chunk: Uint8Array): Uint8Array {
    const whole = chunk.length - (chunk.length % 3);
    const needed = ((chunk.length + 2) / 3) * 2;
    if (this.#words.length < needed) this.#words = new Uint16Array(Math.ceil(needed));
    const words = this.#words;
    let at = 0;
    for (let i = 0; i < whole; i += 3) {
      const triple = (chunk[i]! << 16) | (chunk[i + 1]! << 8) | chunk[i + 2]!;
      words[at++] = PAIRS[triple >>> 12]!;
      words[at++] = PAIRS[triple & 4095]!;
    }
    const bytes = new Uint8Array(words.buffer, 0, at * 2);
    if (whole === chunk.length) return bytes;
    // The last chunk's one or two bytes left over, with their padding.
    const tail = Buffer.from(chunk.buffer, chunk.byteOffset + whole, chunk.length - whole).toString('base64');
    const result = new Uint8Array(bytes.length + tail.length);
    result.set(bytes);
    for (let i = 0; i < tail.length; i++) result[bytes.length + i] = tail.charCodeAt(i);
    return result;
  }
}
