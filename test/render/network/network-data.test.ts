import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { SpecError } from '../../../src/errors.js';
import { normalizeNetwork } from '../../../src/parse/network/normalize.js';
import { renderNetworkData } from '../../../src/render/network/network-data.js';
import type { NetworkSpec } from '../../../src/input/network.js';

function model(spec: NetworkSpec) {
  const { network, issues } = normalizeNetwork(spec);
  assert.deepStrictEqual(issues, []);
  return network;
}

test('network_data.json: links, networks with routes and DNS, global services, in a fixed key order', () => {
  const network = model({
    ethernets: {
      eth0: {
        macaddress: '52:54:00:00:00:01',
        mtu: 9000,
        addresses: ['192.0.2.10/24', '2001:db8::10/64'],
        routes: [{ to: 'default', via: '192.0.2.1' }, { to: '::/0', via: '2001:db8::1', metric: 5 }, { to: '10.0.0.0/8', via: '192.0.2.254', metric: 100 }],
        nameservers: { addresses: ['192.0.2.53', '2001:db8::53'], search: ['example.com'] },
      },
      eth1: { macaddress: '52:54:00:00:00:02', dhcp6: true, addresses: ['203.0.113.10/24'] },
      eth2: { macaddress: '52:54:00:00:00:03', dhcp4: true },
    },
    nameservers: { addresses: ['198.51.100.53', '198.51.100.54'], search: ['global.example'] },
  });
  const rendered = renderNetworkData(network);
  assert.equal(
    JSON.stringify(rendered),
    JSON.stringify({
      links: [
        { id: 'eth0', name: 'eth0', type: 'phy', ethernet_mac_address: '52:54:00:00:00:01', mtu: 9000 },
        { id: 'eth1', name: 'eth1', type: 'phy', ethernet_mac_address: '52:54:00:00:00:02' },
        { id: 'eth2', name: 'eth2', type: 'phy', ethernet_mac_address: '52:54:00:00:00:03' },
      ],
      networks: [
        {
          id: 'network0',
          type: 'ipv4',
          link: 'eth0',
          ip_address: '192.0.2.10',
          netmask: '255.255.255.0',
          routes: [
            { network: '0.0.0.0', netmask: '0.0.0.0', gateway: '192.0.2.1' },
            { network: '10.0.0.0', netmask: '255.0.0.0', gateway: '192.0.2.254', metric: 100 },
          ],
          services: [
            { type: 'dns', address: '192.0.2.53' },
            { type: 'dns', address: '2001:db8::53' },
          ],
          dns_nameservers: ['192.0.2.53', '2001:db8::53'],
          dns_search: ['example.com'],
        },
        {
          id: 'network1',
          type: 'ipv6',
          link: 'eth0',
          ip_address: '2001:db8::10',
          netmask: 'ffff:ffff:ffff:ffff::',
          routes: [{ network: '::', netmask: '::', gateway: '2001:db8::1', metric: 5 }],
          services: [],
        },
        { id: 'network2', type: 'ipv6_dhcp', link: 'eth1' },
        { id: 'network3', type: 'ipv4', link: 'eth1', ip_address: '203.0.113.10', netmask: '255.255.255.0', routes: [], services: [] },
        { id: 'network4', type: 'ipv4_dhcp', link: 'eth2' },
      ],
      services: [
        { type: 'dns', address: '198.51.100.53', search: ['global.example'] },
        { type: 'dns', address: '198.51.100.54' },
      ],
    }),
  );
  assert.ok(!JSON.stringify(rendered).includes('"gateway":"192.0.2.1","'), 'no network-level gateway');
});

test('network_data.json: bonds without a MAC, VLANs with their link\'s MAC', () => {
  const network = model({
    ethernets: { eth0: { macaddress: '52:54:00:00:00:01' }, eth1: { macaddress: '52:54:00:00:00:02' }, eth2: { macaddress: '52:54:00:00:00:03' } },
    bonds: { bond0: { interfaces: ['eth1', 'eth0'], parameters: { mode: '802.3ad', 'mii-monitor-interval': 100, 'transmit-hash-policy': 'layer3+4', 'lacp-rate': 'fast' } } },
    vlans: { 'bond0.10': { id: 10, link: 'bond0', dhcp4: true }, 'eth2.11': { id: 11, link: 'eth2', macaddress: '52:54:00:00:00:11' }, 'eth2.12': { id: 12, link: 'eth2' } },
  });
  assert.deepStrictEqual(renderNetworkData(network)['links'], [
    { id: 'eth0', name: 'eth0', type: 'phy', ethernet_mac_address: '52:54:00:00:00:01' },
    { id: 'eth1', name: 'eth1', type: 'phy', ethernet_mac_address: '52:54:00:00:00:02' },
    { id: 'eth2', name: 'eth2', type: 'phy', ethernet_mac_address: '52:54:00:00:00:03' },
    {
      id: 'bond0',
      name: 'bond0',
      type: 'bond',
      bond_links: ['eth1', 'eth0'],
      bond_mode: '802.3ad',
      bond_miimon: 100,
      bond_xmit_hash_policy: 'layer3+4',
      bond_lacp_rate: 'fast',
    },
    { id: 'bond0.10', type: 'vlan', vlan_link: 'bond0', vlan_id: 10, vlan_mac_address: '52:54:00:00:00:02' },
    { id: 'eth2.11', type: 'vlan', vlan_link: 'eth2', vlan_id: 11, vlan_mac_address: '52:54:00:00:00:11' },
    { id: 'eth2.12', type: 'vlan', vlan_link: 'eth2', vlan_id: 12, vlan_mac_address: '52:54:00:00:00:03' },
  ]);
});

test('network_data.json refuses a physical link without a MAC, naming it and the fix', () => {
  const network = model({ ethernets: { eth0: { dhcp4: true } } });
  assert.throws(
    () => renderNetworkData(network),
    (error: unknown) =>
      error instanceof SpecError &&
      error.issues.length === 1 &&
      error.issues[0]?.path === 'network.ethernets.eth0' &&
      /ethernet_mac_address.*add match: \{macaddress: \.\.\.\}/.test(error.message),
  );
});
