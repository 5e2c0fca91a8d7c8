import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { Issue } from '../../../src/errors.js';
import { normalizeNetwork } from '../../../src/parse/network/normalize.js';
import type { NetworkSpec } from '../../../src/input/network.js';

function valid(spec: NetworkSpec) {
  const { network, issues } = normalizeNetwork(spec);
  assert.deepStrictEqual(issues, []);
  return network;
}

function issuesOf(spec: NetworkSpec): readonly Issue[] {
  return normalizeNetwork(spec).issues;
}

/** Asserts exactly one issue, at `path`, whose message matches. */
function assertIssue(spec: NetworkSpec, path: string, message: RegExp): void {
  const issues = issuesOf(spec);
  assert.equal(issues.length, 1, JSON.stringify(issues, null, 2));
  assert.equal(issues[0]?.path, path);
  assert.match(issues[0]?.message ?? '', message);
}

const MAC = '52:54:00:12:34:56';

test('a full ethernet is normalized: parsed addresses, explicit default routes, resolved name and MAC', () => {
  const network = valid({
    ethernets: {
      nic0: {
        match: { macaddress: '52:54:00:AB:CD:EF' },
        'set-name': 'lan0',
        addresses: ['192.0.2.10/24', '2001:db8::10/64'],
        gateway4: '192.0.2.1',
        routes: [
          { to: 'default', via: '2001:db8::1', metric: 10 },
          { to: '10.0.0.0/8', via: '192.0.2.254', metric: 100 },
        ],
        nameservers: { addresses: ['192.0.2.53'], search: ['example.com'] },
        mtu: 1500,
      },
    },
  });
  const [ethernet] = network.ethernets;
  assert.ok(ethernet);
  assert.equal(ethernet.name, 'lan0');
  assert.equal(ethernet.path, 'network.ethernets.nic0');
  assert.equal(ethernet.mac, '52:54:00:ab:cd:ef');
  assert.equal(ethernet.mtu, 1500);
  assert.deepStrictEqual(ethernet.addresses.map((a) => [a.family, a.address, a.prefixLength, a.netmask]), [
    [4, '192.0.2.10', 24, '255.255.255.0'],
    [6, '2001:db8::10', 64, 'ffff:ffff:ffff:ffff::'],
  ]);
  assert.deepStrictEqual(
    ethernet.routes.map((r) => [r.path, r.to.cidr, r.via.address, r.metric, r.isDefault, r.onLink]),
    [
      ['network.ethernets.nic0.gateway4', '0.0.0.0/0', '192.0.2.1', null, true, false],
      ['network.ethernets.nic0.routes[0]', '::/0', '2001:db8::1', 10, true, false],
      ['network.ethernets.nic0.routes[1]', '10.0.0.0/8', '192.0.2.254', 100, false, false],
    ],
  );
  assert.deepStrictEqual(ethernet.dns, { nameservers: [{ family: 4, address: '192.0.2.53' }], search: ['example.com'] });
  assert.deepStrictEqual(ethernet.effectiveDns, ethernet.dns);
});

test('defaults are filled in: no DHCP, no MTU, bond mode balance-rr, names from keys', () => {
  const network = valid({
    ethernets: { eth1: {}, eth2: {}, eth3: { match: { name: 'ens3' }, dhcp4: true } },
    bonds: { bond0: { interfaces: ['eth1', 'eth2'], addresses: ['192.0.2.5/24'] } },
    vlans: { 'bond0.7': { id: 7, link: 'bond0', dhcp6: true } },
  });
  assert.deepStrictEqual(network.ethernets.map((e) => [e.name, e.mac, e.dhcp4, e.dhcp6, e.mtu]), [
    ['eth1', null, false, false, null],
    ['eth2', null, false, false, null],
    ['ens3', null, true, false, null],
  ]);
  assert.deepStrictEqual(network.bonds[0]?.parameters, { mode: 'balance-rr', miimon: null, transmitHashPolicy: null, lacpRate: null, primary: null });
  assert.deepStrictEqual(network.bonds[0]?.members, ['eth1', 'eth2']);
  assert.equal(network.vlans[0]?.link, 'bond0');
  assert.equal(network.vlans[0]?.name, 'bond0.7');
});

