import assert from 'node:assert/strict';
import test from 'node:test';
import { parseSpec } from '../../src/parse/index.js';

const options = { baseDir: process.cwd() };

test('a valid spec gives a model and no issues', async () => {
  const { model, issues } = await parseSpec({ hostname: 'web01', write_files: [{ path: '/etc/motd', content: 'hi', permissions: '644' }] }, options);
  assert.deepStrictEqual(issues, []);
  assert.equal(model?.hostname, 'web01');
  assert.equal(model?.writeFiles[0]?.permissions, '0644');
});

test('a value parsed into the model reports its issue once, and no model comes out', async () => {
  const { model, issues } = await parseSpec({ hostname: 'web01', size: '12X', write_files: [{ path: '/a', content: 'x', permissions: 'rw' }] }, options);
  assert.equal(model, undefined);
  assert.deepStrictEqual(
    issues.map((issue) => issue.path),
    ['write_files[0].permissions', 'size'],
  );
});

test('network issues come once, beside the other checks', async () => {
  const { model, issues } = await parseSpec({ network: { ethernets: { eth0: { addresses: ['192.0.2.300/24'] } } } }, options);
  assert.equal(model, undefined);
  const paths = issues.map((issue) => issue.path);
  assert.deepStrictEqual(paths, ['hostname', 'network.ethernets.eth0.addresses[0]']);
});

test('the schema check comes first: a spec of the wrong shape gets only its shape issues', async () => {
  const { model, issues } = await parseSpec({ hostname: 42, size: 'nonsense' }, options);
  assert.equal(model, undefined);
  assert.deepStrictEqual(issues.map((issue) => issue.path), ['hostname']);
});
