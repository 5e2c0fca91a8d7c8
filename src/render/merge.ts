/**
 * Merges the user's extra cloud-config over the generated one: mappings merge key by key, lists
 * are appended (so extra runcmd entries run after ours), anything else is replaced by the user's
 * value. A `users` string added to a list is appended as the names it stands for.
 */
function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/**
 * The names a comma-separated `users` string stands for, as cloud-init reads it (distros/ug_util.py:
 * split on commas, each name trimmed, empty ones dropped, duplicates dropped, sorted). Entries of a
 * list are merged by name there, so a name the list already has adds nothing.
 */
function userNames(users: string): string[] {
  return [...new Set(users.split(',').map((name) => name.trim()).filter((name) => name !== ''))].sort();
}

export function mergeCloudConfig(base: Readonly<Record<string, unknown>>, extra: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, given] of Object.entries(extra)) {
    const current = merged[key];
    // `users` may also be a string of names: replacing the list with it would drop the users before it.
    const value = key === 'users' && typeof given === 'string' && Array.isArray(current) ? userNames(given) : given;
    if (Array.isArray(current) && Array.isArray(value)) merged[key] = [...current, ...value];
    else if (isMapping(current) && isMapping(value)) merged[key] = mergeCloudConfig(current, value);
    else merged[key] = value;
  }
  return merged;
}
