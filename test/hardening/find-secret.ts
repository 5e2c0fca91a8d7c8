/**
 * Looks for a secret in bytes, in every form a leak could take in a seed image: UTF-8, UTF-16
 * (Joliet and vfat long names are UTF-16), base64 at each of its three alignments (b64 write_files
 * content, MIME parts), and, in a text file, inside any base64 run once decoded (MIME wraps its
 * base64 at 76 columns, which splits a plain search).
 */

function utf16be(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

/** The base64 characters that encode `secret` whatever its offset modulo 3 (edge characters mix with neighbours). */
function base64Needles(secret: string): Buffer[] {
  return [0, 1, 2].map((shift) => {
    const encoded = Buffer.concat([Buffer.alloc(shift), Buffer.from(secret)]).toString('base64');
    const stableStart = Math.ceil((shift * 4) / 3);
    const stableEnd = encoded.length - 4;
    return Buffer.from(encoded.slice(stableStart, stableEnd));
  });
}

/** The form in which `secret` occurs in `bytes`, or undefined when it does not. */
export function findSecret(bytes: Uint8Array, secret: string): string | undefined {
  const haystack = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const forms: [string, Buffer][] = [
    ['utf-8', Buffer.from(secret)],
    ['utf-16le', Buffer.from(secret, 'utf16le')],
    ['utf-16be', utf16be(secret)],
    ...base64Needles(secret).map((needle, shift): [string, Buffer] => [`base64 (offset ${shift})`, needle]),
  ];
  return forms.find(([, needle]) => haystack.includes(needle))?.[0];
}

const BASE64_RUN = /[A-Za-z0-9+/=\r\n\t ]{16,}/g;

/** findSecret, and also inside every base64-looking run of the file's text, decoded at each alignment. */
export function findSecretInFile(bytes: Uint8Array, secret: string): string | undefined {
  const direct = findSecret(bytes, secret);
  if (direct) return direct;
  const text = Buffer.from(bytes).toString('latin1');
  for (const [run] of text.matchAll(BASE64_RUN)) {
    const compact = run.replace(/\s/g, '');
    for (let skip = 0; skip < 4; skip++) {
      const decoded = Buffer.from(compact.slice(skip), 'base64');
      const inside = findSecret(decoded, secret);
      if (inside) return `decoded base64, then ${inside}`;
    }
  }
  return undefined;
}