test('bond members and primary resolve through ids to guest names', () => {
  const network = valid({
    ethernets: {
      a: { match: { macaddress: MAC }, 'set-name': 'left' },
      b: { match: { macaddress: '52:54:00:12:34:57' }, 'set-name': 'right' },
    },
    bonds: { bond0: { interfaces: ['a', 'b'], parameters: { mode: 'active-backup', primary: 'b', 'mii-monitor-interval': 100 } } },
    vlans: { 'bond0.5': { id: 5, link: 'bond0' } },
  });
  assert.deepStrictEqual(network.bonds[0]?.members, ['left', 'right']);
  assert.equal(network.bonds[0]?.parameters.primary, 'right');
  assert.equal(network.bonds[0]?.parameters.miimon, 100);
});

test('global nameservers serve statically addressed interfaces without their own', () => {
  const network = valid({
    ethernets: {
      eth0: { addresses: ['192.0.2.10/24'] },
      eth1: { addresses: ['198.51.100.10/24'], nameservers: { addresses: ['198.51.100.53'] } },
      eth2: { dhcp4: true },
    },
    nameservers: { addresses: ['192.0.2.53'], search: ['example.com'] },
  });
  const [eth0, eth1, eth2] = network.ethernets;
  assert.deepStrictEqual(eth0?.effectiveDns, network.dns);
  assert.deepStrictEqual(eth0?.dns, { nameservers: [], search: [] });
  assert.deepStrictEqual(eth1?.effectiveDns.nameservers.map((n) => n.address), ['198.51.100.53']);
  assert.deepStrictEqual(eth2?.effectiveDns, { nameservers: [], search: [] });
});

test('an on-link gateway may lie outside every subnet', () => {
  const network = valid({ ethernets: { eth0: { addresses: ['203.0.113.7/32'], routes: [{ to: 'default', via: '198.51.100.1', 'on-link': true }] } } });
  assert.equal(network.ethernets[0]?.routes[0]?.onLink, true);
});

test('invalid addresses are reported with their index', () => {
  const spec = (address: string): NetworkSpec => ({ ethernets: { eth0: { addresses: ['192.0.2.10/24', address] } } });
  assertIssue(spec('1.2.3/24'), 'network.ethernets.eth0.addresses[1]', /"1\.2\.3" is not a valid IPv4 address/);
  assertIssue(spec('0x7f.0.0.1/8'), 'network.ethernets.eth0.addresses[1]', /not a valid IPv4 address/);
  assertIssue(spec('01.2.3.4/8'), 'network.ethernets.eth0.addresses[1]', /not a valid IPv4 address/);
  assertIssue(spec('fe80::1%eth0/64'), 'network.ethernets.eth0.addresses[1]', /zone id/);
  assertIssue(spec('198.51.100.1/33'), 'network.ethernets.eth0.addresses[1]', /invalid prefix length "\/33"/);
  assertIssue(spec('2001:db8::1/129'), 'network.ethernets.eth0.addresses[1]', /invalid prefix length "\/129"/);
  assertIssue(spec('198.51.100.1/024'), 'network.ethernets.eth0.addresses[1]', /invalid prefix length "\/024"/);
  assertIssue(spec('198.51.100.1'), 'network.ethernets.eth0.addresses[1]', /has no prefix length/);
  assertIssue(spec('198.51.100.0/24'), 'network.ethernets.eth0.addresses[1]', /network or broadcast address/);
  assertIssue(spec('192.0.2.10/24'), 'network.ethernets.eth0.addresses[1]', /listed twice/);
});

