import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { chooseNetworkConfigVersion } from '../../../src/parse/network/network-config-version.js';
import { normalizeNetwork } from '../../../src/parse/network/normalize.js';
import type { NetworkSpec } from '../../../src/input/network.js';

function model(spec: NetworkSpec) {
  const { network, issues } = normalizeNetwork(spec);
  assert.deepStrictEqual(issues, []);
  return network;
}

const DUAL_STACK = model({
  ethernets: {
    eth0: {
      addresses: ['192.0.2.10/24', '2001:db8::10/64'],
      routes: [{ to: 'default', via: '192.0.2.1' }, { to: '::/0', via: '2001:db8::1' }],
    },
  },
});
const ON_LINK = model({ ethernets: { eth0: { addresses: ['203.0.113.7/32'], routes: [{ to: 'default', via: '198.51.100.1', 'on-link': true }] } } });

test('without a request, v1: the form every cloud-init from 20.4 to 25.x reads without deprecations', () => {
  assert.equal(chooseNetworkConfigVersion(undefined, DUAL_STACK), 1);
  assert.equal(chooseNetworkConfigVersion(undefined, undefined), 1);
});

test('without a request, v2 for on-link routes, which only v2 carries', () => {
  assert.equal(chooseNetworkConfigVersion(undefined, ON_LINK), 2);
});

test('a requested version is kept', () => {
  assert.equal(chooseNetworkConfigVersion(2, DUAL_STACK), 2);
  assert.equal(chooseNetworkConfigVersion(1, ON_LINK), 1);
});
