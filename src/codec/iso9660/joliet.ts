/**
 * Joliet (Microsoft's "Joliet Specification", 1995): a supplementary volume descriptor
 * (ECMA-119 8.5) whose identifiers are UCS-2 big-endian. Windows, and so cloudbase-init, reads
 * only this hierarchy, so it carries the exact original names. Like xorrisofs and genisoimage
 * we write file names without the ";1" version suffix.
 */

/** ECMA-119 8.5.6 escape sequences for UCS-2 level 3, the only level that allows every character. */
export const JOLIET_LEVEL_3_ESCAPE = Uint8Array.of(0x25, 0x2f, 0x45); // "%/E"
export const JOLIET_ESCAPES = [
  Uint8Array.of(0x25, 0x2f, 0x40), // "%/@" level 1
  Uint8Array.of(0x25, 0x2f, 0x43), // "%/C" level 2
  JOLIET_LEVEL_3_ESCAPE,
] as const;
/** The Joliet specification caps a file identifier at 64 UCS-2 units (128 bytes). */
export const JOLIET_MAX_NAME_UNITS = 64;
/** Characters the Joliet specification forbids in identifiers (plus U+0000-U+001F). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: Joliet forbids the C0 control characters in names: matching them is the point
export const JOLIET_FORBIDDEN = /[\u0000-\u001f*/:;?\\]/;

/** UTF-16 code units, big-endian: characters outside the BMP become surrogate pairs, as Windows and Linux expect. */
export function encodeUcs2Be(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[2 * i] = unit >>> 8;
    bytes[2 * i + 1] = unit & 0xff;
  }
  return bytes;
}

export function decodeUcs2Be(bytes: Uint8Array): string {
  const units: number[] = [];
  for (let i = 0; i + 1 < bytes.length; i += 2) units.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  return String.fromCharCode(...units);
}

/** A Joliet text field of `length` bytes: UCS-2 text padded with UCS-2 spaces (an odd last byte stays 0). */
export function encodeJolietText(text: string, length: number): Uint8Array {
  const field = new Uint8Array(length);
  const padded = text.padEnd(Math.floor(length / 2), ' ');
  field.set(encodeUcs2Be(padded).subarray(0, length));
  return field;
}
