import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { normalizeNetwork } from '../../src/parse/network/normalize.js';
import { NET_FLAG_FORM, explainNetFlagIssues, mergeNetwork, parseNetFlags } from '../../src/overlay/net-shorthand.js';

function parsed(values: string[]) {
  const result = parseNetFlags(values);
  assert.deepStrictEqual(result.issues, []);
  return result.network;
}

test('IFACE=dhcp, dhcp4 and dhcp6', () => {
  assert.deepStrictEqual(parsed(['eth0=dhcp', 'eth1=dhcp4', 'eth2=dhcp6', 'eth3=dhcp,dhcp6']), {
    ethernets: { eth0: { dhcp4: true }, eth1: { dhcp4: true }, eth2: { dhcp6: true }, eth3: { dhcp4: true, dhcp6: true } },
  });
});

test('a static address with gateway, nameserver and MAC becomes a netplan ethernet', () => {
  assert.deepStrictEqual(parsed(['eth0=192.0.2.10/24,gw=192.0.2.1,dns=192.0.2.53,mac=52:54:00:12:34:56']), {
    ethernets: {
      eth0: {
        match: { macaddress: '52:54:00:12:34:56' },
        addresses: ['192.0.2.10/24'],
        routes: [{ to: 'default', via: '192.0.2.1' }],
        nameservers: { addresses: ['192.0.2.53'] },
      },
    },
  });
});

test('lists joined with +, IPv6, search and mtu; flags for one interface add up', () => {
  assert.deepStrictEqual(
    parsed([
      'eth0=192.0.2.10/24+2001:db8::10/64,gw=192.0.2.1+2001:db8::1,dns=192.0.2.53',
      'eth1=dhcp',
      'eth0=198.51.100.10/24,dns=2001:db8::53,search=example.com+example.net,mtu=9000,mac=52:54:00:AB:CD:EF',
    ]),
    {
      ethernets: {
        eth0: {
          match: { macaddress: '52:54:00:ab:cd:ef' },
          addresses: ['192.0.2.10/24', '2001:db8::10/64', '198.51.100.10/24'],
          routes: [
            { to: 'default', via: '192.0.2.1' },
            { to: 'default', via: '2001:db8::1' },
          ],
          nameservers: { addresses: ['192.0.2.53', '2001:db8::53'], search: ['example.com', 'example.net'] },
          mtu: 9000,
        },
        eth1: { dhcp4: true },
      },
    },
  );
});

test('the result is an ordinary network section that normalizes cleanly', () => {
  const { issues } = normalizeNetwork(parsed(['eth0=192.0.2.10/24,gw=192.0.2.1,dns=192.0.2.53,mac=52:54:00:12:34:56', 'eth1=dhcp6']));
  assert.deepStrictEqual(issues, []);
});

test('errors name the flag by its position', () => {
  const { issues } = parseNetFlags([
    'eth0=dhcp',
    'eth1=192.0.2.300/24',
    'eth2',
    'eth3=',
    '=dhcp',
    'eth4=dhcp,,color=blue,gw=,mtu=big',
    'eth5=static',
    'this-name-is-far-too-long=dhcp',
    'eth6=dns=fe80::1%eth0,search=bad_domain,mac=01:00:5e:00:00:01,gw=1.2.3',
    'eth7=mac=52:54:00:00:00:01',
    'eth7=mac=52:54:00:00:00:02,mtu=1500',
    'eth7=mtu=9000',
  ]);
  assert.deepStrictEqual(
    issues.map((issue) => [issue.path, issue.message]),
    [
      ['--net[1]', '"192.0.2.300" is not a valid IPv4 address (four decimal numbers 0-255 without leading zeros)'],
      ['--net[2]', `"eth2" is not ${NET_FLAG_FORM}`],
      ['--net[3]', `"eth3=" is not ${NET_FLAG_FORM}`],
      ['--net[4]', `"=dhcp" is not ${NET_FLAG_FORM}`],
      ['--net[5]', 'empty item (two commas in a row?)'],
      ['--net[5]', 'unknown option "color" (known: gw, dns, search, mac, mtu)'],
      ['--net[5]', 'gw= needs a value'],
      ['--net[5]', 'mtu=big is not a number'],
      ['--net[6]', `"static" is neither dhcp, dhcp4, dhcp6, an ADDRESS/PREFIX nor a KEY=VALUE option (${NET_FLAG_FORM})`],
      ['--net[7]', 'interface name "this-name-is-far-too-long" is longer than 15 characters (Linux limit)'],
      ['--net[8]', '"fe80::1%eth0" has a zone id (%...), which is not allowed here'],
      ['--net[8]', '"bad_domain" is not a valid DNS domain name (dot-separated labels of letters, digits and inner hyphens, at most 63 characters each)'],
      ['--net[8]', '"01:00:5e:00:00:01" is a multicast MAC address, which no NIC can have'],
      ['--net[8]', '"1.2.3" is not a valid IPv4 address (four decimal numbers 0-255 without leading zeros)'],
      ['--net[10]', 'mac given twice for eth7 (52:54:00:00:00:01 and 52:54:00:00:00:02)'],
      ['--net[11]', 'mtu given twice for eth7 (1500 and 9000)'],
    ],
  );
});

