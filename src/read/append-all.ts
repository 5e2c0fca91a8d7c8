/**
 * `target.push(...items)` passes every item as an argument: past some hundred thousand of them
 * (a list in a crafted image's YAML or JSON can be that long) it throws a RangeError. This
 * appends one at a time.
 */
export function appendAll<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}
