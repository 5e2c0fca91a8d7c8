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

/** Walks with a stack, not recursion: free-form `cloud_config` may nest deeply. */
function collect(spec: unknown): Issue[] {
  const issues: Issue[] = [];
  const pending: Array<readonly [unknown, string]> = [[spec, '']];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [value, path] = next;
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) issues.push({ path, message: describeSurrogate(value) });
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--) pending.push([value[index], joinPath(path, index)]);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value).reverse()) {
        // The key is not put in the path: the path would carry the same unencodable character.
        if (LONE_SURROGATE.test(key)) issues.push({ path: path || '(top level)', message: `a key ${describeSurrogate(key)}` });
        else pending.push([item, joinPath(path, key)]);
      }
    }
  }
  return issues;
}

/** An issue for every string or key that holds a lone surrogate. */
export function checkEncodableText(spec: unknown): Issue[] {
  return collect(spec);
}
