import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deriveSalt, generateSalt, hashPassword } from '../../src/parse/password.js';
import { runTool } from '../helpers/tools.js';

const CRYPT_ALPHABET = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SALT = /^[./0-9A-Za-z]{16}$/;

test('generateSalt gives 16 crypt characters and reaches all 64 of them', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const salt = generateSalt();
    assert.match(salt, SALT);
    for (const c of salt) seen.add(c);
  }
  assert.deepEqual([...seen].sort(), [...CRYPT_ALPHABET].sort());
});

test('generateSalt maps every byte value evenly: each character from exactly 4 of the 256 bytes', () => {
  const counts = new Map<string, number>();
  for (let start = 0; start < 256; start += 16) {
    const salt = generateSalt((n) => Uint8Array.from({ length: n }, (_, i) => start + i));
    for (const c of salt) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  assert.equal(counts.size, 64);
  assert.ok([...counts.values()].every((count) => count === 4));
});

test('generateSalt uses the injected random source, asking for 16 bytes', () => {
  const requests: number[] = [];
  const salt = generateSalt((n) => {
    requests.push(n);
    return new Uint8Array(n).fill(63);
  });
  assert.deepEqual(requests, [16]);
  assert.equal(salt, 'z'.repeat(16));
  assert.equal(generateSalt((n) => new Uint8Array(n)), '.'.repeat(16));
  assert.throws(() => generateSalt(() => new Uint8Array(8)), RangeError);
});

test('deriveSalt is stable and differs by seed and by context', () => {
  const salt = deriveSalt('build-seed', 'user:alice');
  assert.match(salt, SALT);
  assert.equal(deriveSalt('build-seed', 'user:alice'), salt);
  assert.notEqual(deriveSalt('build-seed', 'user:bob'), salt);
  assert.notEqual(deriveSalt('other-seed', 'user:alice'), salt);
  // Seed and context are not interchangeable (HMAC key vs message).
  assert.notEqual(deriveSalt('user:alice', 'build-seed'), salt);
});

test('hashPassword with a seed is reproducible per user and different across users', () => {
  const alice = hashPassword('secret', { saltSeed: 'seed', context: 'user:alice' });
  assert.equal(hashPassword('secret', { saltSeed: 'seed', context: 'user:alice' }), alice);
  assert.notEqual(hashPassword('secret', { saltSeed: 'seed', context: 'user:bob' }), alice);
  assert.equal(alice.split('$')[2], deriveSalt('seed', 'user:alice'));
});

test('hashPassword without a seed uses fresh salts that openssl verifies', () => {
  const hashes = new Set<string>();
  for (const password of ['secret', 'pässwörd 🔑', '']) {
    const hash = hashPassword(password, { context: 'user:alice' });
    hashes.add(hash);
    assert.match(hash, /^\$6\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{86}$/);
    const salt = hash.split('$')[2]!;
    // openssl passwd cannot hash the empty password; mkpasswd checks that one.
    const rehashed = password === ''
      ? runTool('mkpasswd', ['-m', 'sha-512', '-S', salt, '--stdin'], { input: '' }).stdout.trim()
      : runTool('openssl', ['passwd', '-6', '-salt', salt, password]).stdout.trim();
    assert.equal(rehashed, hash);
  }
  assert.equal(hashes.size, 3);
  assert.notEqual(hashPassword('secret', { context: 'user:alice' }), hashPassword('secret', { context: 'user:alice' }));
});
