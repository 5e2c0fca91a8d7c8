import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { networkSpecFromConfig } from '../../../src/cli/flags/network-config-file.js';

test('a version 1 physical interface with a static subnet becomes a netplan ethernet found by its MAC', () => {
  const { network, issues } = networkSpecFromConfig(
    {
      version: 1,
      config: [
        {
          type: 'physical',
          name: 'eth0',
          mac_address: '52:54:00:12:34:56',
          mtu: 1400,
          subnets: [
            { type: 'static', address: '192.0.2.10', netmask: '255.255.255.0', gateway: '192.0.2.1', dns_nameservers: ['192.0.2.53'] },
            { type: 'static6', address: '2001:db8::10/64', routes: [{ network: '10.0.0.0', netmask: '255.0.0.0', gateway: '192.0.2.254', metric: 5 }] },
            { type: 'dhcp6' },
          ],
        },
        { type: 'nameserver', address: ['192.0.2.54'], search: ['example.com'] },
      ],
    },
    '--network-config',
  );
  assert.deepStrictEqual(issues, []);
  assert.deepStrictEqual(network, {
    version: 2,
    ethernets: {
      eth0: {
        match: { macaddress: '52:54:00:12:34:56' },
        'set-name': 'eth0',
        mtu: 1400,
        dhcp6: true,
        addresses: ['192.0.2.10/24', '2001:db8::10/64'],
        routes: [{ to: 'default', via: '192.0.2.1' }, { to: '10.0.0.0/8', via: '192.0.2.254', metric: 5 }],
        // The global nameservers follow the interface's own: v1 applies them system-wide.
        nameservers: { addresses: ['192.0.2.53', '192.0.2.54'], search: ['example.com'] },
      },
    },
  });
});

test('version 1 bonds and VLANs keep their members, parameters, ids and links', () => {
  const { network, issues } = networkSpecFromConfig(
    {
      network: {
        version: 1,
        config: [
          { type: 'physical', name: 'eth0', mac_address: '52:54:00:00:00:01' },
          { type: 'physical', name: 'eth1', mac_address: '52:54:00:00:00:02' },
          { type: 'bond', name: 'bond0', bond_interfaces: ['eth0', 'eth1'], params: { 'bond-mode': 'active-backup', 'bond-miimon': 100 }, subnets: [{ type: 'dhcp' }] },
          { type: 'vlan', name: 'bond0.10', vlan_link: 'bond0', vlan_id: 10, subnets: [{ type: 'static', address: '198.51.100.5/24' }] },
        ],
      },
    },
    '--network-config',
  );
  assert.deepStrictEqual(issues, []);
  assert.deepStrictEqual(network?.bonds, { bond0: { interfaces: ['eth0', 'eth1'], parameters: { mode: 'active-backup', 'mii-monitor-interval': 100 }, dhcp4: true } });
  assert.deepStrictEqual(network?.vlans, { 'bond0.10': { id: 10, link: 'bond0', addresses: ['198.51.100.5/24'] } });
});

test('version 2 is taken as written, without the network: wrapper and renderer', () => {
  const v2 = { version: 2, renderer: 'networkd', ethernets: { eth0: { dhcp4: true } } };
  assert.deepStrictEqual(networkSpecFromConfig({ network: v2 }, '--network-config'), { network: { version: 2, ethernets: { eth0: { dhcp4: true } } }, issues: [] });
});

test('what cloudseed cannot represent is refused by the flag and the key, never dropped', () => {
  const { network, issues } = networkSpecFromConfig(
    { version: 1, config: [{ type: 'bridge', name: 'br0' }, { type: 'physical', name: 'eth0', accept_ra: true, subnets: [{ type: 'ipv6_slaac' }] }] },
    '--network-config',
  );
  assert.equal(network, undefined);
  assert.deepStrictEqual(
    issues.map((issue) => `${issue.path}: ${issue.message.split(' (')[0]}`),
    ['--network-config: config[0].type: \'bridge\' is not supported', '--network-config: config[1].accept_ra: is not supported by cloudseed', "--network-config: config[1].subnets[0].type: 'ipv6_slaac' is not supported"],
  );
  assert.match(networkSpecFromConfig({ config: [] }, '--network-config').issues[0]!.message, /version must be 1 or 2/);
  assert.match(networkSpecFromConfig('eth0', '--network-config').issues[0]!.message, /must be a mapping/);
});
