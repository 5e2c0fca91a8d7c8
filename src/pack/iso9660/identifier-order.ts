/**
 * ECMA-119 9.3: the order of directory records (and, 6.9.1, of path table entries sharing a
 * parent). Identifiers are compared name part first, then extension, each as if padded on the
 * right with spaces, then by version number, highest first. Joliet identifiers are compared
 * the same way, code unit by code unit (UCS-2 big-endian bytes sort the same).
 */

const PAD = 0x20;

function comparePadded(a: string, b: string): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const difference = (i < a.length ? a.charCodeAt(i) : PAD) - (i < b.length ? b.charCodeAt(i) : PAD);
    if (difference !== 0) return difference;
  }
  return 0;
}

function splitIdentifier(identifier: string): { name: string; extension: string; version: number } {
  const semicolon = identifier.lastIndexOf(';');
  const version = semicolon >= 0 ? Number(identifier.slice(semicolon + 1)) || 0 : 0;
  const withoutVersion = semicolon >= 0 ? identifier.slice(0, semicolon) : identifier;
  const dot = withoutVersion.lastIndexOf('.');
  return dot >= 0
    ? { name: withoutVersion.slice(0, dot), extension: withoutVersion.slice(dot + 1), version }
    : { name: withoutVersion, extension: '', version };
}

export function compareIdentifiers(a: string, b: string): number {
  const left = splitIdentifier(a);
  const right = splitIdentifier(b);
  return (
    comparePadded(left.name, right.name) ||
    comparePadded(left.extension, right.extension) ||
    right.version - left.version ||
    // Distinct Joliet names can tie above ("a." and "a"); keep the order total.
    (a < b ? -1 : a > b ? 1 : 0)
  );
}
