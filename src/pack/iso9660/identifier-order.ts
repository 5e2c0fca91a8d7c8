/**
 * ECMA-119 9.3: the order of directory records (and, 6.9.1, of path table entries sharing a
 * parent). Identifiers are compared name part first, then extension, each as if padded on the
 * right with spaces, then by version number, highest first. Joliet identifiers are compared
 * the same way, code unit by code unit (UCS-2 big-endian bytes sort the same).
 */

const PAD = 0x20;

/** Compares a[aStart, aEnd) with b[bStart, bEnd), the shorter padded with spaces. */
function comparePadded(a: string, aStart: number, aEnd: number, b: string, bStart: number, bEnd: number): number {
  const length = Math.max(aEnd - aStart, bEnd - bStart);
  for (let i = 0; i < length; i++) {
    const left = aStart + i < aEnd ? a.charCodeAt(aStart + i) : PAD;
    const right = bStart + i < bEnd ? b.charCodeAt(bStart + i) : PAD;
    if (left !== right) return left - right;
  }
  return 0;
}

/** Where an identifier's parts lie, by index: sorting compares many pairs, so nothing is sliced. */
interface IdentifierParts {
  /** The name part is [0, nameEnd); the extension [extensionStart, extensionEnd). */
  nameEnd: number;
  extensionStart: number;
  extensionEnd: number;
  version: number;
}

function splitIdentifier(identifier: string, parts: IdentifierParts): void {
  const semicolon = identifier.lastIndexOf(';');
  const end = semicolon >= 0 ? semicolon : identifier.length;
  const dot = end > 0 ? identifier.lastIndexOf('.', end - 1) : -1;
  parts.version = semicolon >= 0 ? Number(identifier.slice(semicolon + 1)) || 0 : 0;
  parts.nameEnd = dot >= 0 ? dot : end;
  parts.extensionStart = dot >= 0 ? dot + 1 : end;
  parts.extensionEnd = end;
}

export function compareIdentifiers(a: string, b: string): number {
  const left: IdentifierParts = { nameEnd: 0, extensionStart: 0, extensionEnd: 0, version: 0 };
  const right: IdentifierParts = { nameEnd: 0, extensionStart: 0, extensionEnd: 0, version: 0 };
  splitIdentifier(a, left);
  splitIdentifier(b, right);
  return (
    comparePadded(a, 0, left.nameEnd, b, 0, right.nameEnd) ||
    comparePadded(a, left.extensionStart, left.extensionEnd, b, right.extensionStart, right.extensionEnd) ||
    right.version - left.version ||
    // Distinct Joliet names can tie above ("a." and "a"); keep the order total.
    (a < b ? -1 : a > b ? 1 : 0)
  );
}