test('a gateway outside every subnet of its interface is refused unless on-link', () => {
  assertIssue(
    { ethernets: { eth0: { addresses: ['192.0.2.10/24'], routes: [{ to: 'default', via: '198.51.100.1' }] } } },
    'network.ethernets.eth0.routes[0]',
    /gateway 198\.51\.100\.1 is not inside any subnet of eth0 \(its IPv4 subnets: 192\.0\.2\.0\/24\); .*on-link: true/,
  );
  assertIssue(
    { ethernets: { eth0: { addresses: ['192.0.2.10/24'], gateway6: '2001:db8::1' } } },
    'network.ethernets.eth0.gateway6',
    /it has no static IPv6 address/,
  );
  assertIssue({ ethernets: { eth0: { dhcp4: true, gateway4: '192.0.2.1' } } }, 'network.ethernets.eth0.gateway4', /no static IPv4 address/);
  assertIssue({ ethernets: { eth0: { addresses: ['192.0.2.10/24'], gateway4: '2001:db8::1' } } }, 'network.ethernets.eth0.gateway4', /not an IPv4 address/);
});

test('route destinations must be networks of the gateway family, without duplicates', () => {
  const eth0 = (routes: NonNullable<NetworkSpec['ethernets']>[string]['routes']): NetworkSpec => ({
    ethernets: { eth0: { addresses: ['192.0.2.10/24', '2001:db8::10/64'], routes } },
  });
  assertIssue(eth0([{ to: '10.1.2.3/8', via: '192.0.2.1' }]), 'network.ethernets.eth0.routes[0]', /host bits set; the network is 10\.0\.0\.0\/8/);
  assertIssue(eth0([{ to: '10.0.0.0/8', via: '2001:db8::1' }]), 'network.ethernets.eth0.routes[0]', /different address families/);
  assertIssue(eth0([{ to: '10.0.0.0', via: '192.0.2.1' }]), 'network.ethernets.eth0.routes[0]', /^to: .*no prefix length/);
  assertIssue(eth0([{ to: '10.0.0.0/8', via: '192.0.2.300' }]), 'network.ethernets.eth0.routes[0]', /^via: .*not a valid IPv4 address/);
  assertIssue(
    eth0([
      { to: '10.0.0.0/8', via: '192.0.2.1', metric: 5 },
      { to: '10.0.0.0/8', via: '192.0.2.2', metric: 5 },
    ]),
    'network.ethernets.eth0.routes[1]',
    /already set by network\.ethernets\.eth0\.routes\[0\]/,
  );
  assertIssue(
    { ethernets: { eth0: { addresses: ['192.0.2.10/24'], gateway4: '192.0.2.1', routes: [{ to: '0.0.0.0/0', via: '192.0.2.2' }] } } },
    'network.ethernets.eth0.routes[0]',
    /already set by network\.ethernets\.eth0\.gateway4/,
  );
});

test('two default routes of one family and metric on different interfaces are refused', () => {
  assertIssue(
    {
      ethernets: {
        eth0: { addresses: ['192.0.2.10/24'], gateway4: '192.0.2.1' },
        eth1: { addresses: ['198.51.100.10/24'], gateway4: '198.51.100.1' },
      },
    },
    'network.ethernets.eth1.gateway4',
    /network\.ethernets\.eth0\.gateway4 is already a default route with the same metric/,
  );
});

