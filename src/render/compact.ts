/**
 * Drops the keys whose value is undefined, so optional settings are absent rather than null in the
 * output. Every caller passes an object literal of the renderer's own keys, so a plain loop that
 * assigns them is enough (no entry arrays built and filtered, once per rendered mapping).
 */
export function compact(record: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (value !== undefined) kept[key] = value;
  }
  return kept;
}

/** A list, or undefined when it is empty (an empty list is left out of the output). */
export function nonEmpty<T>(items: readonly T[]): T[] | undefined {
  return items.length > 0 ? [...items] : undefined;
}
