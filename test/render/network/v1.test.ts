import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { SpecError } from '../../../src/errors.js';
import { normalizeNetwork } from '../../../src/parse/network/normalize.js';
import { renderNetworkV1 } from '../../../src/render/network/v1.js';
import type { NetworkSpec } from '../../../src/input/network.js';

function model(spec: NetworkSpec) {
  const { network, issues } = normalizeNetwork(spec);
  assert.deepStrictEqual(issues, []);
  return network;
}

test('v1: subnet gateway for the first plain default route per family, other routes by netmask on their subnet', () => {
  const network = model({
    ethernets: {
      eth0: {
        macaddress: '52:54:00:00:00:01',
        mtu: 1500,
        addresses: ['192.0.2.10/24', '198.51.100.10/24', '2001:db8::10/64'],
        routes: [
          { to: '10.0.0.0/8', via: '198.51.100.1', metric: 10 },
          { to: 'default', via: '192.0.2.1' },
          { to: 'default', via: '198.51.100.1', metric: 200 },
          { to: '::/0', via: '2001:db8::1', metric: 5 },
        ],
        nameservers: { addresses: ['192.0.2.53'], search: ['example.com'] },
      },
      eth1: { addresses: ['203.0.113.10/24'] },
    },
    nameservers: { addresses: ['192.0.2.54'], search: ['global.example'] },
  });
  assert.deepStrictEqual(renderNetworkV1(network), {
    version: 1,
    config: [
      {
        type: 'physical',
        name: 'eth0',
        mac_address: '52:54:00:00:00:01',
        mtu: 1500,
        subnets: [
          {
            type: 'static',
            address: '192.0.2.10/24',
            gateway: '192.0.2.1',
            dns_nameservers: ['192.0.2.53'],
            dns_search: ['example.com'],
          },
          {
            type: 'static',
            address: '198.51.100.10/24',
            routes: [
              { network: '10.0.0.0', netmask: '255.0.0.0', gateway: '198.51.100.1', metric: 10 },
              { network: '0.0.0.0', netmask: '0.0.0.0', gateway: '198.51.100.1', metric: 200 },
            ],
          },
          {
            type: 'static6',
            address: '2001:db8::10/64',
            routes: [{ network: '::', netmask: '::', gateway: '2001:db8::1', metric: 5 }],
          },
        ],
      },
      // The global nameservers stay global: cloud-init applies them to eth1 itself.
      { type: 'physical', name: 'eth1', subnets: [{ type: 'static', address: '203.0.113.10/24' }] },
      { type: 'nameserver', address: ['192.0.2.54'], search: ['global.example'] },
    ],
  });
});

test('v1: DHCP subnets, bonds with bond-* params, VLANs after the devices they use', () => {
  const network = model({
    ethernets: { eth0: { macaddress: '52:54:00:00:00:01' }, eth1: { macaddress: '52:54:00:00:00:02' } },
    bonds: {
      bond0: {
        interfaces: ['eth0', 'eth1'],
        parameters: { mode: 'active-backup', 'mii-monitor-interval': 100, primary: 'eth1' },
        dhcp4: true,
        dhcp6: true,
      },
    },
    vlans: { 'bond0.3': { id: 3, link: 'bond0', macaddress: '52:54:00:00:00:33', addresses: ['192.0.2.3/24'] } },
  });
  assert.deepStrictEqual(renderNetworkV1(network)['config'], [
    { type: 'physical', name: 'eth0', mac_address: '52:54:00:00:00:01' },
    { type: 'physical', name: 'eth1', mac_address: '52:54:00:00:00:02' },
    {
      type: 'bond',
      name: 'bond0',
      bond_interfaces: ['eth0', 'eth1'],
      params: { 'bond-mode': 'active-backup', 'bond-miimon': 100, 'bond-primary': 'eth1' },
      subnets: [{ type: 'dhcp4' }, { type: 'dhcp6' }],
    },
    {
      type: 'vlan',
      name: 'bond0.3',
      vlan_link: 'bond0',
      vlan_id: 3,
      mac_address: '52:54:00:00:00:33',
      subnets: [{ type: 'static', address: '192.0.2.3/24' }],
    },
  ]);
});

test('v1: 802.3ad parameters use the names of cloud-init\'s v1 schema (25.x warns at boot on bond-xmit-hash-policy)', () => {
  const network = model({
    ethernets: { eth0: {}, eth1: {} },
    bonds: { bond0: { interfaces: ['eth0', 'eth1'], parameters: { mode: '802.3ad', 'transmit-hash-policy': 'layer2+3', 'lacp-rate': 'slow' } } },
  });
  const bond = (renderNetworkV1(network)['config'] as Record<string, unknown>[])[2];
  assert.deepStrictEqual(bond?.['params'], { 'bond-mode': '802.3ad', 'bond-xmit_hash_policy': 'layer2+3', 'bond-lacp_rate': 'slow' });
});

test('v1 refuses on-link routes, naming the route', () => {
  const network = model({ ethernets: { eth0: { addresses: ['203.0.113.7/32'], routes: [{ to: 'default', via: '198.51.100.1', 'on-link': true }] } } });
  assert.throws(
    () => renderNetworkV1(network),
    (error: unknown) => error instanceof SpecError && /^network\.ethernets\.eth0\.routes\[0\]: cloud-init v1 network config cannot express on-link routes/.test(error.message),
  );
});
