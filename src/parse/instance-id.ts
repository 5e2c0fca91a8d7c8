/**
 * The default instance-id: derived from what the spec means, never from salt bytes or the clock.
 * Rebuilding the same spec keeps the id (cloud-init does not re-run first-boot steps and
 * regenerate host keys); changing anything that is rendered changes it.
 */
import { createHash } from 'node:crypto';

/**
 * JSON with sorted keys (UTF-16 order) and bytes as base64, so equal content always hashes
 * equally. Built by appending: the instance-id is hashed on every build.
 */
function canonicalJson(value: unknown): string {
  if (value instanceof Uint8Array) {
    return JSON.stringify(`base64:${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')}`);
  }
  if (Array.isArray(value)) {
    let text = '[';
    for (let index = 0; index < value.length; index++) text += `${index === 0 ? '' : ','}${canonicalJson(value[index])}`;
    return `${text}]`;
  }
  if (value !== null && typeof value === 'object') {
    let text = '';
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) text += `,${JSON.stringify(key)}:${canonicalJson(item)}`;
    }
    return `{${text.slice(1)}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * A UUID-shaped id (config drives use it as `uuid`) from SHA-256 of the content, marked as an
 * RFC 9562 version 8 (custom) UUID so it cannot be mistaken for a random or DMI system UUID.
 */
export function deriveInstanceId(content: unknown): string {
  const digest = createHash('sha256').update(canonicalJson(content)).digest();
  digest[6] = (digest[6]! & 0x0f) | 0x80;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
