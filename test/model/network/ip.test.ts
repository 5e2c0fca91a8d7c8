import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import ipaddr from 'ipaddr.js';
import { propertyCases } from '../../helpers/case-count.js';
import { defaultDestination, isReservedIpv4Host, parseIpAddress, parseIpPrefix, prefixContains } from '../../../src/model/network/ip.js';

function prefix(text: string) {
  const parsed = parseIpPrefix(text);
  assert.ok(parsed.ok, `${text}: ${parsed.ok ? '' : parsed.message}`);
  return parsed.value;
}

function address(text: string) {
  const parsed = parseIpAddress(text);
  assert.ok(parsed.ok, text);
  return parsed.value;
}

test('addresses and prefixes are parsed with family, prefix length, netmask and network', () => {
  assert.deepStrictEqual(prefix('192.0.2.10/24'), {
    family: 4,
    address: '192.0.2.10',
    prefixLength: 24,
    netmask: '255.255.255.0',
    network: '192.0.2.0',
    cidr: '192.0.2.10/24',
  });
  assert.deepStrictEqual(prefix('2001:DB8:0:0::10/64'), {
    family: 6,
    address: '2001:db8::10',
    prefixLength: 64,
    netmask: 'ffff:ffff:ffff:ffff::',
    network: '2001:db8::',
    cidr: '2001:db8::10/64',
  });
  assert.equal(prefix('10.1.2.3/32').netmask, '255.255.255.255');
  assert.equal(prefix('::/0').netmask, '::');
  assert.deepStrictEqual(defaultDestination(4), prefix('0.0.0.0/0'));
  assert.deepStrictEqual(defaultDestination(6), prefix('::/0'));
});

test('lenient IPv4 forms are refused', () => {
  for (const text of ['1.2.3', '0x7f.0.0.1', '01.2.3.4', '256.1.1.1', '1.2.3.4.5', ' 1.2.3.4', '1.2.3.4 ', '']) {
    const parsed = parseIpAddress(text);
    assert.ok(!parsed.ok, text);
    assert.match(parsed.message, /not a valid IPv4 address/, text);
  }
});

test('IPv6 zone ids, lenient embedded IPv4 and junk are refused', () => {
  const zone = parseIpAddress('fe80::1%eth0');
  assert.ok(!zone.ok);
  assert.match(zone.message, /zone id/);
  for (const text of ['::ffff:01.2.3.4', '::ffff:1.2.3', '1::2::3', 'fe80::g', ':::1']) {
    const parsed = parseIpAddress(text);
    assert.ok(!parsed.ok, text);
    assert.match(parsed.message, /not a valid IPv6 address/, text);
  }
  assert.equal(address('::ffff:192.0.2.1').family, 6);
});

test('prefixes must be present, decimal without leading zeros, and within the family', () => {
  const cases: [string, RegExp][] = [
    ['192.0.2.10', /has no prefix length \(write it as 192\.0\.2\.10\/24/],
    ['2001:db8::1', /has no prefix length \(write it as 2001:db8::1\/64/],
    ['192.0.2.10/33', /invalid prefix length "\/33" \(a number 0-32/],
    ['2001:db8::1/129', /invalid prefix length "\/129" \(a number 0-128/],
    ['192.0.2.10/024', /invalid prefix length "\/024"/],
    ['192.0.2.10/', /invalid prefix length "\/"/],
    ['192.0.2.10/2a', /invalid prefix length/],
    ['fe80::1%eth0/64', /zone id/],
    ['1.2.3/24', /not a valid IPv4 address/],
  ];
  for (const [text, message] of cases) {
    const parsed = parseIpPrefix(text);
    assert.ok(!parsed.ok, text);
    assert.match(parsed.message, message, text);
  }
});

test('a single address may not carry a prefix', () => {
  const parsed = parseIpAddress('192.0.2.1/24');
  assert.ok(!parsed.ok);
  assert.match(parsed.message, /without a \/prefix/);
});

test('subnet membership and unassignable IPv4 host addresses', () => {
  assert.ok(prefixContains(prefix('192.0.2.10/24'), address('192.0.2.1')));
  assert.ok(!prefixContains(prefix('192.0.2.10/24'), address('192.0.3.1')));
  assert.ok(!prefixContains(prefix('192.0.2.10/24'), address('2001:db8::1')));
  assert.ok(prefixContains(prefix('2001:db8::10/64'), address('2001:db8::ffff:1')));
  assert.ok(isReservedIpv4Host(prefix('192.0.2.0/24')));
  assert.ok(isReservedIpv4Host(prefix('192.0.2.255/24')));
  assert.ok(!isReservedIpv4Host(prefix('192.0.2.0/31')));
  assert.ok(!isReservedIpv4Host(prefix('203.0.113.7/32')));
  assert.ok(!isReservedIpv4Host(prefix('2001:db8::/64')));
});

test('IPv4 netmask, network, reserved hosts and containment agree with ipaddr.js on random prefixes', () => {
  // A small LCG: the same cases on every run, so a failure can be replayed.
  let state = 0x2545f491;
  const next = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state;
  };
  const octets = (value: number): string => `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
  for (let index = 0; index < propertyCases(20_000, 2_000); index++) {
    const text = octets(next());
    const length = next() % 33;
    const parsed = prefix(`${text}/${length}`);
    const cidr = `${text}/${length}`;
    assert.equal(parsed.netmask, ipaddr.IPv4.subnetMaskFromPrefixLength(length).toString(), cidr);
    assert.equal(parsed.network, ipaddr.IPv4.networkAddressFromCIDR(cidr).toString(), cidr);
    const broadcast = ipaddr.IPv4.broadcastAddressFromCIDR(cidr).toString();
    assert.equal(isReservedIpv4Host(parsed), length <= 30 && (text === parsed.network || text === broadcast), cidr);
    // Half the time a random address, half the time one near the network, inside or just past it.
    const networkValue = ipaddr.IPv4.parse(parsed.network)
      .toByteArray()
      .reduce((sum, byte) => sum * 256 + byte, 0);
    const other = index % 2 === 0 ? octets(next()) : octets((networkValue + (next() % 256)) >>> 0);
    const expected = ipaddr.parse(other).match(ipaddr.parse(parsed.network), length);
    assert.equal(prefixContains(parsed, address(other)), expected, `${cidr} contains ${other}`);
  }
});

test('an IPv4 address is accepted exactly when ipaddr.js calls it four-part decimal', () => {
  let state = 0x9e3779b9;
  const next = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state;
  };
  const pieces = ['0', '1', '9', '00', '01', '10', '99', '100', '255', '256', '300', '999', '1000', '0x1', ' 1', '1 ', '', '-1', '+1', '1e2', '٣'];
  const samples = ['1.2.3', '1.2.3.4.5', '1..2.3', '.1.2.3', '1.2.3.', '0.0.0.0', '255.255.255.255'];
  for (let index = 0; index < propertyCases(20_000, 2_000); index++) {
    const count = 3 + (next() % 3);
    samples.push(Array.from({ length: count }, () => pieces[next() % pieces.length]).join('.'));
  }
  for (const text of samples) {
    assert.equal(parseIpAddress(text).ok, ipaddr.IPv4.isValidFourPartDecimal(text), JSON.stringify(text));
  }
});
