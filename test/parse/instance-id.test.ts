import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderSeed } from '../../src/seed.js';

const base = { hostname: 'web01', users: [{ name: 'admin', password: 'pw one' }], runcmd: ['echo hi'] };

test('the derived instance-id is stable across builds despite random password salts', async () => {
  const first = await renderSeed(base);
  const second = await renderSeed(base);
  assert.notEqual(first.model.users[0]!.passwordHash, second.model.users[0]!.passwordHash, 'salts are random');
  assert.equal(first.instanceId, second.instanceId);
  assert.equal(first.instanceIdDerived, true);
  assert.match(first.instanceId, /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('the derived instance-id changes when any rendered content changes', async () => {
  const id = (await renderSeed(base)).instanceId;
  const variants = [
    { ...base, hostname: 'web02' },
    { ...base, users: [{ name: 'admin', password: 'pw two' }] },
    { ...base, runcmd: ['echo bye'] },
    { ...base, write_files: [{ path: '/etc/x', content: 'x' }] },
    { ...base, datasource: 'configdrive' },
  ];
  for (const variant of variants) {
    assert.notEqual((await renderSeed(variant)).instanceId, id, JSON.stringify(variant));
  }
});

test('the image format does not change the instance-id (same content, same instance)', async () => {
  const iso = await renderSeed(base, { filesystem: 'iso9660' });
  const vfat = await renderSeed(base, { filesystem: 'vfat' });
  assert.equal(iso.instanceId, vfat.instanceId);
});

test('a given instance-id is used as is', async () => {
  const seed = await renderSeed({ ...base, instance_id: 'iid-web01' });
  assert.equal(seed.instanceId, 'iid-web01');
  assert.equal(seed.instanceIdDerived, false);
});

test('the derived instance-id hashes keys and strings exactly as JSON writes them (quotes, escapes, non-ASCII, key order)', async () => {
  // Pinned: the id must not move when the canonical JSON is built differently.
  const spec = {
    hostname: 'web01',
    user_data: {
      cloud_config: {
        Zeta: 1,
        alpha: 'quote " and \\ back',
        é: 'ünïcode 😀',
        'b\u0001': [null, true, 2.5],
        _x: { B: 'tab\there', a: '' },
      },
    },
    meta: { Key: 'v', key: '\u007f' },
  };
  assert.equal((await renderSeed(spec)).instanceId, '8d5a62c5-fd8d-866d-8657-3d1ea9831393');
});
