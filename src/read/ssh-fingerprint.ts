/**
 * An authorized_keys line summed up as `ssh-keygen -l` would: type, SHA-256 fingerprint, comment.
 * The key itself is never repeated, so a report can be pasted anywhere.
 */
import { createHash } from 'node:crypto';
import type { SshKeySummary } from './report-types.js';

/** sshd(8) AUTHORIZED_KEYS FILE FORMAT: key types start with one of these; options come before. */
const KEY_TYPE = /^(ssh-|ecdsa-|sk-)[A-Za-z0-9@._-]+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** RFC 4251 5: the blob opens with the key type as a uint32-length string. */
function readBlobType(blob: Buffer): string | undefined {
  if (blob.length < 4) return undefined;
  const length = blob.readUInt32BE(0);
  return length + 4 <= blob.length ? blob.subarray(4, 4 + length).toString('latin1') : undefined;
}

export function summarizeSshKey(line: unknown): SshKeySummary {
  if (typeof line !== 'string') return { problem: 'not a text line' };
  const tokens = line.trim().split(/\s+/);
  const at = tokens.findIndex((token, i) => KEY_TYPE.test(token) && BASE64.test(tokens[i + 1] ?? ''));
  if (at < 0) return { problem: 'no key type followed by base64 key data' };
  const type = tokens[at] as string;
  const blob = Buffer.from(tokens[at + 1] as string, 'base64');
  const comment = tokens.slice(at + 2).join(' ');
  const withComment = comment ? { comment } : {};
  if (readBlobType(blob) !== type) return { type, ...withComment, problem: `the key data is not a ${type} key` };
  const fingerprint = `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
  return { type, fingerprint, ...withComment };
}
