/** A spec must be a tree of plain data: what the library refuses, by path, before the validator walks it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkPlainData, MAX_SPEC_DEPTH } from '../../src/common/plain-data.js';
import { cpuMillisSince } from '../helpers/cpu-time.js';

const LIMITS = { maxExpandedSize: 1_000_000, checkKinds: true };

test('plain data passes: text, numbers, booleans, null, lists, mappings, null-prototype mappings, dates', () => {
  const bare = Object.assign(Object.create(null) as object, { a: 1 });
  assert.deepEqual(checkPlainData({ a: 'x', b: [1, true, null], c: { d: new Date(0) }, e: bare, f: undefined }, LIMITS), []);
});

test('cycles, BigInt, Symbol, functions and Buffers are refused by field path', () => {
  const cyclic: Record<string, unknown> = { hostname: 'a' };
  cyclic['user_data'] = { cloud_config: { back: cyclic } };
  const spec = {
    users: [{ name: 'a', uid: 10n }],
    salt_seed: Symbol('s'),
    hostname: () => 'x',
    write_files: [{ path: '/a', content: Buffer.from('x') }],
    runcmd: [new Uint8Array(2)],
    nested: cyclic,
  };
  const issues = checkPlainData(spec, LIMITS);
  assert.deepEqual(
    issues.map((issue) => issue.path),
    ['users[0].uid', 'salt_seed', 'hostname', 'write_files[0].content', 'runcmd[0]', 'nested.user_data.cloud_config.back'],
  );
  assert.match(issues[0]!.message, /BigInt/);
  assert.match(issues[1]!.message, /Symbol/);
  assert.match(issues[2]!.message, /function/);
  assert.match(issues[3]!.message, /binary data/);
  assert.match(issues[5]!.message, /cycle/);
});

test('a shared (not cyclic) object is fine, and class instances and Symbol keys are refused', () => {
  const shared = { a: 1 };
  assert.deepEqual(checkPlainData({ x: shared, y: [shared, shared] }, LIMITS), []);
  assert.match(checkPlainData({ x: new Map() }, LIMITS)[0]!.message, /class Map/);
  assert.match(checkPlainData({ x: { [Symbol('k')]: 1 } }, LIMITS)[0]!.message, /Symbol key/);
});

test('__proto__, constructor and prototype keys are refused, not silently dropped', () => {
  const fromJson = JSON.parse('{"user_data": {"cloud_config": {"__proto__": {"x": 1}, "constructor": 2}}}') as unknown;
  assert.deepEqual(
    checkPlainData(fromJson, LIMITS).map((issue) => issue.path),
    ['user_data.cloud_config.__proto__', 'user_data.cloud_config.constructor'],
  );
});

test('deep nesting is refused at the depth limit, without running out of stack', () => {
  const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown;
  const issues = checkPlainData({ runcmd: deep }, LIMITS);
  assert.equal(issues.length, 1);
  assert.match(issues[0]!.message, new RegExp(`more than ${MAX_SPEC_DEPTH} levels`));
});

test('shared references are measured expanded but walked once: a doubling chain of 60 levels is refused at once', () => {
  let node: unknown = 'x'.repeat(100);
  for (let i = 0; i < 60; i += 1) node = [node, node];
  const started = process.cpuUsage();
  const issues = checkPlainData({ runcmd: node }, { maxExpandedSize: 1_000_000, checkKinds: false });
  assert.ok(cpuMillisSince(started) < 1000);
  assert.deepEqual(issues.map((issue) => issue.path), ['']);
  assert.match(issues[0]!.message, /expands to more than 1000000 characters/);
});
