/**
 * Every string of the spec ends up in a UTF-8 file (user-data, meta-data, JSON metadata), read by
 * cloud-init. A lone UTF-16 surrogate has no UTF-8 encoding: writing it would silently turn it
 * into U+FFFD, or into an escape that Python decodes to a string it then cannot write. Refused,
 * with the field path, for keys and values alike.
 */
import type { Issue } from '../errors.js';
import { joinPath } from '../common/issue-path.js';

const LONE_SURROGATE = /\p{Cs}/u;

function describeSurrogate(text: string): string {
  const char = LONE_SURROGATE.exec(text)?.[0] ?? '';
  const code = char.charCodeAt(0).toString(16).toUpperCase();
  return `holds a lone surrogate (U+${code}), which no UTF-8 file can hold`;
}

/** A value on the walk's stack, with the way to it: its path is only spelled out for an issue. */
interface Visit {
  readonly value: unknown;
  readonly parent: Visit | undefined;
  readonly segment: string | number;
}

function pathOf(visit: Visit): string {
  const segments: (string | number)[] = [];
  for (let at: Visit | undefined = visit; at?.parent !== undefined; at = at.parent) segments.push(at.segment);
  return segments.reduceRight<string>(joinPath, '');
}

/**
 * Walks with a stack, not recursion: free-form `cloud_config` may nest deeply. Every spec is
 * walked and almost none has an issue, so no path text is made on the way.
 */
function collect(spec: unknown): Issue[] {
  const issues: Issue[] = [];
  const pending: Visit[] = [{ value: spec, parent: undefined, segment: '' }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value } = next;
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) issues.push({ path: pathOf(next), message: describeSurrogate(value) });
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--) pending.push({ value: value[index], parent: next, segment: index });
    } else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record);
      for (let index = keys.length - 1; index >= 0; index--) {
        const key = keys[index] as string;
        // The key is not put in the path: the path would carry the same unencodable character.
        if (LONE_SURROGATE.test(key)) issues.push({ path: pathOf(next) || '(top level)', message: `a key ${describeSurrogate(key)}` });
        else pending.push({ value: record[key], parent: next, segment: key });
      }
    }
  }
  return issues;
}

/** An issue for every string or key that holds a lone surrogate. */
export function checkEncodableText(spec: unknown): Issue[] {
  return collect(spec);
}
