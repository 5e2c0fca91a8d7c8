/**
 * Names for the default user's keys in Nova's `public_keys` mapping and `keys` list. Nova uses the
 * key pair's name; a spec has only key lines, so the name is the key's comment (`admin@laptop`),
 * else `key-N` with N its position in ssh.authorized_keys from 1. A name already taken gets `-2`,
 * `-3`... Names depend only on the list, so rebuilds keep them. cloud-init and cloudbase-init read
 * only the key text; the names are for people and tools that show them.
 */
import { parseSshPublicKey } from '../../common/ssh-key/parse.js';

export interface NamedKey {
  readonly name: string;
  /** The authorized_keys line as given. */
  readonly key: string;
}

function keyComment(line: string): string | undefined {
  const parsed = parseSshPublicKey(line);
  return parsed.ok ? parsed.key.comment : undefined;
}

export function namePublicKeys(keys: readonly string[]): NamedKey[] {
  const taken = new Set<string>();
  return keys.map((key, i) => {
    const base = keyComment(key) ?? `key-${i + 1}`;
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    taken.add(name);
    return { name, key };
  });
}
