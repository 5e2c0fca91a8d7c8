/** What a datasource's network rendering cannot express is refused at validation, before any work. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateSpec } from '../../src/seed.js';

const bonded = {
  hostname: 'b',
  network: {
    ethernets: {
      eth0: { match: { macaddress: '52:54:00:00:00:01' } },
      eth1: { match: { macaddress: '52:54:00:00:00:02' } },
    },
    bonds: { bond0: { interfaces: ['eth0', 'eth1'], dhcp4: true, parameters: { mode: 'active-backup' } } },
  },
};

test('oVirt payloads carry ENI, which cannot express bonds: refused with the field path', async () => {
  const { issues } = await validateSpec({ ...bonded, datasource: 'ovirt' });
  assert.ok(issues.some((issue) => issue.path.startsWith('network.bonds.bond0')), JSON.stringify(issues));
});

test('the same bond is fine for NoCloud and config drives', async () => {
  assert.deepEqual(await validateSpec({ ...bonded, datasource: 'nocloud' }), { ok: true, issues: [] });
  assert.deepEqual(await validateSpec({ ...bonded, datasource: 'configdrive' }), { ok: true, issues: [] });
});

test('a config-drive NIC without a MAC is refused, saying how to fix it', async () => {
  const { issues } = await validateSpec({ hostname: 'c', datasource: 'configdrive', network: { ethernets: { eth0: { dhcp4: true } } } });
  assert.equal(issues.length, 1);
  assert.match(issues[0]!.path, /^network\.ethernets\.eth0/);
  assert.match(issues[0]!.message, /macaddress/);
});
