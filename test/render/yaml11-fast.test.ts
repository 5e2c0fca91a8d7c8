/**
 * The fast path writes exactly what the `yaml` package writes with toYaml11's settings, or
 * declines: compared on seeded random values built from the strings YAML 1.1 treats specially.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Document } from 'yaml';
import { emitYaml11Fast } from '../../src/render/yaml11-fast.js';
import { toYaml11 } from '../../src/render/yaml11.js';

const STRINGS = [
  'x', 'web01', 'y', 'n', 'Y', 'yes', 'No', 'on', 'OFF', 'true', 'False', 'null', 'Null', '~', '', ' ', '0644', '644', '0x1F',
  '0b101', '1_000', '12:30', '1:2:3', '2020-01-01', '2020-01-01 10:00:00', '.5', '1.5', '1e3', '.inf', '-.INF', '.nan', '-', '?',
  '- a', '? a', 'a: b', 'a:b', 'a:', 'a #b', 'a#b', '#x', '%x', '@x', '`x', '!x', '&x', '*x', '|', '>', ',x', '[x', ']', '{x}',
  '---', '--- x', '...', '=', '<<', 'a"b', "a'b", 'a\\b', 'tab\there', ' lead', 'trail ', 'ünï', '10.0.0.1/24', '2001:db8::1/64',
  'ALL=(ALL) NOPASSWD:ALL', '$6$salt$hash', 'ssh-ed25519 AAAA key@host', '/etc/motd', 'a\nb\n', 'a\nb', 'a\n\nb\n', 'a\nb\n\n',
  '012', '0o17', '+1', '-0', '1:20:30', '190:20:30', '2001-12-14t21:59:43.10-05:00', '2002-12-14 21:59:43.10 -5', '🙂',
  `${'long '.repeat(60)}end`, ' a\nb\n', '\na\n', 'a \nb\n', 'a\n b\n', 'a\n  \n', '--- a\nb\n', 'x\n---\n', 'a\tb\nc\n', '#!/bin/sh\necho hi\n', 'a: b\nc\n',
];

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function randomValue(next: () => number, depth: number): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const roll = next();
  if (depth > 3 || roll < 0.45) return pick<unknown>([...STRINGS, 0, 7, -3, 1.5, 2 ** 60, true, false, null, undefined]);
  const size = Math.floor(next() * 4);
  if (roll < 0.7) return Array.from({ length: size }, () => randomValue(next, depth + 1));
  return Object.fromEntries(Array.from({ length: size }, () => [pick(STRINGS), randomValue(next, depth + 1)]));
}

test('the fast path agrees with the yaml package or declines', () => {
  const next = random(20261122);
  let taken = 0;
  for (let i = 0; i < 4000; i++) {
    const value = { key: randomValue(next, 0), [STRINGS[i % STRINGS.length]!]: randomValue(next, 1) };
    const fast = emitYaml11Fast(value);
    if (fast === undefined) continue;
    taken++;
    assert.equal(fast, toYaml11(value), JSON.stringify(value));
  }
  assert.ok(taken > 400, `the fast path took only ${taken} of 4000 values`);
});

test('a typical cloud-config takes the fast path', () => {
  const config = {
    hostname: 'web01',
    users: ['default', { name: 'admin', lock_passwd: false, hashed_passwd: '$6$salt$hash', ssh_authorized_keys: ['ssh-ed25519 AAAA me'] }],
    write_files: [{ path: '/etc/motd', content: 'Hello\n', permissions: '0644' }],
    runcmd: [['systemctl', 'enable', '--now', 'qemu-guest-agent']],
  };
  assert.equal(emitYaml11Fast(config), new Document(config, { version: '1.1' }).toString({ lineWidth: 0, minContentWidth: 0, blockQuote: 'literal' }));
});