test('duplicate ids, names, MACs and addresses are refused', () => {
  assertIssue({ ethernets: { eth0: {} }, bonds: { eth0: { interfaces: ['eth0'] } } }, 'network.bonds.eth0', /the id "eth0" is also used by network\.ethernets\.eth0/);
  assertIssue(
    { ethernets: { eth0: {}, nic: { match: { macaddress: MAC }, 'set-name': 'eth0' } } },
    'network.ethernets.nic',
    /the interface name "eth0" is also used by network\.ethernets\.eth0/,
  );
  assertIssue(
    { ethernets: { eth0: { match: { macaddress: MAC } }, eth1: { macaddress: MAC.toUpperCase() } } },
    'network.ethernets.eth1',
    /MAC 52:54:00:12:34:56 is also used by network\.ethernets\.eth0/,
  );
  assertIssue(
    { ethernets: { eth0: { addresses: ['192.0.2.10/24'] }, eth1: { addresses: ['192.0.2.10/25'] } } },
    'network.ethernets.eth1.addresses[0]',
    /192\.0\.2\.10 is also assigned to eth0/,
  );
});

test('MACs and interface names must be well formed', () => {
  assertIssue({ ethernets: { eth0: { match: { macaddress: '52:54:00:12:34' } } } }, 'network.ethernets.eth0.match.macaddress', /not a MAC address/);
  assertIssue({ ethernets: { eth0: { macaddress: '52-54-00-12-34-56' } } }, 'network.ethernets.eth0.macaddress', /not a MAC address/);
  assertIssue({ ethernets: { eth0: { macaddress: '01:00:5e:00:00:01' } } }, 'network.ethernets.eth0.macaddress', /multicast/);
  assertIssue({ bonds: { bond0: { interfaces: ['x'], macaddress: 'zz' } }, ethernets: { x: {} } }, 'network.bonds.bond0.macaddress', /not a MAC address/);
  assertIssue({ ethernets: { 'a-very-long-interface-name': {} } }, 'network.ethernets.a-very-long-interface-name', /longer than 15 characters/);
  assertIssue({ ethernets: { eth0: { match: { name: 'en*' } } } }, 'network.ethernets.eth0', /may only contain letters/);
});

test('an ethernet is found by one MAC, and renamed only when found by MAC', () => {
  assertIssue(
    { ethernets: { eth0: { match: { macaddress: MAC }, macaddress: '52:54:00:12:34:57' } } },
    'network.ethernets.eth0.macaddress',
    /differs from match\.macaddress .*cannot change a NIC's MAC/,
  );
  assertIssue({ ethernets: { eth0: { 'set-name': 'lan0' } } }, 'network.ethernets.eth0.set-name', /set-name needs a match/);
  assertIssue({ ethernets: { eth0: { match: { name: 'ens3' }, 'set-name': 'lan0' } } }, 'network.ethernets.eth0.set-name', /only netplan can rename a NIC matched by name/);
  assert.equal(valid({ ethernets: { nic: { macaddress: MAC, 'set-name': 'lan0' } } }).ethernets[0]?.mac, MAC);
});

test('bond references: unknown, not an ethernet, in two bonds, configured members, VLAN on a member', () => {
  assertIssue({ bonds: { bond0: { interfaces: ['eth9'] } } }, 'network.bonds.bond0.interfaces[0]', /unknown interface "eth9"/);
  assertIssue(
    { ethernets: { eth0: {} }, bonds: { bond0: { interfaces: ['eth0'] }, bond1: { interfaces: ['bond0'] } } },
    'network.bonds.bond1.interfaces[0]',
    /"bond0" is a bond; bond members must be ethernets/,
  );
  assertIssue(
    { ethernets: { eth0: {}, eth1: {} }, bonds: { bond0: { interfaces: ['eth0', 'eth1'] }, bond1: { interfaces: ['eth1'] } } },
    'network.bonds.bond1.interfaces[0]',
    /"eth1" is already a member of bond "bond0"/,
  );
  assertIssue({ ethernets: { eth0: {} }, bonds: { bond0: { interfaces: ['eth0', 'eth0'] } } }, 'network.bonds.bond0.interfaces[1]', /listed twice/);
  assertIssue(
    { ethernets: { eth0: { dhcp4: true } }, bonds: { bond0: { interfaces: ['eth0'] } } },
    'network.ethernets.eth0',
    /is a member of bond0 and cannot have addresses, DHCP/,
  );
  assertIssue(
    { ethernets: { eth0: {} }, bonds: { bond0: { interfaces: ['eth0'] } }, vlans: { v: { id: 5, link: 'eth0' } } },
    'network.vlans.v.link',
    /"eth0" is a member of bond "bond0"; put the VLAN on the bond/,
  );
});

