/**
 * Merges the user's extra cloud-config over the generated one: mappings merge key by key, lists
 * are appended (so extra runcmd entries run after ours), anything else is replaced by the user's value.
 */
function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array);
}

export function mergeCloudConfig(base: Readonly<Record<string, unknown>>, extra: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = merged[key];
    if (Array.isArray(current) && Array.isArray(value)) merged[key] = [...current, ...value];
    else if (isMapping(current) && isMapping(value)) merged[key] = mergeCloudConfig(current, value);
    else merged[key] = value;
  }
  return merged;
}
