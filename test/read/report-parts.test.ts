/**
 * The pieces of a report on their own: key fingerprints against ssh-keygen -l, cloud-config
 * found in MIME multipart and gzip user-data, and network summaries that agree across the four
 * formats for every network fixture (the same network written as netplan v2, v1,
 * network_data.json and ENI must sum up to the same addresses, gateways, MACs and DNS).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { summarizeNetworkConfig } from '../../src/read/network-config.js';
import { summarizeEni, summarizeNetworkData } from '../../src/read/network-openstack.js';
import type { NetworkSummary } from '../../src/read/report-types.js';
import { summarizeSshKey } from '../../src/read/ssh-fingerprint.js';
import { readCloudConfigs } from '../../src/read/user-data.js';
import { summarizeUsers } from '../../src/read/users.js';
import { makeSshKey } from './reference-images.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'network');
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

test('fingerprints match ssh-keygen -l for ed25519, rsa and ecdsa keys', async () => {
  for (const type of ['ed25519', 'rsa', 'ecdsa'] as const) {
    const { line, fingerprint } = await makeSshKey(type, `${type}@test`);
    const summary = summarizeSshKey(line);
    assert.equal(summary.fingerprint, fingerprint, type);
    assert.equal(summary.comment, `${type}@test`);
    assert.equal(summarizeSshKey(`from="10.0.0.0/8",no-pty ${line}`).fingerprint, fingerprint, `${type} with options`);
  }
});

test('lines that are not keys are reported as such, without throwing', () => {
  assert.ok(summarizeSshKey('ssh-ed25519 AAAAC3NzaC1yc2EAAAADAQAB x').problem, 'blob of another type');
  assert.ok(summarizeSshKey('hello world').problem);
  assert.ok(summarizeSshKey(42).problem);
});

test('cloud-config parts of a MIME multipart message (base64 too) and of gzip user-data', () => {
  const multipart = [
    'Content-Type: multipart/mixed; boundary="XX"',
    'MIME-Version: 1.0',
    '',
    '--XX',
    'Content-Type: text/x-shellscript',
    '',
    '#!/bin/sh\necho hi',
    '--XX',
    'Content-Type: text/cloud-config',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('#cloud-config\nhostname: one\nusers: [default, alice]\n').toString('base64'),
    '--XX',
    'Content-Type: text/plain',
    '',
    '#cloud-config\npassword: $6$x$y\n',
    '--XX--',
    '',
  ].join('\n');
  const { configs, warnings } = readCloudConfigs(encode(multipart), 'user-data');
  assert.deepEqual(warnings, []);
  assert.deepEqual(configs, [{ hostname: 'one', users: ['default', 'alice'] }, { password: '$6$x$y' }]);
  assert.deepEqual(
    summarizeUsers(configs, []).map((user) => [user.name, user.password]),
    [['default', 'hash'], ['alice', 'none']],
  );
  const zipped = readCloudConfigs(gzipSync('#cloud-config\nhostname: zipped\n'), 'user_data');
  assert.deepEqual(zipped.configs, [{ hostname: 'zipped' }]);
  assert.deepEqual(readCloudConfigs(encode('#!/bin/sh\necho script only\n'), 'user-data').configs, []);
});

test('chpasswd users and list count as passwords for the named users', () => {
  const users = summarizeUsers(
    [{ users: ['default', 'bob', { name: 'carol' }], chpasswd: { users: [{ name: 'bob', password: 'x', type: 'text' }], list: 'carol:$6$a$b\n' } }],
    [],
  );
  assert.deepEqual(users.map((user) => [user.name, user.password]), [['default', 'none'], ['bob', 'plain'], ['carol', 'hash']]);
});

/** What the four formats must agree on: per-interface facts without names (ids differ by format). */
function essentials(summary: NetworkSummary) {
  return {
    // A set: network_data.json repeats the parent's MAC as vlan_mac_address.
    macs: [...new Set(summary.interfaces.flatMap((iface) => (iface.mac ? [iface.mac.toLowerCase()] : [])))].sort(),
    addresses: summary.interfaces.flatMap((iface) => iface.addresses).sort(),
    gateways: summary.interfaces.flatMap((iface) => iface.gateways).sort(),
    nameservers: [...summary.nameservers].sort(),
  };
}

test('network fixtures: netplan v2, v1, network_data.json and ENI sum up alike', () => {
  const cases = readdirSync(FIXTURES).filter((name) => existsSync(join(FIXTURES, name, 'v1.yaml')));
  assert.ok(cases.length >= 10, 'fixtures found');
  for (const name of cases) {
    const read = (file: string): string | undefined => {
      const path = join(FIXTURES, name, file);
      return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    };
    const summaries: [string, NetworkSummary | undefined][] = [];
    const v2 = read('netplan-v2.yaml');
    if (v2) summaries.push(['netplan-v2', summarizeNetworkConfig(parse(v2, { version: '1.1' }), 'network-config')]);
    summaries.push(['v1', summarizeNetworkConfig(parse(read('v1.yaml') ?? '', { version: '1.1' }), 'network-config')]);
    const networkData = read('network_data.json');
    if (networkData) summaries.push(['network_data.json', summarizeNetworkData(JSON.parse(networkData), 'network_data.json')]);
    const eni = read('interfaces');
    if (eni) summaries.push(['eni', summarizeEni(eni, 'interfaces')]);
    const [first, ...rest] = summaries.map(([format, summary]) => {
      assert.ok(summary, `${name}: ${format} summarized`);
      return [format, essentials(summary)] as const;
    });
    for (const [format, facts] of rest) assert.deepEqual(facts, first?.[1], `${name}: ${format} vs ${first?.[0]}`);
  }
});