test('bond parameters must fit the mode', () => {
  const bond = (parameters: NonNullable<NonNullable<NetworkSpec['bonds']>[string]['parameters']>): NetworkSpec => ({
    ethernets: { eth0: {}, eth1: {} },
    bonds: { bond0: { interfaces: ['eth0', 'eth1'], parameters } },
  });
  assertIssue(bond({ mode: 'active-backup', 'transmit-hash-policy': 'layer3+4' }), 'network.bonds.bond0.parameters.transmit-hash-policy', /only applies to modes balance-xor, 802\.3ad, balance-tlb/);
  assertIssue(bond({ mode: 'balance-xor', 'lacp-rate': 'fast' }), 'network.bonds.bond0.parameters.lacp-rate', /only applies to mode 802\.3ad/);
  assertIssue(bond({ mode: '802.3ad', primary: 'eth0' }), 'network.bonds.bond0.parameters.primary', /only applies to modes active-backup/);
  assertIssue(bond({ mode: 'active-backup', primary: 'eth7' }), 'network.bonds.bond0.parameters.primary', /"eth7" is not one of this bond's interfaces \(eth0, eth1\)/);
});

test('VLANs: id within 1..4094, a known link that is not a VLAN, unique, MTU within the link', () => {
  const vlan = (id: number, link = 'eth0'): NetworkSpec => ({ ethernets: { eth0: {} }, vlans: { v: { id, link } } });
  assertIssue(vlan(0), 'network.vlans.v.id', /VLAN id 0 is outside 1\.\.4094/);
  assertIssue(vlan(4095), 'network.vlans.v.id', /VLAN id 4095 is outside 1\.\.4094/);
  assertIssue(vlan(5, 'eth9'), 'network.vlans.v.link', /unknown interface "eth9"/);
  assertIssue({ ethernets: { eth0: {} }, vlans: { v: { id: 5, link: 'eth0' }, w: { id: 6, link: 'v' } } }, 'network.vlans.w.link', /is a VLAN/);
  assertIssue({ ethernets: { eth0: {} }, vlans: { v: { id: 5, link: 'eth0' }, w: { id: 5, link: 'eth0' } } }, 'network.vlans.w.id', /VLAN 5 on eth0 is already defined by network\.vlans\.v/);
  assertIssue({ ethernets: { eth0: {} }, vlans: { v: { id: 5, link: 'eth0', mtu: 9000 } } }, 'network.vlans.v.mtu', /exceeds the MTU of its link eth0 \(1500\); raise network\.ethernets\.eth0\.mtu/);
  valid({ ethernets: { eth0: { mtu: 9000 } }, vlans: { v: { id: 5, link: 'eth0', mtu: 9000 } } });
});

test('MTU within 68..9000, and at least 1280 with IPv6', () => {
  assertIssue({ ethernets: { eth0: { mtu: 67 } } }, 'network.ethernets.eth0.mtu', /MTU 67 is outside 68\.\.9000/);
  assertIssue({ ethernets: { eth0: { mtu: 9001 } } }, 'network.ethernets.eth0.mtu', /MTU 9001 is outside 68\.\.9000/);
  assertIssue({ ethernets: { eth0: { mtu: 1279, addresses: ['2001:db8::1/64'] } } }, 'network.ethernets.eth0.mtu', /below 1280, the minimum for an interface with IPv6/);
  assertIssue({ ethernets: { eth0: { mtu: 1000, dhcp6: true } } }, 'network.ethernets.eth0.mtu', /below 1280/);
  valid({ ethernets: { eth0: { mtu: 576, addresses: ['192.0.2.1/24'] } } });
});

test('DHCP with static addresses of the same family is contradictory', () => {
  assertIssue({ ethernets: { eth0: { dhcp4: true, addresses: ['192.0.2.10/24'] } } }, 'network.ethernets.eth0.dhcp4', /dhcp4 together with static IPv4 addresses is contradictory/);
  assertIssue({ ethernets: { eth0: { dhcp6: true, addresses: ['2001:db8::10/64'] } } }, 'network.ethernets.eth0.dhcp6', /dhcp6 together with static IPv6 addresses/);
  valid({ ethernets: { eth0: { dhcp4: true, addresses: ['2001:db8::10/64'] } } });
});

test('nameservers: valid addresses and domains, on statically addressed interfaces, global ones used', () => {
  assertIssue(
    { ethernets: { eth0: { addresses: ['192.0.2.10/24'], nameservers: { addresses: ['192.0.2.300'] } } } },
    'network.ethernets.eth0.nameservers.addresses[0]',
    /not a valid IPv4 address/,
  );
  assertIssue(
    { ethernets: { eth0: { addresses: ['192.0.2.10/24'], nameservers: { search: ['example.com', 'bad_domain.com'] } } } },
    'network.ethernets.eth0.nameservers.search[1]',
    /"bad_domain\.com" is not a valid DNS domain name/,
  );
  for (const domain of ['-a.com', 'a-.com', 'a..com', 'example.com.', `${'a'.repeat(64)}.com`]) {
    assert.equal(issuesOf({ ethernets: { eth0: { addresses: ['192.0.2.10/24'], nameservers: { search: [domain] } } } }).length, 1, domain);
  }
  assertIssue({ ethernets: { eth0: { dhcp4: true, nameservers: { addresses: ['192.0.2.53'] } } } }, 'network.ethernets.eth0.nameservers', /need a static address on eth0/);
  assertIssue({ ethernets: { eth0: { addresses: ['192.0.2.10/24'] } }, nameservers: { search: ['example.com'] } }, 'network.nameservers', /need at least one nameserver address/);
  assertIssue({ ethernets: { eth0: { dhcp4: true } }, nameservers: { addresses: ['192.0.2.53'] } }, 'network.nameservers', /no interface would use these nameservers/);
  assertIssue({ ethernets: { eth0: { addresses: ['192.0.2.10/24'] } }, nameservers: { addresses: ['fe80::1%eth0'] } }, 'network.nameservers.addresses[0]', /zone id/);
});

test('every issue is collected, not just the first', () => {
  const issues = issuesOf({
    ethernets: {
      eth0: { addresses: ['1.2.3/24', '192.0.2.10/33'], mtu: 10, macaddress: 'x' },
      eth1: { dhcp4: true, addresses: ['192.0.2.20/24'], routes: [{ to: 'default', via: '10.0.0.1' }] },
    },
    bonds: { bond0: { interfaces: ['nope'] } },
    vlans: { v: { id: 9999, link: 'missing' } },
  });
  assert.deepStrictEqual(
    issues.map((issue) => issue.path).sort(),
    [
      'network.bonds.bond0.interfaces[0]',
      'network.ethernets.eth0.addresses[0]',
      'network.ethernets.eth0.addresses[1]',
      'network.ethernets.eth0.macaddress',
      'network.ethernets.eth0.mtu',
      'network.ethernets.eth1.dhcp4',
      'network.ethernets.eth1.routes[0]',
      'network.vlans.v.id',
      'network.vlans.v.link',
    ],
  );
});

test('paths quote keys that are not plain identifiers, and honour another root', () => {
  const { issues } = normalizeNetwork({ ethernets: { eth0: {} }, vlans: { 'eth0.100': { id: 0, link: 'eth0' } } }, 'spec.network');
  assert.deepStrictEqual(issues.map((issue) => issue.path), ['spec.network.vlans["eth0.100"].id']);
});
