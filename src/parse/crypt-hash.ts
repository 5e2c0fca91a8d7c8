/**
 * `password_hash` values: a crypt(3) hash that cloud-init will pass to `chpasswd -e` as a hash.
 *
 * cloud-init decides "is this a hash?" with one regex (cc_set_passwords.py, the same from 19.1,
 * LP: #1811446, to today): `\$(1|2a|2y|5|6)(\$.+){2}`, and no ':' in the value. Anything else,
 * including valid yescrypt (`$y$`) and `$2b$` bcrypt hashes, is set as the literal password on
 * the `password` and `chpasswd.list` paths. (`users[].hashed_passwd` takes any value, but the
 * same spec may be rendered for those paths.) So only those five schemes pass here, each checked
 * for the exact shape libxcrypt produces: a hash that is cut short, has a salt crypt would
 * truncate, or ends in a character crypt never writes can never match any password.
 */
import { isCloudInitHash } from '../common/cloud-init-hash.js';
import { describeCharacter, findDisallowed } from '../common/describe-text.js';

const NOT_CRYPT_CHARACTER = /[^./0-9A-Za-z]/u;
/** bcrypt's base-64 digits: the same set as crypt's, in another value order ('./A-Za-z0-9'). */
const NOT_BCRYPT_CHARACTER = /[^./A-Za-z0-9]/u;

const USE_SHA512 =
  'use a SHA-512 crypt hash ($6$..., e.g. from `mkpasswd -m sha-512` or `openssl passwd -6`), ' +
  'or give the plain password as `password` and cloudseed hashes it';
const RECOGNISED = 'cloud-init takes only $1$, $2a$, $2y$, $5$ and $6$ values for hashes';

/** Schemes crypt(3) knows but cloud-init does not take for hashes. */
const UNRECOGNISED_SCHEMES: Readonly<Record<string, string>> = {
  y: "a yescrypt hash ($y$, the default of Debian's and Ubuntu's passwd)",
  gy: 'a GOST yescrypt hash ($gy$)',
  '7': 'a scrypt hash ($7$)',
  '2x': 'a bcrypt hash of the buggy $2x$ variant',
  sha1: 'a SHA-1 crypt hash ($sha1$)',
  md5: 'a SunMD5 hash ($md5$)',
  '3': 'an NT hash ($3$)',
  argon2i: 'an Argon2 hash',
  argon2d: 'an Argon2 hash',
  argon2id: 'an Argon2 hash',
};

/** The MD5 and SHA crypt family (`$id$[rounds=N$]salt$digest`), crypt's little-endian base-64. */
interface ShaFamilyScheme {
  readonly name: string;
  readonly maxSalt: number;
  readonly digestLength: number;
  readonly hasRounds: boolean;
  /** The digest's last character carries only the leftover bits, so only these can occur. */
  readonly lastDigestCharacters: string;
}

const SHA_FAMILY: Readonly<Record<string, ShaFamilyScheme>> = {
  // Drepper's SHA-crypt spec step 22: 64 bytes -> 86 characters, the last holding 2 bits.
  '6': { name: 'SHA-512 crypt', maxSalt: 16, digestLength: 86, hasRounds: true, lastDigestCharacters: './01' },
  // 32 bytes -> 43 characters, the last holding 4 bits.
  '5': { name: 'SHA-256 crypt', maxSalt: 16, digestLength: 43, hasRounds: true, lastDigestCharacters: './0123456789ABCD' },
  // Kamp's md5crypt: 16 bytes -> 22 characters, the last holding 2 bits; salt up to 8.
  '1': { name: 'MD5 crypt', maxSalt: 8, digestLength: 22, hasRounds: false, lastDigestCharacters: './01' },
};

/** Drepper's SHA-crypt spec: rounds=N with N from 1000 to 999999999; libxcrypt refuses others. */
const ROUNDS = { min: 1000, max: 999_999_999 } as const;

/** bcrypt: `$2y$NN$` + 22 salt characters (16 bytes) + 31 hash characters (23 bytes). */
const BCRYPT = {
  minCost: 4,
  maxCost: 31,
  saltLength: 22,
  hashLength: 31,
  // Values with the unused low bits clear: 16 bytes leave 4 spare bits, 23 bytes leave 2.
  lastSaltCharacters: '.Oeu',
  lastHashCharacters: '.CGKOSWaeimquy26',
} as const;

/** A run of base-64 characters of one hash field: length, alphabet (as what is outside it) and canonical last character. */
function checkEncoded(
  text: string,
  field: string,
  scheme: string,
  expected: { readonly min: number; readonly max: number; readonly notAlphabet: RegExp; readonly last?: string },
): string | undefined {
  if (text.length === 0 && expected.min > 0) return `has an empty ${field}`;
  const bad = findDisallowed(text, expected.notAlphabet);
  if (bad !== undefined) return `has ${describeCharacter(bad)} in its ${field}, which ${scheme} never writes`;
  if (text.length > expected.max || text.length < expected.min) {
    const wanted = expected.min === expected.max ? `${expected.max}` : `${expected.min} to ${expected.max}`;
    return `has a ${text.length}-character ${field}; ${scheme} uses ${wanted}, so this hash can never match (was it cut or joined when copying?)`;
  }
  if (expected.last !== undefined && !expected.last.includes(text[text.length - 1]!)) {
    return `has a ${field} whose last character ${scheme} never writes, so this hash can never match (was it edited?)`;
  }
  return undefined;
}

