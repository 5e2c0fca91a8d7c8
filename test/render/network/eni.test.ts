import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { SpecError } from '../../../src/errors.js';
import { normalizeNetwork } from '../../../src/parse/network/normalize.js';
import { renderEni } from '../../../src/render/network/eni.js';
import type { NetworkSpec } from '../../../src/input/network.js';

function model(spec: NetworkSpec) {
  const { network, issues } = normalizeNetwork(spec);
  assert.deepStrictEqual(issues, []);
  return network;
}

test('ENI: one stanza per address (aliases for the rest), gateway with its subnet, DNS on the first static stanza', () => {
  const network = model({
    ethernets: {
      eth0: {
        match: { macaddress: '52:54:00:00:00:01' },
        dhcp4: true,
        addresses: ['2001:db8::10/64', '2001:db8:1::10/64'],
        routes: [{ to: 'default', via: '2001:db8:1::1' }],
        nameservers: { addresses: ['2001:db8::53'], search: ['example.com', 'example.net'] },
      },
      eth1: { addresses: ['192.0.2.10/24'], gateway4: '192.0.2.1' },
      eth2: {},
    },
    nameservers: { addresses: ['192.0.2.53'] },
  });
  assert.equal(
    renderEni(network),
    [
      'auto lo',
      'iface lo inet loopback',
      '',
      'auto eth0',
      'iface eth0 inet dhcp',
      '    hwaddress 52:54:00:00:00:01',
      '',
      'auto eth0:1',
      'iface eth0:1 inet6 static',
      '    address 2001:db8::10',
      '    netmask 64',
      '    dns-nameservers 2001:db8::53',
      '    dns-search example.com example.net',
      '',
      'auto eth0:2',
      'iface eth0:2 inet6 static',
      '    address 2001:db8:1::10',
      '    netmask 64',
      '    gateway 2001:db8:1::1',
      '',
      'auto eth1',
      'iface eth1 inet static',
      '    address 192.0.2.10',
      '    netmask 255.255.255.0',
      '    gateway 192.0.2.1',
      '    dns-nameservers 192.0.2.53',
      '',
      'auto eth2',
      'iface eth2 inet manual',
      '',
    ].join('\n'),
  );
});

test('ENI refuses what cloud-init\'s ENI reader cannot carry, with the field and the way out', () => {
  const network = model({
    ethernets: { eth0: { macaddress: '52:54:00:00:00:01' }, eth1: { macaddress: '52:54:00:00:00:02' } },
    bonds: { bond0: { interfaces: ['eth0', 'eth1'], dhcp4: true } },
  });
  assert.throws(
    () => renderEni(network),
    (error: unknown) => {
      assert.ok(error instanceof SpecError);
      assert.equal(error.message, 'network.bonds.bond0: the ENI text (oVirt network-interfaces) cannot express bonds as cloud-init reads it; use --datasource configdrive');
      return true;
    },
  );
});
