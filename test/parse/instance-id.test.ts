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
