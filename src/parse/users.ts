/** Semantic checks of `users` and `ssh`: names, passwords, hashes, keys. */
import type { Issue } from '../errors.js';
import { isUserSpec, type Spec } from '../input/types.js';
import { checkCryptHash, looksLikeCryptHash } from './crypt-hash.js';
import { quoteExcerpt } from '../common/describe-text.js';
import { checkUserName } from '../common/names.js';
import { parseSshPublicKey } from '../common/ssh-key/parse.js';

function checkKeys(keys: readonly string[] | undefined, path: string): Issue[] {
  return (keys ?? []).flatMap((line, i) => {
    const parsed = parseSshPublicKey(line);
    return parsed.ok ? [] : [{ path: `${path}[${i}]`, message: parsed.message }];
  });
}

/** `password` is hashed at build time: a hash given there would become the literal password. */
export const PASSWORD_IS_HASH =
  'looks like a crypt hash; use password_hash for a hash (password takes the plain password and hashes it, so this hash would become the password itself)';

const GROUP_NAME = /^[a-z_][a-z0-9_-]*\$?$/;

/**
 * gecos, shell and homedir become fields of an /etc/passwd line (passwd(5)): a ':' would start
 * the next field and a newline the next account, so useradd refuses both, and the user would not
 * be created at all.
 */
function checkPasswdField(value: string | undefined, path: string): Issue[] {
  if (value === undefined) return [];
  // biome-ignore lint/suspicious/noControlCharactersInRegex: an /etc/passwd field with a control character is refused: matching them is the point
  if (/[\0-\x1f\x7f]/.test(value)) return [{ path, message: 'must be one line without control characters (it becomes a field of /etc/passwd)' }];
  if (value.includes(':')) return [{ path, message: "may not contain ':' (it separates the fields of /etc/passwd)" }];
  return [];
}

export function checkUsers(spec: Spec): Issue[] {
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  let defaultEntry: number | undefined;
  spec.users?.forEach((user, i) => {
    const path = `users[${i}]`;
    if (!isUserSpec(user)) {
      if (defaultEntry !== undefined) issues.push({ path, message: `'default' is already listed in users[${defaultEntry}]` });
      defaultEntry ??= i;
      return;
    }
    const nameProblem = checkUserName(user.name);
    if (nameProblem) issues.push({ path: `${path}.name`, message: nameProblem });
    const earlier = seen.get(user.name);
    if (earlier !== undefined) issues.push({ path: `${path}.name`, message: `'${user.name}' is already defined in users[${earlier}]` });
    else seen.set(user.name, i);
    if (user.password !== undefined && user.password_hash !== undefined) {
      issues.push({ path, message: 'give either password or password_hash, not both' });
    }
    if (user.password !== undefined && /[\n\r\0]/.test(user.password)) {
      issues.push({ path: `${path}.password`, message: 'contains a newline or NUL character, which passwd cannot store' });
    } else if (user.password !== undefined && looksLikeCryptHash(user.password)) {
      issues.push({ path: `${path}.password`, message: PASSWORD_IS_HASH });
    }
    if (user.password_hash !== undefined) {
      const hashProblem = checkCryptHash(user.password_hash);
      if (hashProblem) issues.push({ path: `${path}.password_hash`, message: hashProblem });
    }
    issues.push(...checkKeys(user.ssh_authorized_keys, `${path}.ssh_authorized_keys`));
    for (const field of ['gecos', 'shell', 'homedir'] as const) issues.push(...checkPasswdField(user[field], `${path}.${field}`));
    if (user.primary_group !== undefined && !GROUP_NAME.test(user.primary_group)) {
      issues.push({ path: `${path}.primary_group`, message: `${quoteExcerpt(user.primary_group)} is not a valid group name` });
    }
    const groups = typeof user.groups === 'string' ? user.groups.split(',').map((g) => g.trim()) : (user.groups ?? []);
    groups.forEach((group, g) => {
      if (!GROUP_NAME.test(group)) {
        issues.push({ path: `${path}.groups${typeof user.groups === 'string' ? '' : `[${g}]`}`, message: `${quoteExcerpt(group)} is not a valid group name` });
      }
    });
    const sudoRules = typeof user.sudo === 'string' ? [user.sudo] : Array.isArray(user.sudo) ? user.sudo : [];
    sudoRules.forEach((rule) => {
      if (/[\n\r]/.test(rule)) issues.push({ path: `${path}.sudo`, message: 'a sudo rule must be one line (contains a newline)' });
    });
  });
  issues.push(...checkKeys(spec.ssh?.authorized_keys, 'ssh.authorized_keys'));
  return issues;
}
