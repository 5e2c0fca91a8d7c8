/** Drops the keys whose value is undefined, so optional settings are absent rather than null in the output. */
export function compact(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/** A list, or undefined when it is empty (an empty list is left out of the output). */
export function nonEmpty<T>(items: readonly T[]): T[] | undefined {
  return items.length > 0 ? [...items] : undefined;
}
