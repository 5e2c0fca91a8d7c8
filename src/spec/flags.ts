/**
 * CLI flags as a spec overlay: `--hostname`, `--user`, `--password-file`, `--ssh-key`, `--net`,
 * `--user-data`. Flags win over the spec file. Files named by flags are read here, relative to
 * the current directory (spec `source:` paths stay relative to the spec file).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Issue } from '../errors.js';
import { isPlaceholderKey } from '../parse/placeholders.js';
import { mergeNetwork, parseNetFlags } from './net-flag.js';
import type { DefaultUserEntry, Spec, UserSpec } from './types.js';

export interface SpecFlags {
  readonly hostname?: string;
  readonly user?: string;
  /** Plain password from --password-file, the environment or a prompt; never from argv. */
  readonly password?: string;
  readonly sshKeys?: readonly string[];
  readonly net?: readonly string[];
  readonly userData?: readonly string[];
}

const KEY_PREFIX = /^(ssh-|ecdsa-|sk-ssh-|sk-ecdsa-)/;
/** PEM and OpenSSH private key files; said once for the file rather than once per line of it. */
const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;

/** `--ssh-key` takes a key or a file of keys (one per line, comments and blanks ignored). */
async function readKeys(values: readonly string[], issues: Issue[]): Promise<string[]> {
  const keys: string[] = [];
  for (const [i, value] of values.entries()) {
    if (KEY_PREFIX.test(value.trim())) {
      keys.push(value.trim());
      continue;
    }
    try {
      const text = await readFile(value, 'utf8');
      if (PRIVATE_KEY.test(text)) {
        issues.push({ path: `--ssh-key[${i}]`, message: `${value} holds a private key; pass the public key (the .pub file) instead` });
        continue;
      }
      const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
      if (lines.length === 0) issues.push({ path: `--ssh-key[${i}]`, message: `${value} contains no key` });
      keys.push(...lines);
    } catch {
      issues.push({ path: `--ssh-key[${i}]`, message: `'${value.slice(0, 60)}' is neither a public key nor a readable file` });
    }
  }
  return keys;
}

/** Reads a password file: its first line, without the line ending. */
export async function readPasswordFile(path: string): Promise<{ password?: string; issue?: Issue }> {
  try {
    const text = await readFile(path, 'utf8');
    const password = text.split(/\r?\n/)[0] ?? '';
    if (password === '') return { issue: { path: '--password-file', message: `${path} is empty` } };
    return { password };
  } catch {
    return { issue: { path: '--password-file', message: `cannot read ${path}` } };
  }
}

type UserEntry = UserSpec | DefaultUserEntry;

/** Not validated yet: any list item that is a mapping counts as a user (`default` does not). */
const isUserMapping = (entry: unknown): entry is UserSpec => entry !== null && typeof entry === 'object';

/** The spec's users with the one the flags apply to: --user's, else the first listed (not `default`). */
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

/** Applies flags over a spec object (not yet validated). Returns the merged spec and flag issues. */
export async function applyFlags(spec: Record<string, unknown>, flags: SpecFlags): Promise<{ spec: Record<string, unknown>; issues: Issue[] }> {
  const issues: Issue[] = [];
  const merged: Record<string, unknown> = { ...spec };
  if (flags.hostname !== undefined) merged['hostname'] = flags.hostname;

  const keys = await readKeys(flags.sshKeys ?? [], issues);
  // Keys given on the command line take the place of a template's placeholder key.
  if (keys.length > 0) dropPlaceholderKeys(merged);
  const specUsers = Array.isArray(merged['users']) ? (merged['users'] as UserEntry[]) : [];
  if (flags.user !== undefined || flags.password !== undefined || (keys.length > 0 && specUsers.some(isUserMapping))) {
    const { users, index } = withUser(specUsers, flags.user);
    if (index < 0) {
      issues.push({ path: '--password-file', message: 'there is no user to set the password for; add --user NAME' });
    } else {
      const user: UserSpec = { ...(users[index] as UserSpec) };
      if (flags.password !== undefined) {
        delete user.password_hash;
        user.password = flags.password;
      }
      if (keys.length > 0) user.ssh_authorized_keys = [...(user.ssh_authorized_keys ?? []), ...keys];
      merged['users'] = users.map((u, i) => (i === index ? user : u));
    }
  } else if (keys.length > 0) {
    const ssh = (merged['ssh'] ?? {}) as Spec['ssh'] & object;
    merged['ssh'] = { ...ssh, authorized_keys: [...(ssh.authorized_keys ?? []), ...keys] };
  }

  if (flags.net && flags.net.length > 0) {
    const parsed = parseNetFlags([...flags.net]);
    issues.push(...parsed.issues);
    merged['network'] = mergeNetwork(spec['network'] as Spec['network'], parsed.network);
  }
  if (flags.userData && flags.userData.length > 0) {
    const userData = (spec['user_data'] ?? {}) as NonNullable<Spec['user_data']>;
    merged['user_data'] = { ...userData, parts: [...(userData.parts ?? []), ...flags.userData.map((file) => resolve(file))] };
  }
  return { spec: merged, issues };
}
