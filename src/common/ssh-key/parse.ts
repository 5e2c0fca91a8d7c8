/**
 * One authorized_keys line: `[options] type base64-key [comment]` (sshd(8), AUTHORIZED_KEYS FILE
 * FORMAT), read the way OpenSSH's sshkey_read does, with a message for each way a pasted key
 * goes wrong. Messages never repeat key material: a pasted private key must not end up in logs.
 */
import { createHash } from 'node:crypto';
import { closestMatch } from '../did-you-mean.js';
import { describeCharacter, findDisallowed } from '../describe-text.js';
import { SSH_KEY_TYPES, plainKeyBlob, readBlobType, readKeyBlob } from './blob.js';
import { checkOptions, splitOptions } from './options.js';

export interface SshPublicKey {
  /** The options field as written, e.g. `from="10.0.0.0/8",no-pty`. */
  readonly options?: string;
  readonly type: string;
  readonly blob: Uint8Array;
  readonly comment?: string;
}

export type SshKeyParseResult = { ok: true; key: SshPublicKey } | { ok: false; message: string };

const PRIVATE_KEY_MARKERS: readonly RegExp[] = [
  /BEGIN [A-Z0-9 ]*PRIVATE KEY/, // PEM and OpenSSH: OPENSSH, RSA, EC, DSA, ENCRYPTED, SSH2 ENCRYPTED
  /PuTTY-User-Key-File-/, // PuTTY .ppk
  /(^|[\s,])b3BlbnNzaC1rZXktdjE/, // base64 of "openssh-key-v1": the body of an OpenSSH private key
];
const PRIVATE_KEY_MESSAGE = 'this is a private key; paste the .pub file instead (and keep the private key out of the image)';

/** Public keys in a multi-line format, and the command that makes a one-line key of them. */
const OTHER_PUBLIC_FORMATS: ReadonlyArray<readonly [RegExp, string]> = [
  [/---- BEGIN SSH2 PUBLIC KEY ----/, 'is an RFC 4716 (SSH2) public key; convert it to one line with `ssh-keygen -i -f key.pub`'],
  [/-----BEGIN (RSA )?PUBLIC KEY-----/, 'is a PEM public key; convert it to one line with `ssh-keygen -i -m PKCS8 -f key.pem`'],
];

const PLAIN_TYPES = SSH_KEY_TYPES.filter((type) => !type.includes('-cert-'));
/** What a key type name looks like; anything else is not echoed (it may be key material). */
const TYPE_LIKE = /^[a-z0-9][a-z0-9.@-]{0,63}$/;
const NOT_BASE64_CHARACTER = /[^A-Za-z0-9+/]/u;

function fail(message: string): SshKeyParseResult {
  return { ok: false, message };
}

function firstField(text: string): string {
  return text.split(/[ \t]/, 1)[0]!;
}

/** Problems visible before reading fields: private keys, other formats, blank or several lines. */
function checkPastedText(text: string): string | undefined {
  if (PRIVATE_KEY_MARKERS.some((marker) => marker.test(text))) return PRIVATE_KEY_MESSAGE;
  const other = OTHER_PUBLIC_FORMATS.find(([marker]) => marker.test(text));
  if (other) return other[1];
  const trimmed = text.trim();
  if (trimmed === '') return 'is empty';
  const lines = trimmed.split(/\r\n|\r|\n/);
  if (lines.length > 1) {
    const keys = lines.filter((line) => SSH_KEY_TYPES.some((type) => line.includes(`${type} `))).length;
    if (keys > 1) return `holds ${keys} keys on separate lines; give each key as its own entry`;
    return `is broken across ${lines.length} lines; a public key is a single line (was it wrapped when copying?)`;
  }
  if (trimmed.startsWith('#')) return "is a comment (starts with '#'), not a key";
  return undefined;
}

