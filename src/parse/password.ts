/**
 * Plain passwords -> SHA-512 crypt hashes for the image. Salts are random unless a reproducible
 * build asks for a seed; then each user's salt is derived from the seed and the user.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { CRYPT_ALPHABET, SHA512_CRYPT_MAX_SALT, sha512Crypt } from './sha512-crypt.js';

export { sha512Crypt } from './sha512-crypt.js';

/**
 * Maps bytes to salt characters. The alphabet has 64 characters and 256 is a multiple of 64, so
 * the low 6 bits of a uniform byte pick every character with the same probability.
 */
function bytesToSalt(bytes: Uint8Array): string {
  if (bytes.length < SHA512_CRYPT_MAX_SALT) throw new RangeError(`a salt needs ${SHA512_CRYPT_MAX_SALT} bytes, got ${bytes.length}`);
  return Array.from(bytes.subarray(0, SHA512_CRYPT_MAX_SALT), (byte) => CRYPT_ALPHABET[byte & 0x3f]).join('');
}

/** A fresh 16-character salt drawn uniformly from `./0-9A-Za-z`. */
export function generateSalt(random: (n: number) => Uint8Array = randomBytes): string {
  return bytesToSalt(random(SHA512_CRYPT_MAX_SALT));
}

/**
 * A reproducible 16-character salt: HMAC-SHA256 keyed with `seed` over `context` (e.g.
 * `user:alice`). The same seed and context give the same salt, so a reproducible build gives
 * the same hash; different users get unrelated salts, so equal passwords do not show as equal
 * hashes.
 */
export function deriveSalt(seed: string, context: string): string {
  return bytesToSalt(createHmac('sha256', seed).update(context).digest());
}

export interface HashPasswordOptions {
  /** Derive the salt from this seed (reproducible builds); a random salt when absent. */
  readonly saltSeed?: string;
  /** What the password belongs to (e.g. `user:alice`); keeps derived salts distinct. */
  readonly context: string;
}

/** The `$6$` hash cloud-init sets for `password`, with the default 5000 rounds. */
export function hashPassword(password: string, options: HashPasswordOptions): string {
  const salt = options.saltSeed === undefined ? generateSalt() : deriveSalt(options.saltSeed, options.context);
  return sha512Crypt(password, salt);
}
