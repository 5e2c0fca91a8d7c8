/**
 * Clear-text passwords in cloud-config the spec carries as it is (`user_data.cloud_config`,
 * `vendor_data`, and through cloud-config-text.ts the cloud-config parts and files). The spec's own `users[].password` is hashed at build time; the same password
 * written into cloud-config keys would land in the seed in clear, readable by anyone who can read
 * the image (and by every process in the guest that reads the datasource). Such keys are refused,
 * each by path, with the way to say the same thing safely. Messages never repeat the value.
 *
 * The keys are cloud-init's (cc_set_passwords, cc_users_groups): top-level `password` (the
 * default user's password, set in clear), `chpasswd.users[]` with `type: text` or a password that
 * is not a hash under the default `type: hash`, `chpasswd.list` lines (a list or the older
 * multi-line string) whose password is not a hash (`R`/`RANDOM` ask cloud-init for a random one),
 * and `plain_text_passwd` or a `passwd` that is not a hash in `users[]` entries and `user`.
 */
import type { Issue } from '../errors.js';
import type { Spec } from '../input/types.js';
import { looksLikeCryptHash } from './crypt-hash.js';
import { joinPath } from '../common/issue-path.js';

/** The hash test cc_set_passwords applies to `chpasswd.list` lines: anything else it sets in clear. */
const CHPASSWD_LIST_HASH = /^\$(1|2a|2y|5|6)(\$.+){2}$/;
const RANDOM_PASSWORD = new Set(['R', 'RANDOM']);

const USE_SPEC_PASSWORD = "give it as the spec's users[].password (hashed at build time) or users[].password_hash";

type Mapping = Record<string, unknown>;

const isMapping = (value: unknown): value is Mapping => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A password value that would be written as given: any scalar that is not a crypt hash. */
function isClearValue(value: unknown): boolean {
  if (typeof value === 'string') return value !== '' && !looksLikeCryptHash(value);
  return typeof value === 'number' || typeof value === 'boolean';
}

function checkUserEntry(entry: unknown, path: string): Issue[] {
  if (!isMapping(entry)) return [];
  const issues: Issue[] = [];
  if (entry['plain_text_passwd'] !== undefined) {
    issues.push({ path: joinPath(path, 'plain_text_passwd'), message: `is a clear-text password written into the seed; ${USE_SPEC_PASSWORD}` });
  }
  if (isClearValue(entry['passwd'])) {
    issues.push({ path: joinPath(path, 'passwd'), message: `is not a crypt hash, so it would be written into the seed in clear (and useradd takes passwd as a hash); ${USE_SPEC_PASSWORD}` });
  }
  return issues;
}

function checkChpasswdUsers(users: unknown, path: string): Issue[] {
  if (!Array.isArray(users)) return [];
  return users.flatMap((entry, i): Issue[] => {
    if (!isMapping(entry)) return [];
    const at = joinPath(`${path}[${i}]`, 'password');
    const type = entry['type'] ?? 'hash';
    if (type === 'text' && entry['password'] !== undefined) {
      return [{ path: at, message: `has type: text, a clear-text password written into the seed; ${USE_SPEC_PASSWORD}` }];
    }
    if (type === 'hash' && isClearValue(entry['password'])) {
      return [{ path: at, message: `is not a crypt hash (type: hash is the default), so it would be written into the seed in clear; ${USE_SPEC_PASSWORD}` }];
    }
    return [];
  });
}

function checkChpasswdList(list: unknown, path: string): Issue[] {
  const lines = typeof list === 'string' ? list.split(/\r?\n/) : Array.isArray(list) ? list : [];
  return lines.flatMap((line, i): Issue[] => {
    if (typeof line !== 'string' || !line.includes(':')) return [];
    const password = line.slice(line.indexOf(':') + 1);
    if (RANDOM_PASSWORD.has(password) || (CHPASSWD_LIST_HASH.test(password) && !password.includes(':'))) return [];
    const where = typeof list === 'string' ? `line ${i + 1}: ` : '';
    return [
      {
        path: typeof list === 'string' ? path : `${path}[${i}]`,
        message: `${where}the password is not a crypt hash, so cloud-init sets it in clear and it is written into the seed in clear; ${USE_SPEC_PASSWORD}`,
      },
    ];
  });
}

/** The clear-text passwords of one cloud-config mapping, by path under `base`. */
export function findClearTextPasswords(config: unknown, base: string): Issue[] {
  if (!isMapping(config)) return [];
  const issues: Issue[] = [];
  if (isClearValue(config['password'])) {
    issues.push({ path: joinPath(base, 'password'), message: `is the default user's password in clear text, written into the seed as it is; ${USE_SPEC_PASSWORD}` });
  }
  const chpasswd = config['chpasswd'];
  if (isMapping(chpasswd)) {
    issues.push(...checkChpasswdUsers(chpasswd['users'], joinPath(joinPath(base, 'chpasswd'), 'users')));
    issues.push(...checkChpasswdList(chpasswd['list'], joinPath(joinPath(base, 'chpasswd'), 'list')));
  }
  issues.push(...checkUserEntry(config['user'], joinPath(base, 'user')));
  const users: unknown[] = Array.isArray(config['users']) ? config['users'] : [];
  issues.push(...users.flatMap((entry, i) => checkUserEntry(entry, `${joinPath(base, 'users')}[${i}]`)));
  return issues;
}

/** Clear-text passwords in the cloud-config the spec passes through. */
export function checkCloudConfigSecrets(spec: Spec): Issue[] {
  return [
    ...findClearTextPasswords(spec.user_data?.cloud_config, 'user_data.cloud_config'),
    // vendor_data given as text is checked with the other cloud-config texts (cloud-config-text.ts).
    ...findClearTextPasswords(typeof spec.vendor_data === 'string' ? undefined : spec.vendor_data, 'vendor_data'),
  ];
}
