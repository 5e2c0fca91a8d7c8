/**
 * JSON files of a config drive. cloud-init rejects the whole drive when any of them does not parse
 * (an empty file included), so renderers ask `isEmptyJson` before writing and omit such files.
 *
 * Output form: keys sorted by code point at every level (Python's `json.dumps(sort_keys=True)`),
 * 2-space indent, a final newline, non-ASCII left as UTF-8. Sorting makes the bytes depend only on
 * the data, never on the order a spec or a renderer happened to build an object in.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A copy with sorted keys; throws on values JSON cannot carry, which would otherwise vanish or turn into null. */
function sortKeys(value: unknown, where: string): Json {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${where}: ${value} has no JSON form`);
    return value;
  }
  if (Array.isArray(value)) return value.map((item, i) => sortKeys(item, `${where}[${i}]`));
  const proto: unknown = typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (proto === Object.prototype || proto === null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => compareCodePoints(a, b));
    return Object.fromEntries(entries.map(([key, item]) => [key, sortKeys(item, `${where}.${key}`)]));
  }
  throw new TypeError(`${where}: a ${typeof value} has no JSON form`);
}

/** The text of a config-drive JSON file. */
export function toStableJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value, '$'), null, 2)}\n`;
}

/** True for values that say nothing: null, '', [], {} and containers of nothing but those. */
export function isEmptyJson(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.every(isEmptyJson);
  if (typeof value === 'object') return Object.values(value).every(isEmptyJson);
  return false;
}
