/**
 * Changes given as values over a spec: a host name, a user with a password and keys, `--net`
 * shorthands. What `cloudseed build`'s flags and `editSeed` both apply, with no file read here:
 * the CLI reads key and password files first (src/cli/flags/spec-flags.ts) and passes the values.
 * The result is a spec object, not yet validated: the parse stage checks it like any spec.
 */
import type { Issue } from '../errors.js';
import { isPlaceholderKey } from '../common/placeholder-key.js';
import { mergeNetwork, parseNetFlags } from './net-shorthand.js';
import type { DefaultUserEntry, Spec, UserSpec } from '../input/types.js';

export interface SpecChanges {
  /** The host name, over the spec's. */
  readonly hostname?: string;
  /** The user `password` and `sshKeys` apply to; created (bash, passwordless sudo) when the spec has none so named. */
  readonly user?: string;
  /** A plain password (hashed at build time); replaces the user's password or hash. */
  readonly password?: string;
  /** Public key lines (not files). Without `user`, for the spec's first user, else `ssh.authorized_keys`. */
  readonly sshKeys?: readonly string[];
  /** `--net` shorthands (eth0=dhcp, eth0=ADDR/PREFIX,gw=GW...), merged over the spec's network. */
  readonly net?: readonly string[];
}

type UserEntry = UserSpec | DefaultUserEntry;

/** Not validated yet: any list item that is a mapping counts as a user (`default` does not). */
const isUserMapping = (entry: unknown): entry is UserSpec => entry !== null && typeof entry === 'object';

/** The spec's users with the one the changes apply to: `user`'s, else the first listed (not `default`). */
function withUser(users: UserEntry[], name: string | undefined): { users: UserEntry[]; index: number } {
  if (name === undefined) return { users, index: users.findIndex(isUserMapping) };
  const index = users.findIndex((user) => isUserMapping(user) && user.name === name);
  if (index >= 0) return { users, index };
  // A user made from the command line should be usable as an admin out of the box.
  return { users: [...users, { name, shell: '/bin/bash', sudo: 'ALL=(ALL) NOPASSWD:ALL' }], index: users.length };
}

const withoutPlaceholders = (keys: unknown): unknown => (Array.isArray(keys) ? keys.filter((key) => typeof key !== 'string' || !isPlaceholderKey(key)) : keys);

/** Removes placeholder keys from every user and from `ssh.authorized_keys` (not yet validated: shapes are checked loosely). */
function dropPlaceholderKeys(merged: Record<string, unknown>): void {
  if (Array.isArray(merged['users'])) {
    merged['users'] = merged['users'].map((user: unknown) =>
      isUserMapping(user) && Array.isArray(user.ssh_authorized_keys) ? { ...user, ssh_authorized_keys: withoutPlaceholders(user.ssh_authorized_keys) } : user,
    );
  }
  const ssh = merged['ssh'];
  if (ssh !== null && typeof ssh === 'object' && 'authorized_keys' in ssh) merged['ssh'] = { ...ssh, authorized_keys: withoutPlaceholders(ssh.authorized_keys) };
}

/** Issues name the flags (`--password-file`, `--net[i]`), which is also how editSeed's fields are documented. */
export function applySpecChanges(spec: Record<string, unknown>, changes: SpecChanges): { spec: Record<string, unknown>; issues: Issue[] } {
  const issues: Issue[] = [];
  const merged: Record<string, unknown> = { ...spec };
  if (changes.hostname !== undefined) merged['hostname'] = changes.hostname;

  const keys = changes.sshKeys ?? [];
  // Keys given by the user take the place of a template's placeholder key.
  if (keys.length > 0) dropPlaceholderKeys(merged);
  const specUsers = Array.isArray(merged['users']) ? (merged['users'] as UserEntry[]) : [];
  if (changes.user !== undefined || changes.password !== undefined || (keys.length > 0 && specUsers.some(isUserMapping))) {
    const { users, index } = withUser(specUsers, changes.user);
    if (index < 0) {
      issues.push({ path: '--password-file', message: 'there is no user to set the password for; add --user NAME' });
    } else {
      const user: UserSpec = { ...(users[index] as UserSpec) };
      if (changes.password !== undefined) {
        delete user.password_hash;
        user.password = changes.password;
      }
      if (keys.length > 0) user.ssh_authorized_keys = [...(user.ssh_authorized_keys ?? []), ...keys];
      merged['users'] = users.map((u, i) => (i === index ? user : u));
    }
  } else if (keys.length > 0) {
    const ssh = (merged['ssh'] ?? {}) as Spec['ssh'] & object;
    merged['ssh'] = { ...ssh, authorized_keys: [...(ssh.authorized_keys ?? []), ...keys] };
  }

  if (changes.net && changes.net.length > 0) {
    const parsed = parseNetFlags([...changes.net]);
    issues.push(...parsed.issues);
    merged['network'] = mergeNetwork(merged['network'] as Spec['network'], parsed.network);
  }
  return { spec: merged, issues };
}
