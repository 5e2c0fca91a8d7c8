import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { checkNetworkForEni, checkNetworkForV1, checkNetworkForV2 } from '../../../src/model/network/capabilities.js';
import { checkNetworkForConfigDrive, normalizeNetwork } from '../../../src/parse/network/normalize.js';
import type { NetworkSpec } from '../../../src/input/network.js';

function model(spec: NetworkSpec) {
  const { network, issues } = normalizeNetwork(spec);
  assert.deepStrictEqual(issues, []);
  return network;
}

const MAC0 = '52:54:00:00:00:01';
const MAC1 = '52:54:00:00:00:02';

test('config drive: a physical link without a MAC is refused, saying why and how to fix it', () => {
  const issues = checkNetworkForConfigDrive(model({ ethernets: { eth0: { dhcp4: true }, eth1: { match: { macaddress: MAC0 }, dhcp4: true } } }));
  assert.equal(issues.length, 1);
  assert.equal(issues[0]?.path, 'network.ethernets.eth0');
  assert.match(issues[0]?.message ?? '', /identifies each NIC by its MAC \(ethernet_mac_address\)/);
  assert.match(issues[0]?.message ?? '', /cloud-init cannot match eth0/);
  assert.match(issues[0]?.message ?? '', /add match: \{macaddress: \.\.\.\} \(or macaddress: \.\.\.\)/);
});

test('config drive: bonds must be bond0, bond1... in order, without a MAC of their own', () => {
  const spec = (bonds: NetworkSpec['bonds']): NetworkSpec => ({ ethernets: { eth0: { macaddress: MAC0 }, eth1: { macaddress: MAC1 } }, bonds });
  assert.deepStrictEqual(checkNetworkForConfigDrive(model(spec({ bond0: { interfaces: ['eth0'] }, bond1: { interfaces: ['eth1'] } }))), []);
  const renamed = checkNetworkForConfigDrive(model(spec({ uplink: { interfaces: ['eth0', 'eth1'] } })));
  assert.deepStrictEqual(renamed.map((issue) => issue.path), ['network.bonds.uplink']);
  assert.match(renamed[0]?.message ?? '', /would become bond0; name it bond0/);
  const withMac = checkNetworkForConfigDrive(model(spec({ bond0: { interfaces: ['eth0', 'eth1'], macaddress: '52:54:00:00:00:09' } })));
  assert.deepStrictEqual(withMac.map((issue) => issue.path), ['network.bonds.bond0.macaddress']);
  assert.match(withMac[0]?.message ?? '', /before 24\.2 copies a bond's MAC/);
});

test('config drive: VLANs must be named <link>.<id>; on-link routes are refused', () => {
  const vlans = checkNetworkForConfigDrive(model({ ethernets: { eth0: { macaddress: MAC0 } }, vlans: { vlan100: { id: 100, link: 'eth0' } } }));
  assert.deepStrictEqual(vlans.map((issue) => issue.path), ['network.vlans.vlan100']);
  assert.match(vlans[0]?.message ?? '', /would become eth0\.100; name it eth0\.100/);
  const onLink = checkNetworkForConfigDrive(
    model({ ethernets: { eth0: { macaddress: MAC0, addresses: ['203.0.113.7/32'], routes: [{ to: 'default', via: '198.51.100.1', 'on-link': true }] } } }),
  );
  assert.deepStrictEqual(onLink.map((issue) => issue.path), ['network.ethernets.eth0.routes[0]']);
  assert.match(onLink[0]?.message ?? '', /network_data\.json cannot express on-link routes/);
});

test('ENI: bonds, VLANs, DHCPv6, MTU, extra routes, metrics and a second gateway are refused by field', () => {
  const issues = checkNetworkForEni(
    model({
      ethernets: {
        eth0: { mtu: 9000, dhcp6: true, addresses: ['192.0.2.10/24'], routes: [{ to: '10.0.0.0/8', via: '192.0.2.254' }] },
        eth1: { addresses: ['198.51.100.10/24', '198.51.100.20/24'], routes: [{ to: 'default', via: '198.51.100.1', metric: 5 }] },
        eth2: {},
        eth3: {},
      },
      bonds: { bond0: { interfaces: ['eth2', 'eth3'], mtu: 9000 } },
      vlans: { 'eth0.5': { id: 5, link: 'eth0', routes: [] } },
    }),
  );
  assert.deepStrictEqual(
    issues.map((issue) => [issue.path, issue.message.replace(/^the ENI text \(oVirt network-interfaces\) cannot express /, '')]),
    [
      ['network.bonds.bond0', 'bonds as cloud-init reads it; use --datasource configdrive'],
      ['network.vlans["eth0.5"]', 'VLANs as cloud-init reads it; use --datasource configdrive'],
      ['network.ethernets.eth0.dhcp6', 'DHCPv6 (cloud-init reads `inet6 dhcp` as DHCPv4); use --datasource configdrive'],
      ['network.ethernets.eth0.mtu', 'an MTU (cloud-init ignores mtu there); use --datasource configdrive'],
      ['network.ethernets.eth0.routes[0]', 'routes other than the default gateway (cloud-init ignores up/post-up route commands); use --datasource configdrive'],
      ['network.ethernets.eth1.routes[0]', 'route metrics (cloud-init ignores metric there); use --datasource configdrive'],
    ],
  );
  const twoGateways = checkNetworkForEni(
    model({ ethernets: { eth0: { addresses: ['192.0.2.10/24'], routes: [{ to: 'default', via: '192.0.2.1' }, { to: 'default', via: '192.0.2.2', metric: 9 }] } } }),
  );
  assert.deepStrictEqual(twoGateways.map((issue) => issue.path), ['network.ethernets.eth0.routes[1]']);
});

test('v1 refuses only on-link routes', () => {
  const onLink = model({ ethernets: { eth0: { addresses: ['203.0.113.7/32'], routes: [{ to: 'default', via: '198.51.100.1', 'on-link': true }] } } });
  assert.deepStrictEqual(
    checkNetworkForV1(onLink).map((issue) => issue.path),
    ['network.ethernets.eth0.routes[0]'],
  );
  assert.match(checkNetworkForV1(onLink)[0]?.message ?? '', /use the nocloud datasource with network config version 2/);
});

test('v2 before cloud-init 23.1 refuses an IPv6 default route with a metric or on-link', () => {
  const network = model({
    ethernets: {
      eth0: { addresses: ['2001:db8::10/64'], routes: [{ to: 'default', via: '2001:db8::1', metric: 5 }] },
      eth1: { addresses: ['2001:db8:1::10/64'], routes: [{ to: '::/0', via: '2001:db8:2::1', 'on-link': true, metric: 6 }] },
      eth2: { addresses: ['2001:db8:3::10/64'], gateway6: '2001:db8:3::1' },
    },
  });
  assert.deepStrictEqual(checkNetworkForV2(network, [20, 4]).map((issue) => issue.path), ['network.ethernets.eth0.routes[0]', 'network.ethernets.eth1.routes[0]']);
  assert.match(checkNetworkForV2(network, [22, 4])[0]?.message ?? '', /cloud-init before 23\.1 turns a v2 IPv6 default route into a ::\/64 route/);
  assert.deepStrictEqual(checkNetworkForV2(network, [23, 1]), []);
  assert.deepStrictEqual(checkNetworkForV2(network, [25, 0]), []);
});
