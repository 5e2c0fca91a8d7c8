import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { SpecError } from '../../../src/errors.js';
import { normalizeNetwork } from '../../../src/parse/network/normalize.js';
import { networkConfigFile, renderNetplanV2 } from '../../../src/render/network/netplan-v2.js';
import { renderNetworkV1 } from '../../../src/render/network/v1.js';
import { toYaml11 } from '../../../src/render/yaml11.js';
import type { NetworkSpec } from '../../../src/input/network.js';
import { meaningOfEniOutput } from './eni-output.js';
import { convertAll } from './net-convert.js';

function model(spec: NetworkSpec) {
  const { network, issues } = normalizeNetwork(spec);
  assert.deepStrictEqual(issues, []);
  return network;
}

const dualStack = model({
  ethernets: {
    nic: {
      match: { macaddress: '52:54:00:AA:00:01' },
      'set-name': 'eth0',
      addresses: ['192.0.2.10/24', '2001:db8::10/64'],
      gateway4: '192.0.2.1',
      routes: [{ to: 'default', via: '2001:db8::1' }, { to: '10.0.0.0/8', via: '192.0.2.254', metric: 100 }],
    },
  },
  nameservers: { addresses: ['192.0.2.53'], search: ['example.com'] },
});

test('netplan v2 for the oldest cloud-init: IPv6 default as gateway6, the rest as explicit routes', () => {
  assert.deepStrictEqual(renderNetplanV2(dualStack, [20, 4]), {
    version: 2,
    ethernets: {
      eth0: {
        match: { macaddress: '52:54:00:aa:00:01' },
        'set-name': 'eth0',
        addresses: ['192.0.2.10/24', '2001:db8::10/64'],
        gateway6: '2001:db8::1',
        routes: [
          { to: '0.0.0.0/0', via: '192.0.2.1' },
          { to: '10.0.0.0/8', via: '192.0.2.254', metric: 100 },
        ],
        nameservers: { addresses: ['192.0.2.53'], search: ['example.com'] },
      },
    },
  });
});

test('netplan v2 for cloud-init >= 23.1: every default route is an explicit route', () => {
  const ethernet = renderNetplanV2(dualStack, [23, 1])['ethernets'] as Record<string, Record<string, unknown>>;
  assert.equal(ethernet['eth0']?.['gateway6'], undefined);
  assert.deepStrictEqual(ethernet['eth0']?.['routes'], [
    { to: '0.0.0.0/0', via: '192.0.2.1' },
    { to: '::/0', via: '2001:db8::1' },
    { to: '10.0.0.0/8', via: '192.0.2.254', metric: 100 },
  ]);
});

test('why: the installed cloud-init 22.4 reads a v2 `::/0` route as ::/64, and gateway6 right', async () => {
  const macs = [['eth0', '52:54:00:aa:00:01']] as const;
  const results = await convertAll([
    { id: 'old', format: 'netplan-v2', rendering: renderNetplanV2(dualStack, [20, 4]), macs },
    { id: 'new', format: 'netplan-v2', rendering: renderNetplanV2(dualStack, [23, 1]), macs },
  ]);
  const routesOf = (id: string) => meaningOfEniOutput(results.get(id)?.eni ?? '').devices['eth0']?.routes;
  assert.ok(routesOf('old')?.includes('::/0 2001:db8::1'), String(routesOf('old')));
  assert.ok(routesOf('new')?.includes('::/64 2001:db8::1'), `cloud-init 22.4 was expected to mangle ::/0: ${String(routesOf('new'))}`);
});

test('only forms every cloud-init reads: no `to: default`, no gateway4, route keys cloud-init 25.x knows', () => {
  const network = model({
    ethernets: {
      eth0: { addresses: ['203.0.113.7/32'], routes: [{ to: 'default', via: '198.51.100.1', 'on-link': true, metric: 3 }] },
      eth1: { addresses: ['192.0.2.10/24'], gateway4: '192.0.2.1' },
    },
  });
  const text = toYaml11(renderNetplanV2(network, [20, 4]));
  assert.doesNotMatch(text, /to: default|gateway4|^network:/m);
  const ethernets = renderNetplanV2(network, [20, 4])['ethernets'] as Record<string, { routes: Record<string, unknown>[] }>;
  for (const route of Object.values(ethernets).flatMap((ethernet) => ethernet.routes)) {
    // cloud-init 25.x's network-config v2 schema allows to, via and metric; on-link is netplan's.
    assert.deepStrictEqual(Object.keys(route).filter((key) => !['to', 'via', 'metric', 'on-link'].includes(key)), []);
  }
  assert.deepStrictEqual(ethernets['eth0']?.routes, [{ to: '0.0.0.0/0', via: '198.51.100.1', metric: 3, 'on-link': true }]);
});

test('bonds and VLANs: members, parameters by their netplan names, MACs only when set', () => {
  const network = model({
    ethernets: { a: { match: { macaddress: '52:54:00:aa:00:02' }, 'set-name': 'eth1' }, eth2: {} },
    bonds: {
      bond0: {
        interfaces: ['a', 'eth2'],
        macaddress: '52:54:00:AA:00:09',
        parameters: { mode: '802.3ad', 'mii-monitor-interval': 100, 'transmit-hash-policy': 'layer3+4', 'lacp-rate': 'fast' },
        dhcp4: true,
      },
    },
    vlans: { 'bond0.20': { id: 20, link: 'bond0', dhcp6: true, mtu: 1400 } },
  });
  assert.deepStrictEqual(renderNetplanV2(network, [20, 4]), {
    version: 2,
    ethernets: { eth1: { match: { macaddress: '52:54:00:aa:00:02' }, 'set-name': 'eth1' }, eth2: {} },
    bonds: {
      bond0: {
        interfaces: ['eth1', 'eth2'],
        macaddress: '52:54:00:aa:00:09',
        parameters: { mode: '802.3ad', 'mii-monitor-interval': '100', 'transmit-hash-policy': 'layer3+4', 'lacp-rate': 'fast' },
        dhcp4: true,
      },
    },
    vlans: { 'bond0.20': { id: 20, link: 'bond0', mtu: 1400, dhcp6: true } },
  });
});

test('networkConfigFile writes the requested version as PyYAML-safe YAML', () => {
  assert.equal(networkConfigFile(dualStack, 2, [20, 4]), toYaml11(renderNetplanV2(dualStack, [20, 4])));
  assert.equal(networkConfigFile(dualStack, 1, [20, 4]), toYaml11(renderNetworkV1(dualStack)));
  assert.match(networkConfigFile(dualStack, 2, [20, 4]), /^version: 2\n/);
  assert.match(networkConfigFile(dualStack, 1, [20, 4]), /^version: 1\n/);
});

test('a network v2 cannot express for the target version is refused with the field path', () => {
  const network = model({ ethernets: { eth0: { addresses: ['2001:db8::10/64'], routes: [{ to: '::/0', via: '2001:db8::1', metric: 7 }] } } });
  assert.throws(() => renderNetplanV2(network, [22, 4]), (error: unknown) => {
    assert.ok(error instanceof SpecError);
    assert.deepStrictEqual(error.issues.map((issue) => issue.path), ['network.ethernets.eth0.routes[0]']);
    return true;
  });
  assert.doesNotThrow(() => renderNetplanV2(network, [23, 1]));
});