/** Decodes base64 the way OpenSSH's b64_pton accepts it: padded, no stray bits, nothing else. */
function decodeBase64Strictly(text: string): Uint8Array | string {
  const bad = findDisallowed(text.replace(/={1,2}$/, ''), NOT_BASE64_CHARACTER);
  if (bad !== undefined) return `the key data contains ${describeCharacter(bad)}, which is not base64`;
  if (text.length % 4 !== 0) return 'the key data is incomplete base64 (its length is not a multiple of 4: was it cut when copying?)';
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text) return 'the key data is not valid base64 (its last characters are wrong)';
  return new Uint8Array(bytes);
}

function describeUnknownType(token: string): string {
  if (!TYPE_LIKE.test(token)) {
    const decoded = decodeBase64Strictly(token);
    const embedded = typeof decoded === 'string' ? undefined : readBlobType(decoded);
    if (embedded !== undefined && SSH_KEY_TYPES.includes(embedded)) return `starts with the key data; put the key type '${embedded}' before it`;
    return 'does not start with a key type such as ssh-ed25519';
  }
  const suggestion = closestMatch(token, SSH_KEY_TYPES);
  const hint = suggestion ? ` (did you mean '${suggestion}'?)` : '';
  return `has the unknown key type '${token}'${hint}; known types are ${PLAIN_TYPES.join(', ')} and their -cert-v01@openssh.com certificates`;
}

/** The first field is neither a key type nor followed by one: say which of the two it was meant to be. */
function describeMissingType(first: string, afterOptions: string): string {
  const looksLikeOptions = /[=,"]/.test(first) || checkOptions(first) === undefined;
  if (!looksLikeOptions) return describeUnknownType(first);
  const next = firstField(afterOptions);
  return next === '' ? 'has options but no key after them' : describeUnknownType(next);
}

function parseKeyFields(text: string, options: string | undefined): SshKeyParseResult {
  // `s`: a comment may hold U+2028/U+2029, which `.` would not match (the line is already one line).
  const [, type, data, comment] = /^([^ \t]+)(?:[ \t]+([^ \t]+))?(?:[ \t]+(.*))?$/s.exec(text)!;
  if (data === undefined) return fail(`has no key data after '${type}'`);
  const blob = decodeBase64Strictly(data);
  if (typeof blob === 'string') return fail(blob);
  const read = readKeyBlob(type, blob);
  if (!read.ok) return fail(read.message);
  return { ok: true, key: { ...(options === undefined ? {} : { options }), type, blob, ...(comment ? { comment } : {}) } };
}

/** Parses one authorized_keys line; surrounding whitespace (a final newline too) is ignored. */
export function parseSshPublicKey(line: string): SshKeyParseResult {
  const problem = checkPastedText(line);
  if (problem) return fail(problem);
  const text = line.trim();
  const first = firstField(text);
  // sshd tries the line as a key first and only then as options + key (auth2-pubkeyfile.c).
  if (SSH_KEY_TYPES.includes(first)) return parseKeyFields(text, undefined);
  const split = splitOptions(text);
  if (split === undefined) return fail('has an option value whose double quote is never closed');
  if (!SSH_KEY_TYPES.includes(firstField(split.rest))) return fail(describeMissingType(split.options, split.rest));
  const optionProblem = checkOptions(split.options);
  if (optionProblem) return fail(optionProblem);
  return parseKeyFields(split.rest, split.options);
}

/** `SHA256:<base64>` as `ssh-keygen -lf` prints it; a certificate shows its certified key's. */
export function sshKeyFingerprint(key: Pick<SshPublicKey, 'type' | 'blob'>): string {
  const read = readKeyBlob(key.type, key.blob);
  if (!read.ok) throw new RangeError(`not a valid ${key.type} key: ${read.message}`);
  const digest = createHash('sha256').update(plainKeyBlob(key.blob, read.layout)).digest('base64');
  return `SHA256:${digest.replace(/=+$/, '')}`;
}
