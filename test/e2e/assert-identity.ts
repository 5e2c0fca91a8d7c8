/** Hostname and users as the spec asks for them, checked against the guest's facts. */
import assert from 'node:assert/strict';
import type { Spec, UserSpec } from '../../src/input/types.js';
import { runTool } from '../helpers/tools.js';
import type { GuestFacts, UserFact } from './facts.js';

// crypt(3) SHA-512: $6$<salt>$<hash>; a `rounds=N$` field is not something openssl passwd can replay.
const SHA512_CRYPT = /^\$6\$([^$]{1,16})\$[./0-9A-Za-z]{86}$/;

/** The short hostname and, with an fqdn, what `hostname -f` resolves. */
export function assertHostname(facts: GuestFacts, spec: Spec): void {
  const expected = spec.hostname ?? spec.fqdn?.split('.')[0];
  if (expected !== undefined) assert.equal(facts.hostname.hostname, expected, 'hostname');
  if (spec.fqdn !== undefined) assert.equal(facts.hostname.fqdn, spec.fqdn, 'hostname -f');
}

/** The user exists with its groups, shell, keys, sudo rules and password. */
export function assertUser(facts: GuestFacts, user: UserSpec): void {
  const found = facts.users.find((candidate) => candidate.name === user.name);
  assert.ok(found, `user ${user.name} missing; guest users: ${facts.users.map((u) => u.name).join(', ')}`);
  if (user.shell !== undefined) assert.equal(found.shell, user.shell, `${user.name}: shell`);
  for (const group of listGroups(user.groups)) {
    assert.ok(found.groups.includes(group), `${user.name}: not in group ${group} (${found.groups.join(' ')})`);
  }
  const keyLines = (found.authorized_keys ?? '').split('\n').map((line) => line.trim());
  for (const key of user.ssh_authorized_keys ?? []) {
    assert.ok(keyLines.includes(key.trim()), `${user.name}: authorized_keys lacks ${key.slice(0, 40)}...`);
  }
  assertSudo(facts, user);
  assertPassword(found, user);
}

function listGroups(groups: UserSpec['groups']): string[] {
  if (groups === undefined) return [];
  const list = typeof groups === 'string' ? groups.split(',') : groups;
  return list.map((group) => group.trim()).filter((group) => group !== '');
}

function assertSudo(facts: GuestFacts, user: UserSpec): void {
  if (user.sudo === undefined) return;
  const lines = Object.values(facts.sudoers).flatMap((text) => (text ?? '').split('\n').map((line) => line.trim()));
  const rules = user.sudo === false ? [] : typeof user.sudo === 'string' ? [user.sudo] : user.sudo;
  for (const rule of rules) {
    assert.ok(lines.includes(`${user.name} ${rule}`), `${user.name}: no sudoers line "${user.name} ${rule}"`);
  }
  if (user.sudo === false) {
    assert.ok(!lines.some((line) => line.startsWith(`${user.name} `)), `${user.name}: has a sudo rule`);
  }
}

function assertPassword(found: UserFact, user: UserSpec): void {
  if (user.password_hash !== undefined) {
    assert.equal(found.shadow_hash, user.password_hash, `${user.name}: shadow hash`);
  }
  if (user.password !== undefined) {
    assert.ok(found.shadow_hash, `${user.name}: no shadow entry`);
    assert.ok(verifySha512Crypt(found.shadow_hash, user.password), `${user.name}: shadow hash does not verify against the spec's password`);
  }
}

/**
 * Re-hashes the password with the salt of a SHA-512 crypt hash (openssl, an implementation
 * independent of ours) and compares. The password goes through stdin, never the command line.
 */
export function verifySha512Crypt(hash: string, password: string): boolean {
  const salt = SHA512_CRYPT.exec(hash)?.[1];
  assert.ok(salt, `not a SHA-512 crypt hash without rounds: ${hash}`);
  const rehashed = runTool('openssl', ['passwd', '-6', '-salt', salt, '-stdin'], { input: `${password}\n` });
  return rehashed.stdout.trim() === hash;
}
