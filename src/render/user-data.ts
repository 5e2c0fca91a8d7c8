/**
 * user-data: the cloud-config alone, or MIME multipart when the spec adds parts (scripts,
 * boothooks, more cloud-config), as cloud-init's user-data handlers expect.
 */
import { createHash } from 'node:crypto';
import { carriesCloudConfig, MERGE_KEEPING_GENERATED } from '../model/cloud-config-parts.js';
import type { InstanceModel, UserDataPartModel } from '../model/types.js';
import { buildCloudConfig } from './cloud-config.js';
import { toCloudConfig } from './yaml11.js';

const encoder = new TextEncoder();

function isAscii(bytes: Uint8Array): boolean {
  return bytes.every((byte) => byte < 0x80 && byte !== 0);
}

function containsBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).includes(Buffer.from(needle));
}

/**
 * A boundary derived from `seed` (so builds stay byte-identical) that occurs in no part: a part
 * cannot end the MIME structure early or smuggle in parts of its own.
 */
export function chooseBoundary(parts: readonly UserDataPartModel[], seed: string): string {
  const base = `cloudseed-${createHash('sha256').update(seed).digest('hex').slice(0, 32)}`;
  for (let attempt = 0; ; attempt++) {
    const boundary = attempt === 0 ? base : `${base}-${attempt}`;
    const marker = encoder.encode(`--${boundary}`);
    if (!parts.some((part) => containsBytes(part.content, marker))) return boundary;
  }
}

/**
 * ASCII stays readable (7bit); anything else is base64, which cloud-init decodes byte-exactly.
 * An extra part cloud-init merges into the cloud-config carries a Merge-Type that keeps the
 * generated lists (cloud-init's default for later parts would replace them).
 */
export function renderPart(part: UserDataPartModel, boundary: string, extra: boolean): string {
  const ascii = isAscii(part.content);
  const body = ascii
    ? Buffer.from(part.content).toString('latin1')
    : (Buffer.from(part.content).toString('base64').match(/.{1,76}/g) ?? []).join('\n');
  return [
    `--${boundary}`,
    `Content-Type: ${part.type}; charset="utf-8"`,
    'MIME-Version: 1.0',
    `Content-Transfer-Encoding: ${ascii ? '7bit' : 'base64'}`,
    `Content-Disposition: attachment; filename="${part.filename}"`,
    ...(extra && carriesCloudConfig(part.type) ? [`Merge-Type: ${MERGE_KEEPING_GENERATED}`] : []),
    '',
    body,
  ].join('\n');
}

/** MIME multipart user-data; the first part is the generated cloud-config, the others are extra. */
export function renderMultipart(parts: readonly UserDataPartModel[], boundarySeed: string): string {
  const boundary = chooseBoundary(parts, boundarySeed);
  return [
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    'MIME-Version: 1.0',
    '',
    ...parts.map((part, i) => renderPart(part, boundary, i > 0)),
    `--${boundary}--`,
    '',
  ].join('\n');
}

/** The user-data file's text for any datasource. */
export function renderUserData(model: InstanceModel, cloudConfig: Record<string, unknown> = buildCloudConfig(model)): string {
  const text = toCloudConfig(cloudConfig);
  if (model.userDataParts.length === 0) return text;
  const first: UserDataPartModel = { content: encoder.encode(text), type: 'text/cloud-config', filename: 'cloud-config.yaml' };
  // Seeded by the instance-id, not the parts: the cloud-config part holds salted hashes, which
  // would change the boundary on every build that has no salt seed.
  return renderMultipart([first, ...model.userDataParts], model.instanceId);
}
