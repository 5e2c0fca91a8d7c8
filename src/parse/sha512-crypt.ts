/**
 * SHA-512 crypt (`$6$`), written from Ulrich Drepper's "Unix crypt using SHA-256 and SHA-512"
 * (https://www.akkadia.org/drepper/SHA-crypt.txt). Comments cite the numbered steps of its
 * "Algorithm for crypt using SHA-256/SHA-512" section. Node has no crypt(3), and the npm
 * implementations we tried either mishandle non-ASCII passwords or draw biased salts.
 */
import { createHash, hash, type Hash } from 'node:crypto';

/** The alphabet of crypt's base-64 (salt characters and the encoded digest), in value order. */
export const CRYPT_ALPHABET = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Spec "rounds=<N>" rules: default, and the range other values are clamped to. */
export const SHA512_CRYPT_ROUNDS = { default: 5000, min: 1000, max: 999_999_999 } as const;

/** The spec keeps at most 16 salt characters and drops the rest. */
export const SHA512_CRYPT_MAX_SALT = 16;

const DIGEST_BYTES = 64;

/**
 * Spec step 22: the order in which the 64 digest bytes are taken, three at a time, into four
 * base-64 characters each; the final byte (63) makes two characters on its own.
 */
const OUTPUT_TRIPLES: ReadonlyArray<readonly [number, number, number]> = [
  [0, 21, 42], [22, 43, 1], [44, 2, 23], [3, 24, 45], [25, 46, 4], [47, 5, 26], [6, 27, 48],
  [28, 49, 7], [50, 8, 29], [9, 30, 51], [31, 52, 10], [53, 11, 32], [12, 33, 54], [34, 55, 13],
  [56, 14, 35], [15, 36, 57], [37, 58, 16], [59, 17, 38], [18, 39, 60], [40, 61, 19], [62, 20, 41],
];
const LAST_BYTE = 63;

const SALT_CHARACTER = /^[./0-9A-Za-z]*$/;

function sha512(...parts: readonly Uint8Array[]): Buffer {
  const hash = createHash('sha512');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/** Adds `digest` repeated to cover `length` bytes (whole copies, then its first length % 64 bytes). */
function updateRepeated(hash: Hash, digest: Uint8Array, length: number): void {
  for (let left = length; left > 0; left -= DIGEST_BYTES) hash.update(digest.subarray(0, Math.min(left, DIGEST_BYTES)));
}

/** Spec steps 16 and 20: a byte sequence as long as `length`, made of repeated `digest`. */
function repeatToLength(digest: Uint8Array, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let offset = 0; offset < length; offset += DIGEST_BYTES) out.set(digest.subarray(0, Math.min(DIGEST_BYTES, length - offset)), offset);
  return out;
}

/** Spec step 22, b64_from_24bit: `count` characters, least significant 6 bits first. */
function encode24(high: number, middle: number, low: number, count: number): string {
  let word = (high << 16) | (middle << 8) | low;
  let text = '';
  for (let i = 0; i < count; i++, word >>= 6) text += CRYPT_ALPHABET[word & 0x3f];
  return text;
}

function encodeDigest(digest: Uint8Array): string {
  const groups = OUTPUT_TRIPLES.map(([a, b, c]) => encode24(digest[a]!, digest[b]!, digest[c]!, 4));
  return groups.join('') + encode24(0, 0, digest[LAST_BYTE]!, 2);
}

/** The 64-byte SHA-512 crypt digest of `key` and `salt` after `rounds` rounds (spec steps 1-21). */
function computeDigest(key: Buffer, salt: Buffer, rounds: number): Buffer {
  // Steps 4-8: digest B = key, salt, key.
  const digestB = sha512(key, salt, key);

  // Steps 1-3: digest A starts with key and salt.
  const hashA = createHash('sha512').update(key).update(salt);
  // Steps 9-10: B repeated to the length of the key.
  updateRepeated(hashA, digestB, key.length);
  // Step 11: for each bit of the key length, lowest first: B for a 1, the key for a 0.
  for (let length = key.length; length > 0; length >>>= 1) hashA.update(length & 1 ? digestB : key);
  // Step 12.
  const digestA = hashA.digest();

  // Steps 13-15: digest DP = the key, once per byte of the key; step 16: P from DP.
  const hashDP = createHash('sha512');
  for (let i = 0; i < key.length; i++) hashDP.update(key);
  const bytesP = repeatToLength(hashDP.digest(), key.length);

  // Steps 17-19: digest DS = the salt, 16 + A[0] times; step 20: S from DS.
  const hashDS = createHash('sha512');
  for (let i = 0; i < 16 + digestA[0]!; i++) hashDS.update(salt);
  const bytesS = repeatToLength(hashDS.digest(), salt.length);

  // Step 21: the rounds; C starts as A. Each round's input is assembled in one reused buffer and
  // hashed one-shot: thousands of Hash objects per password made garbage collection the main cost.
  const input = Buffer.alloc(2 * Math.max(bytesP.length, DIGEST_BYTES) + bytesS.length + bytesP.length);
  let digestC: Buffer = digestA;
  for (let round = 0; round < rounds; round++) {
    let length = (round % 2 === 1 ? bytesP : digestC).copy(input, 0); // 21 b
    if (round % 3 !== 0) length += bytesS.copy(input, length); // 21 c
    if (round % 7 !== 0) length += bytesP.copy(input, length); // 21 d
    length += (round % 2 === 1 ? digestC : bytesP).copy(input, length); // 21 e
    digestC = hash('sha512', input.subarray(0, length), 'buffer'); // 21 f
  }
  return digestC;
}

/**
 * `$6$[rounds=N$]salt$digest` for `password` (taken as UTF-8 bytes).
 * `salt` may hold only `./0-9A-Za-z`; like the spec, only its first 16 characters count.
 * `rounds` is clamped to 1000..999999999 as the spec says. The `rounds=` field is written only
 * when it differs from the default 5000: crypt(3) reads a missing field as 5000, so
 * `$6$rounds=5000$s$d` (what mkpasswd -R 5000 prints) and `$6$s$d` are the same hash.
 * Throws RangeError for an empty or invalid salt or non-integer rounds: those are caller bugs.
 */
export function sha512Crypt(password: string, salt: string, rounds?: number): string {
  if (!SALT_CHARACTER.test(salt) || salt.length === 0) {
    throw new RangeError('a SHA-512 crypt salt must be 1 to 16 characters of ./0-9A-Za-z');
  }
  if (rounds !== undefined && !Number.isSafeInteger(rounds)) throw new RangeError(`rounds must be an integer, not ${rounds}`);
  const usedSalt = salt.slice(0, SHA512_CRYPT_MAX_SALT);
  const usedRounds = Math.min(SHA512_CRYPT_ROUNDS.max, Math.max(SHA512_CRYPT_ROUNDS.min, rounds ?? SHA512_CRYPT_ROUNDS.default));
  const digest = computeDigest(Buffer.from(password, 'utf8'), Buffer.from(usedSalt, 'ascii'), usedRounds);
  const roundsField = usedRounds === SHA512_CRYPT_ROUNDS.default ? '' : `rounds=${usedRounds}$`;
  return `$6$${roundsField}${usedSalt}$${encodeDigest(digest)}`;
}