test('the messages show the + list form, and a comma-separated list is told to use +', () => {
  assert.match(NET_FLAG_FORM, /ADDR\/PREFIX\[\+ADDR\/PREFIX\.\.\.\]/);
  assert.match(NET_FLAG_FORM, /dns=IP\[\+IP\.\.\.\]/);
  const { issues } = parseNetFlags(['eth0=192.0.2.10/24,dns=192.0.2.53,192.0.2.54', 'eth1=192.0.2.11/24,gw=192.0.2.1,2001:db8::1']);
  assert.deepStrictEqual(
    issues.map((issue) => [issue.path, issue.message]),
    [
      ['--net[0]', `"192.0.2.54" has no KEY=; lists are joined with + (e.g. dns=192.0.2.53+192.0.2.54), items with ','`],
      ['--net[1]', `"2001:db8::1" has no KEY=; lists are joined with + (e.g. dns=192.0.2.53+192.0.2.54), items with ','`],
    ],
  );
});

test('later problems in an interface the flags made name the flag and its mac= option', () => {
  const configDrive = {
    path: 'network.ethernets.eth1',
    message: "a config drive's network_data.json identifies each NIC by its MAC (ethernet_mac_address), and cloud-init cannot match eth1 without one; add match: {macaddress: ...} (or macaddress: ...) with the NIC's MAC",
  };
  const unrelated = { path: 'network.ethernets.eth9.mtu', message: 'whatever' };
  const hostname = { path: 'hostname', message: 'is required' };
  assert.deepStrictEqual(explainNetFlagIssues(['eth0=dhcp', 'eth1=192.0.2.10/24', 'eth1=dns=192.0.2.53'], [configDrive, unrelated, hostname]), [
    {
      path: '--net[1]',
      message: "network.ethernets.eth1: a config drive's network_data.json identifies each NIC by its MAC (ethernet_mac_address), and cloud-init cannot match eth1 without one; add mac=MAC to --net eth1=... with the NIC's MAC",
    },
    unrelated,
    hostname,
  ]);
});

test('no flags, no network', () => {
  assert.deepStrictEqual(parseNetFlags([]), { network: {}, issues: [] });
});

test('mergeNetwork: flags replace the spec\'s interface of the same name and keep the rest', () => {
  const spec = {
    ethernets: { eth0: { dhcp4: true }, eth1: { addresses: ['192.0.2.10/24'] } },
    bonds: { bond0: { interfaces: ['eth2'] } },
    nameservers: { addresses: ['192.0.2.53'] },
  };
  assert.deepStrictEqual(mergeNetwork(spec, parsed(['eth0=198.51.100.5/24', 'eth3=dhcp'])), {
    ethernets: { eth0: { addresses: ['198.51.100.5/24'] }, eth1: { addresses: ['192.0.2.10/24'] }, eth3: { dhcp4: true } },
    bonds: { bond0: { interfaces: ['eth2'] } },
    nameservers: { addresses: ['192.0.2.53'] },
  });
  assert.deepStrictEqual(mergeNetwork(undefined, parsed(['eth0=dhcp'])), { ethernets: { eth0: { dhcp4: true } } });
  assert.deepStrictEqual(mergeNetwork(spec, {}), spec);
  assert.deepStrictEqual(mergeNetwork(undefined, {}), {});
});
