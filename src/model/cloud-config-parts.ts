/**
 * Extra cloud-config parts (`--user-data extra.yaml`, `user_data.parts`) and the generated
 * cloud-config must add up. cloud-init merges each later cloud-config part with
 * `dict(replace)+list()+str()` unless told otherwise: a part's `users:`, `runcmd:`,
 * `write_files:`, `packages:` or `ssh_authorized_keys:` would replace the generated list, and the
 * spec's users would never be created. So:
 * - a plain cloud-config part is merged into the generated cloud-config at build time, as
 *   `user_data.cloud_config` is (lists appended, mappings merged, other values replaced);
 * - a part cloud-init must handle itself (a jinja template, a part with its own `merge_how`, or
 *   values YAML alone can carry, such as !!binary) is sent with a Merge-Type header that appends
 *   lists and merges mappings, leaving the generated values in place (`MERGE_KEEPING_GENERATED`).
 */
import { SpecError } from '../errors.js';
import { parseSpecText } from '../input/load.js';

/** cloud-init's merger spec (cloudinit/mergers): lists appended, mappings merged key by key, earlier values kept. */
export const MERGE_KEEPING_GENERATED = 'list(append)+dict(no_replace,recurse_list)+str()';

const PART_TYPES: ReadonlyArray<readonly [RegExp, string]> = [
  // Before #cloud-config, which it starts with: cloud-init takes the longest prefix.
  [/^#cloud-config-jsonp/, 'text/cloud-config-jsonp'],
  [/^#cloud-config/, 'text/cloud-config'],
  [/^#!/, 'text/x-shellscript'],
  [/^#cloud-boothook/, 'text/cloud-boothook'],
  [/^#include/, 'text/x-include-url'],
  [/^#part-handler/, 'text/part-handler'],
  [/^## template: jinja/, 'text/jinja2'],
];

/** Keeps a leading BOM, as cloud-init's decoding does: its starts-with rules then match nothing. */
const headDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** The MIME type cloud-init would infer from the part's first line, as its own starts-with rules do. */
export function detectPartType(content: Uint8Array): string {
  const head = headDecoder.decode(content.subarray(0, 64));
  return PART_TYPES.find(([pattern]) => pattern.test(head))?.[1] ?? 'text/plain';
}

/** Part types whose content cloud-init merges into the cloud-config (a jinja template may render to cloud-config). */
export function carriesCloudConfig(type: string): boolean {
  return type === 'text/cloud-config' || type === 'text/jinja2';
}

/** Values the generated cloud-config's YAML writer reproduces exactly: what JSON can hold. */
function isPlainData(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isPlainData);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.values(value).every(isPlainData);
  return false;
}

export type CloudConfigPart =
  /** Merged at build time. */
  | { readonly merge: true; readonly config: Record<string, unknown> }
  /** Left to cloud-init (with MERGE_KEEPING_GENERATED). */
  | { readonly merge: false }
  /** cloud-init could not read it either. */
  | { readonly merge: false; readonly problem: string };

/**
 * What to do with a `text/cloud-config` part: its mapping when it can be merged at build time.
 * `name` names the part in messages.
 */
export function readCloudConfigPart(content: Uint8Array, name: string): CloudConfigPart {
  let data: unknown;
  try {
    data = parseSpecText(new TextDecoder().decode(content), name);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    return { merge: false, problem: error.issues.map((issue) => issue.message).join('; ') };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { merge: false, problem: 'a cloud-config part must be a mapping of keys to values' };
  }
  const config = data as Record<string, unknown>;
  // The user chose how cloud-init merges this part.
  if ('merge_how' in config || 'merge_type' in config) return { merge: false };
  return isPlainData(config) ? { merge: true, config } : { merge: false };
}
