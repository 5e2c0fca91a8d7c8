/**
 * ECMA-119 7.2 and 7.3: 16- and 32-bit numbers as little-endian, big-endian or "both-byte
 * orders" (little-endian copy immediately followed by a big-endian copy).
 */

function putLittleEndian(target: Uint8Array, offset: number, value: number, bytes: number): void {
  for (let i = 0; i < bytes; i++) target[offset + i] = (value >>> (8 * i)) & 0xff;
}

function putBigEndian(target: Uint8Array, offset: number, value: number, bytes: number): void {
  for (let i = 0; i < bytes; i++) target[offset + bytes - 1 - i] = (value >>> (8 * i)) & 0xff;
}

function getLittleEndian(source: Uint8Array, offset: number, bytes: number): number {
  let value = 0;
  for (let i = bytes - 1; i >= 0; i--) value = value * 256 + (source[offset + i] ?? 0);
  return value;
}

/** ECMA-119 7.2.1 */
export function writeUint16Le(target: Uint8Array, offset: number, value: number): void {
  putLittleEndian(target, offset, value, 2);
}

/** ECMA-119 7.2.2 */
export function writeUint16Be(target: Uint8Array, offset: number, value: number): void {
  putBigEndian(target, offset, value, 2);
}

/** ECMA-119 7.2.3: 4 bytes. */
export function writeUint16Both(target: Uint8Array, offset: number, value: number): void {
  putLittleEndian(target, offset, value, 2);
  putBigEndian(target, offset + 2, value, 2);
}

/** ECMA-119 7.3.1 */
export function writeUint32Le(target: Uint8Array, offset: number, value: number): void {
  putLittleEndian(target, offset, value, 4);
}

/** ECMA-119 7.3.2 */
export function writeUint32Be(target: Uint8Array, offset: number, value: number): void {
  putBigEndian(target, offset, value, 4);
}

/** ECMA-119 7.3.3: 8 bytes. */
export function writeUint32Both(target: Uint8Array, offset: number, value: number): void {
  putLittleEndian(target, offset, value, 4);
  putBigEndian(target, offset + 4, value, 4);
}

/** Readers take the little-endian half of both-endian fields, as Linux does. */
export function readUint16Le(source: Uint8Array, offset: number): number {
  return getLittleEndian(source, offset, 2);
}

export function readUint32Le(source: Uint8Array, offset: number): number {
  return getLittleEndian(source, offset, 4);
}
