/**
 * The accounts a seed sets up, as cloud-init's cc_users_groups, cc_ssh and cc_set_passwords read
 * them: `users:` (default when absent: just the distro's default user), `user:` naming the
 * default user, top-level `ssh_authorized_keys` and the datasource's public keys going to the
 * default user, passwords from `passwd`/`hashed_passwd`/`plain_text_passwd`, top-level
 * `password` and `chpasswd`. Only whether a password is set, and how, is reported.
 */
import { isCloudInitHash } from '../common/cloud-init-hash.js';
import { isMapping } from './documents.js';
import type { PasswordKind, SeedUser, SshKeySummary } from './report-types.js';
import { summarizeSshKey } from './ssh-fingerprint.js';

const DEFAULT_USER = 'default';

interface UserDraft {
  name: string;
  isDefault: boolean;
  password: PasswordKind;
  keys: unknown[];
}

function kindOf(value: unknown): PasswordKind {
  if (typeof value !== 'string' || value === '') return 'none';
  return isCloudInitHash(value) ? 'hash' : 'plain';
}

function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return value.split(',').map((item) => item.trim()).filter(Boolean);
  return value === undefined || value === null ? [] : [value];
}

/** A user entry's own password: `passwd` is always a hash to useradd; the other two say what they are. */
function readOwnPassword(entry: Record<string, unknown>): PasswordKind {
  if (typeof entry['hashed_passwd'] === 'string') return 'hash';
  if (typeof entry['passwd'] === 'string') return kindOf(entry['passwd']);
  return typeof entry['plain_text_passwd'] === 'string' ? 'plain' : 'none';
}

function readDefaultUser(config: Record<string, unknown>): UserDraft {
  const user = config['user'];
  const entry = isMapping(user) ? user : {};
  const name = typeof user === 'string' ? user : typeof entry['name'] === 'string' ? entry['name'] : DEFAULT_USER;
  const own = readOwnPassword(entry);
  return {
    name,
    isDefault: true,
    password: own !== 'none' ? own : kindOf(config['password']),
    keys: [...asList(entry['ssh_authorized_keys']), ...asList(config['ssh_authorized_keys'])],
  };
}

function readListedUser(item: unknown): UserDraft | undefined {
  const entry = isMapping(item) ? item : typeof item === 'string' ? { name: item } : undefined;
  if (!entry || typeof entry['name'] !== 'string') return undefined;
  return { name: entry['name'], isDefault: false, password: readOwnPassword(entry), keys: asList(entry['ssh_authorized_keys']) };
}

/** cc_set_passwords: `chpasswd.users` (22.3+) and the older `chpasswd.list` of "name:password" lines. */
function readChpasswd(config: Record<string, unknown>): Map<string, PasswordKind> {
  const chpasswd = isMapping(config['chpasswd']) ? config['chpasswd'] : {};
  const passwords = new Map<string, PasswordKind>();
  for (const entry of asList(chpasswd['users']).filter(isMapping)) {
    if (typeof entry['name'] !== 'string') continue;
    // type: text sets the value as the password even when it is shaped like a hash.
    const text = entry['type'] === 'text' && typeof entry['password'] === 'string' && entry['password'] !== '';
    passwords.set(entry['name'], text ? 'plain' : kindOf(entry['password']));
  }
  const list = typeof chpasswd['list'] === 'string' ? chpasswd['list'].split('\n') : asList(chpasswd['list']);
  for (const line of list.filter((item): item is string => typeof item === 'string' && item.includes(':'))) {
    const colon = line.indexOf(':');
    passwords.set(line.slice(0, colon).trim(), kindOf(line.slice(colon + 1).trim()));
  }
  return passwords;
}

/** Later cloud-config parts replace earlier top-level keys (cloud-init's default merge for these keys). */
function mergeConfigs(configs: readonly Record<string, unknown>[]): Record<string, unknown> {
  return Object.assign({}, ...configs) as Record<string, unknown>;
}

/** `metadataKeys`: the datasource's public keys (meta-data `public-keys`, meta_data.json `public_keys`). */
export function summarizeUsers(configs: readonly Record<string, unknown>[], metadataKeys: readonly unknown[]): SeedUser[] {
  const config = mergeConfigs(configs);
  const listed = config['users'] === undefined ? [DEFAULT_USER] : asList(config['users']);
  const drafts: UserDraft[] = [];
  if (listed.includes(DEFAULT_USER)) {
    const user = readDefaultUser(config);
    drafts.push({ ...user, keys: [...user.keys, ...metadataKeys] });
  }
  drafts.push(...listed.filter((item) => item !== DEFAULT_USER).flatMap((item) => readListedUser(item) ?? []));
  const chpasswd = readChpasswd(config);
  return drafts.map((draft): SeedUser => {
    const fromChpasswd = chpasswd.get(draft.name);
    const keys: SshKeySummary[] = draft.keys.map(summarizeSshKey);
    return {
      name: draft.name,
      isDefault: draft.isDefault,
      // cc_set_passwords runs after the users are created: its password is the one that stays.
      password: fromChpasswd !== undefined && fromChpasswd !== 'none' ? fromChpasswd : draft.password,
      sshKeys: keys,
    };
  });
}
