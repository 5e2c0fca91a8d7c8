/**
 * An authorized_keys line summed up as `ssh-keygen -l` would: type, SHA-256 fingerprint, comment.
 * The same parser that checks spec keys reads it, so inspect and build agree on what a key is; the
 * key itself is never repeated, so a report can be pasted anywhere.
 */
import { parseSshPublicKey, sshKeyFingerprint } from '../common/ssh-key/parse.js';
import type { SshKeySummary } from './report-types.js';

export function summarizeSshKey(line: unknown): SshKeySummary {
  if (typeof line !== 'string') return { problem: 'not a text line' };
  const parsed = parseSshPublicKey(line);
  if (!parsed.ok) return { problem: parsed.message };
  const { type, comment } = parsed.key;
  return { type, fingerprint: sshKeyFingerprint(parsed.key), ...(comment ? { comment } : {}) };
}
