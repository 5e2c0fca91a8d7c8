/** Build warnings for NoCloud network-config v2 forms that newer cloud-init warns about at boot. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { prepareModel } from '../../src/seed.js';
import { collectWarnings } from '../../src/render/warnings.js';

const DUAL_STACK = {
  ethernets: {
    eth0: {
      addresses: ['192.0.2.10/24', '2001:db8::10/64'],
      routes: [{ to: 'default', via: '192.0.2.1' }, { to: '::/0', via: '2001:db8::1' }],
    },
  },
};
const ON_LINK = { ethernets: { eth0: { addresses: ['203.0.113.7/32'], routes: [{ to: 'default', via: '198.51.100.1', 'on-link': true }] } } };

async function warningsOf(spec: Record<string, unknown>): Promise<string[]> {
  return collectWarnings(await prepareModel({ hostname: 'h1', ...spec }));
}

test('the default (v1) dual-stack network: no warning', async () => {
  assert.deepEqual(await warningsOf({ network: DUAL_STACK }), []);
});

test('v2 for cloud-init before 23.1 with an IPv6 default route: gateway6, deprecated from 22.4', async () => {
  const [warning, ...rest] = await warningsOf({ network: DUAL_STACK, network_config_version: 2 });
  assert.deepEqual(rest, []);
  assert.match(warning ?? '', /gateway6, which cloud-init 22\.4\+ logs as deprecated/);
  assert.deepEqual(await warningsOf({ network: DUAL_STACK, network_config_version: 2, cloud_init_version: '23.1' }), []);
  // Config drives carry the route in network_data.json: nothing to warn about.
  assert.deepEqual(await warningsOf({ network: { ethernets: { eth0: { ...DUAL_STACK.ethernets.eth0, macaddress: '52:54:00:00:00:01' } } }, datasource: 'configdrive' }), []);
});

test('on-link routes (v2 by default): the 24.x+ schema warning is announced', async () => {
  const warnings = await warningsOf({ network: ON_LINK });
  assert.equal(warnings.length, 1);
  assert.match(warnings[0] ?? '', /on-link routes need network-config v2/);
});

test('lock_passwd: false without a password: the 24.3+ "Not unlocking password" warning is announced', async () => {
  const [warning, ...rest] = await warningsOf({ users: [{ name: 'ops', lock_passwd: false }] });
  assert.deepEqual(rest, []);
  assert.match(warning ?? '', /^user ops has lock_passwd: false but no password/);
  const hash = '$6$saltsalt$Sd5XUaS5DW3hUejh0g9ex9gJqzUxhIfYiD3zXYWKXYM4ayU2rIDmsHe1fyr5dwtWcFHXUGNyAoJ1tZEJ7qH4O.';
  assert.deepEqual(await warningsOf({ users: [{ name: 'ops', lock_passwd: false, password_hash: hash }] }), []);
  assert.deepEqual(await warningsOf({ users: [{ name: 'root', lock_passwd: false }] }), []);
});
