/**
 * Field paths as users read them: `users[0].ssh_authorized_keys[1]`, `network.ethernets.eth0.addresses[1]`.
 * ajv reports JSON Pointers (`/users/0/ssh_authorized_keys/1`); they are converted here, once.
 */

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Appends one segment: numbers become `[n]`, plain keys `.key`, odd keys `["odd key"]`. */
export function joinPath(base: string, segment: string | number): string {
  if (typeof segment === 'number') return `${base}[${segment}]`;
  if (IDENTIFIER.test(segment)) return base ? `${base}.${segment}` : segment;
  return `${base}[${JSON.stringify(segment)}]`;
}

/** Converts a JSON Pointer into a field path. Array indices are known from the data itself. */
export function pointerToPath(pointer: string, data: unknown): string {
  if (pointer === '') return '';
  let path = '';
  let node: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^\d+$/.test(key)) {
      path = joinPath(path, Number(key));
      node = node[Number(key)];
    } else {
      path = joinPath(path, key);
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    }
  }
  return path;
}