function checkShaFamily(value: string, id: string, scheme: ShaFamilyScheme): string | undefined {
  const fields = value.slice(id.length + 2).split('$');
  const hasRoundsField = scheme.hasRounds && fields[0]!.startsWith('rounds=');
  const [salt, digest, ...extra] = hasRoundsField ? fields.slice(1) : fields;
  const shape = `$${id}$${scheme.hasRounds ? '[rounds=N$]' : ''}salt$hash`;
  if (digest === undefined || extra.length > 0) return `is not a complete ${scheme.name} hash (expected ${shape})`;
  if (hasRoundsField) {
    const rounds = fields[0]!.slice('rounds='.length);
    const count = /^[1-9][0-9]{0,8}$/.test(rounds) ? Number(rounds) : Number.NaN;
    if (!(count >= ROUNDS.min && count <= ROUNDS.max)) {
      return `has rounds=${rounds.slice(0, 12)}; rounds must be a whole number from ${ROUNDS.min} to ${ROUNDS.max} without leading zeros`;
    }
  }
  return (
    checkEncoded(salt!, 'salt', scheme.name, { min: 1, max: scheme.maxSalt, notAlphabet: NOT_CRYPT_CHARACTER }) ??
    checkEncoded(digest, 'hash part', scheme.name, {
      min: scheme.digestLength,
      max: scheme.digestLength,
      notAlphabet: NOT_CRYPT_CHARACTER,
      last: scheme.lastDigestCharacters,
    })
  );
}

function checkBcrypt(value: string): string | undefined {
  const [cost, body, ...extra] = value.slice('$2y$'.length).split('$');
  if (body === undefined || extra.length > 0) return 'is not a complete bcrypt hash (expected $2y$NN$ and 53 characters)';
  const costValue = /^[0-9]{2}$/.test(cost!) ? Number(cost) : Number.NaN;
  if (!(costValue >= BCRYPT.minCost && costValue <= BCRYPT.maxCost)) {
    return `has cost '${cost!.slice(0, 12)}'; bcrypt costs are two digits from 04 to 31`;
  }
  const length = BCRYPT.saltLength + BCRYPT.hashLength;
  const bad = findDisallowed(body, NOT_BCRYPT_CHARACTER);
  if (bad !== undefined) return `has ${describeCharacter(bad)} after the cost, which bcrypt never writes`;
  if (body.length !== length) {
    return `has ${body.length} characters after the cost; bcrypt writes ${length}, so this hash can never match (was it cut when copying?)`;
  }
  return (
    checkEncoded(body.slice(0, BCRYPT.saltLength), 'salt', 'bcrypt', {
      min: BCRYPT.saltLength,
      max: BCRYPT.saltLength,
      notAlphabet: NOT_BCRYPT_CHARACTER,
      last: BCRYPT.lastSaltCharacters,
    }) ??
    checkEncoded(body.slice(BCRYPT.saltLength), 'hash part', 'bcrypt', {
      min: BCRYPT.hashLength,
      max: BCRYPT.hashLength,
      notAlphabet: NOT_BCRYPT_CHARACTER,
      last: BCRYPT.lastHashCharacters,
    })
  );
}

/** A well-formed hash must also pass cloud-init's own test, or it would be set as the literal password. */
function checkCloudInitTakesIt(value: string): string | undefined {
  return isCloudInitHash(value) ? undefined : `is not taken for a hash by cloud-init; ${USE_SHA512}`;
}

/**
 * Undefined when `value` is a crypt hash that cloud-init takes for a hash and that libxcrypt
 * could match; otherwise what is wrong with it. Never repeats the value: it may be a password.
 */
export function checkCryptHash(value: string): string | undefined {
  if (value === '') return `is empty; ${USE_SHA512}`;
  if (/[\r\n]/.test(value)) return 'contains a newline; a crypt hash is one line';
  if (/\s/.test(value)) return 'contains whitespace; a crypt hash has none (was it padded or wrapped when pasted?)';
  if (value.includes(':')) return "contains ':', which no crypt hash has (chpasswd would split the line there)";
  const id = /^\$([^$]*)\$/.exec(value)?.[1];
  if (id === undefined) {
    return `is not a crypt hash (those start with $6$, $5$, $2y$, $2a$ or $1$); if it is the password itself, give it as \`password\` instead`;
  }
  if (id === '2a' || id === '2y') return checkBcrypt(value) ?? checkCloudInitTakesIt(value);
  const shaScheme = SHA_FAMILY[id];
  if (shaScheme !== undefined) return checkShaFamily(value, id, shaScheme) ?? checkCloudInitTakesIt(value);
  if (id === '2b') {
    return `is a bcrypt hash with the $2b$ prefix: ${RECOGNISED}, so it would set this text as the literal password; $2y$ is the same algorithm, so change the prefix to $2y$, or ${USE_SHA512}`;
  }
  const known = UNRECOGNISED_SCHEMES[id];
  if (known !== undefined) {
    return `is ${known}, but ${RECOGNISED} and would set this text as the literal password; ${USE_SHA512}`;
  }
  return `starts with an unknown hash scheme: ${RECOGNISED}; ${USE_SHA512}`;
}

/** `$id$` prefixes of crypt(3) schemes, those cloud-init takes for hashes and those it does not. */
const CRYPT_PREFIX = /^\$(?:1|2[abxy]|3|5|6|7|y|gy|sha1|md5|argon2(?:i|d|id))\$\S*\$\S+$/;

/**
 * True when a value given as a plain password has the shape of a crypt hash (`$6$salt$hash`,
 * `$2y$10$...`, `$y$j9T$...`). Hashed again, it would become the password itself, and nobody
 * could log in with the password it stands for.
 */
export function looksLikeCryptHash(value: string): boolean {
  return CRYPT_PREFIX.test(value.trim());
}
