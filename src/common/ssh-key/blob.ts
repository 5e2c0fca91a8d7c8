/**
 * The binary part of an SSH public key line: its fields, as OpenSSH's sshkey_from_blob reads
 * them, so a key cut short when copying is caught here rather than silently ignored by sshd.
 * Encodings: RFC 4251 5 (uint32, uint64, string, mpint). Layouts: RFC 4253 6.6 (ssh-rsa,
 * ssh-dss), RFC 5656 3.1 (ecdsa), RFC 8709 4 (ssh-ed25519), OpenSSH PROTOCOL.u2f (sk- keys)
 * and PROTOCOL.certkeys (certificates).
 */

type FieldKind = 'uint32' | 'uint64' | 'string' | 'mpint';

interface Field {
  readonly name: string;
  readonly kind: FieldKind;
  /** Exact byte length of a string field. */
  readonly length?: number;
  /** Exact text of a string field. */
  readonly text?: string;
  /** Required first byte of a string field. */
  readonly firstByte?: number;
}

const ED25519_FIELDS: readonly Field[] = [{ name: 'public key', kind: 'string', length: 32 }];
/** OpenSSH reads only uncompressed points (SEC 1 2.3.3: 0x04, X, Y). */
const UNCOMPRESSED_POINT = 0x04;
function ecdsaFields(curve: string, coordinateBytes: number): readonly Field[] {
  return [
    { name: 'curve name', kind: 'string', text: curve },
    { name: 'public point', kind: 'string', length: 1 + 2 * coordinateBytes, firstByte: UNCOMPRESSED_POINT },
  ];
}
const APPLICATION: Field = { name: 'application', kind: 'string' };

/** The key fields after the type name, per plain key type. */
const KEY_FIELDS: Readonly<Record<string, readonly Field[]>> = {
  'ssh-ed25519': ED25519_FIELDS,
  'ssh-rsa': [{ name: 'exponent', kind: 'mpint' }, { name: 'modulus', kind: 'mpint' }],
  'ssh-dss': ['p', 'q', 'g', 'y'].map((name): Field => ({ name: `parameter ${name}`, kind: 'mpint' })),
  'ecdsa-sha2-nistp256': ecdsaFields('nistp256', 32),
  'ecdsa-sha2-nistp384': ecdsaFields('nistp384', 48),
  'ecdsa-sha2-nistp521': ecdsaFields('nistp521', 66),
  'sk-ssh-ed25519@openssh.com': [...ED25519_FIELDS, APPLICATION],
  'sk-ecdsa-sha2-nistp256@openssh.com': [...ecdsaFields('nistp256', 32), APPLICATION],
};

const CERT_SUFFIX = '-cert-v01@openssh.com';
/** PROTOCOL.certkeys: a nonce before the key fields, then these after them. */
const CERT_NONCE: Field = { name: 'certificate nonce', kind: 'string' };
const CERT_TRAILER: readonly Field[] = [
  { name: 'serial', kind: 'uint64' },
  { name: 'certificate type', kind: 'uint32' },
  { name: 'key id', kind: 'string' },
  { name: 'valid principals', kind: 'string' },
  { name: 'valid after', kind: 'uint64' },
  { name: 'valid before', kind: 'uint64' },
  { name: 'critical options', kind: 'string' },
  { name: 'extensions', kind: 'string' },
  { name: 'reserved', kind: 'string' },
  { name: 'signature key', kind: 'string' },
  { name: 'signature', kind: 'string' },
];

/** OpenSSH refuses RSA keys below this many bits (SSH_RSA_MINIMUM_MODULUS_SIZE). */
const RSA_MINIMUM_BITS = 1024;

/** Every key type accepted in a public key line: the plain types and their certificates. */
export const SSH_KEY_TYPES: readonly string[] = Object.keys(KEY_FIELDS).flatMap((type) => [
  type,
  type.replace(/(@openssh\.com)?$/, CERT_SUFFIX),
]);

/** The plain key type behind a (certificate) type: `ssh-ed25519-cert-v01@openssh.com` -> `ssh-ed25519`. */
function plainTypeOf(type: string): string {
  if (!type.endsWith(CERT_SUFFIX)) return type;
  const base = type.slice(0, -CERT_SUFFIX.length);
  return base.startsWith('sk-') ? `${base}@openssh.com` : base;
}

const SIZES: Readonly<Record<'uint32' | 'uint64', number>> = { uint32: 4, uint64: 8 };

/** Where a parsed blob's parts are: the plain key's fields occupy bytes keyStart..keyEnd. */
export interface KeyBlobLayout {
  readonly plainType: string;
  readonly keyStart: number;
  readonly keyEnd: number;
}

export type KeyBlobResult = { ok: true; layout: KeyBlobLayout } | { ok: false; message: string };

const TRUNCATED = 'the key data is cut short';

/** Reads `fields` from `start`, keeping string values by field name; the end offset or a problem. */
function readFields(blob: Uint8Array, start: number, fields: readonly Field[], values: Map<string, Uint8Array>): number | string {
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  let offset = start;
  for (const field of fields) {
    if (field.kind === 'uint32' || field.kind === 'uint64') {
      offset += SIZES[field.kind];
      if (offset > blob.length) return `${TRUNCATED} (it ends in the ${field.name}; was the line cut when copying?)`;
      continue;
    }
    if (offset + 4 > blob.length) return `${TRUNCATED} (it ends before the ${field.name}; was the line cut when copying?)`;
    const length = view.getUint32(offset);
    offset += 4;
    if (offset + length > blob.length) return `${TRUNCATED} (it ends in the ${field.name}; was the line cut when copying?)`;
    const value = blob.subarray(offset, offset + length);
    offset += length;
    values.set(field.name, value);
    if (field.length !== undefined && length !== field.length) return `the key's ${field.name} has ${length} bytes instead of ${field.length}`;
    if (field.firstByte !== undefined && value[0] !== field.firstByte) return `the key's ${field.name} is not in the uncompressed form OpenSSH reads`;
    if (field.text !== undefined && Buffer.from(value.buffer, value.byteOffset, value.length).toString('latin1') !== field.text) {
      return `the key's ${field.name} is '${Buffer.from(value.subarray(0, 40)).toString('latin1')}' instead of '${field.text}'`;
    }
  }
  return offset;
}

function bitLength(mpint: Uint8Array): number {
  const first = mpint.findIndex((byte) => byte !== 0);
  return first === -1 ? 0 : (mpint.length - first - 1) * 8 + (32 - Math.clz32(mpint[first]!));
}

/** The type name a blob starts with (RFC 4253 6.6), or undefined when it does not hold one. */
export function readBlobType(blob: Uint8Array): string | undefined {
  if (blob.length < 4) return undefined;
  const length = new DataView(blob.buffer, blob.byteOffset, blob.byteLength).getUint32(0);
  if (length > 64 || 4 + length > blob.length) return undefined;
  // A view of the blob's bytes, not a copy: they are only read as text.
  const name = Buffer.from(blob.buffer, blob.byteOffset + 4, length).toString('latin1');
  return /^[\x21-\x7e]+$/.test(name) ? name : undefined;
}

/** Reads the blob of a key of type `type` (one of SSH_KEY_TYPES) field by field. */
export function readKeyBlob(type: string, blob: Uint8Array): KeyBlobResult {
  const plainType = plainTypeOf(type);
  const keyFields = KEY_FIELDS[plainType];
  if (keyFields === undefined) return { ok: false, message: `unknown key type '${type}'` };
  const blobType = readBlobType(blob);
  if (blobType === undefined) return { ok: false, message: 'the key data does not start with a key type name (is it an SSH public key?)' };
  // sshkey_read: the blob's own type must be the line's (for ecdsa, the curve too).
  if (blobType !== type) return { ok: false, message: `the key data is a '${blobType}' key but the line says '${type}'` };
  const values = new Map<string, Uint8Array>();
  const isCert = type !== plainType;
  const afterType = 4 + type.length;
  const keyStart = isCert ? readFields(blob, afterType, [CERT_NONCE], values) : afterType;
  if (typeof keyStart === 'string') return { ok: false, message: keyStart };
  const keyEnd = readFields(blob, keyStart, keyFields, values);
  if (typeof keyEnd === 'string') return { ok: false, message: keyEnd };
  const end = isCert ? readFields(blob, keyEnd, CERT_TRAILER, values) : keyEnd;
  if (typeof end === 'string') return { ok: false, message: end };
  if (end !== blob.length) return { ok: false, message: `the key data has ${blob.length - end} unexpected bytes after the key` };
  const modulus = values.get('modulus');
  if (modulus !== undefined && bitLength(modulus) < RSA_MINIMUM_BITS) {
    return { ok: false, message: `is a ${bitLength(modulus)}-bit RSA key; OpenSSH refuses RSA keys under ${RSA_MINIMUM_BITS} bits` };
  }
  return { ok: true, layout: { plainType, keyStart, keyEnd } };
}

/** The plain key's own blob (a certificate's certified key), which fingerprints are taken of. */
export function plainKeyBlob(blob: Uint8Array, layout: KeyBlobLayout): Uint8Array {
  const name = Buffer.from(layout.plainType, 'latin1');
  const header = Buffer.alloc(4);
  header.writeUInt32BE(name.length);
  return Buffer.concat([header, name, blob.subarray(layout.keyStart, layout.keyEnd)]);
}
