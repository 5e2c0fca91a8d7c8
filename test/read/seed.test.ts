/**
 * readSeed on images made by the reference tools (cloud-localds, genisoimage, xorriso -as mkisofs,
 * mkfs.vfat + mcopy) and on cloudseed's own: the files that went in come out, and the report's
 * facts match the inputs (fingerprints checked against ssh-keygen -l).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { IoError } from '../../src/errors.js';
import { readSeed } from '../../src/read/seed.js';
import { buildSeed } from '../../src/seed.js';
import { loadSpecFile } from '../../src/input/load.js';
import { GOLDEN_ROOT } from '../helpers/golden.js';
import { extractFatWithMtools, extractIsoWithXorriso } from '../helpers/images.js';
import { withTempDir } from '../helpers/tools.js';
import { writeImageFile } from '../pack/iso9660/iso-tools.js';
import { makeCloudLocalds, makeIso, makeSshKey, makeVfat, textTree } from './reference-images.js';

const NETWORK_V2 = `version: 2
ethernets:
  eth0:
    match: {macaddress: "52:54:00:aa:bb:cc"}
    set-name: eth0
    addresses: [192.0.2.10/24]
    routes: [{to: default, via: 192.0.2.1}]
    nameservers: {addresses: [192.0.2.53], search: [example.com]}
`;

const META_DATA_JSON = JSON.stringify({ uuid: 'f3c1b0e4-0000-4000-8000-000000000001', hostname: 'drive01', public_keys: {} });
const USER_DATA = '#cloud-config\nusers: [{name: ops, hashed_passwd: "$6$salt$hash"}]\n';
const NETWORK_DATA = JSON.stringify({
  links: [{ id: 'tap0', type: 'phy', ethernet_mac_address: '52:54:00:00:00:01' }],
  networks: [{ id: 'n0', type: 'ipv4', link: 'tap0', ip_address: '10.0.0.5', netmask: '255.255.255.0', routes: [{ network: '0.0.0.0', netmask: '0.0.0.0', gateway: '10.0.0.1' }] }],
  services: [{ type: 'dns', address: '10.0.0.2' }],
});
/** Nova's layout: the same files under latest and the newest dated folder cloud-init knows. */
const CONFIG_DRIVE = textTree({
  ...Object.fromEntries(
    ['latest', '2018-08-27'].flatMap((version) => [
      [`openstack/${version}/meta_data.json`, META_DATA_JSON],
      [`openstack/${version}/user_data`, USER_DATA],
      [`openstack/${version}/network_data.json`, NETWORK_DATA],
    ]),
  ),
  'openstack/content/0000': 'injected file',
});

let key: { line: string; fingerprint: string };
before(async () => {
  key = await makeSshKey('ed25519', 'admin@laptop');
});

function nocloudFiles() {
  return {
    userData: `#cloud-config\nhostname: web01\nusers:\n  - default\n  - name: admin\n    plain_text_passwd: secret\n    ssh_authorized_keys: ["${key.line}"]\n`,
    metaData: 'instance-id: iid-web01\nlocal-hostname: meta-name\n',
    networkConfig: NETWORK_V2,
  };
}

describe('cloud-localds seeds', () => {
  for (const [name, args, filesystem] of [
    ['iso9660 (default)', [], 'iso9660'],
    ['vfat (-f vfat)', ['-f', 'vfat'], 'vfat'],
  ] as const) {
    test(`${name}: files, label, datasource, instance-id, hostname, users, network`, async () => {
      const files = nocloudFiles();
      const report = readSeed(await makeCloudLocalds(args, files));
      assert.equal(report.filesystem.type, filesystem);
      assert.equal(report.label, 'cidata');
      assert.equal(report.datasource, 'nocloud');
      assert.deepEqual(report.tree, textTree({ 'meta-data': files.metaData, 'network-config': files.networkConfig, 'user-data': files.userData }));
      assert.deepEqual(report.files.map((file) => file.path), ['meta-data', 'network-config', 'user-data']);
      assert.equal(report.instanceId, 'iid-web01');
      assert.equal(report.hostname, 'web01');
      assert.deepEqual(report.users, [
        { name: 'default', isDefault: true, password: 'none', sshKeys: [] },
        { name: 'admin', isDefault: false, password: 'plain', sshKeys: [{ type: 'ssh-ed25519', fingerprint: key.fingerprint, comment: 'admin@laptop' }] },
      ]);
      assert.deepEqual(report.network, {
        file: 'network-config',
        format: 'netplan-v2',
        interfaces: [{ name: 'eth0', kind: 'ethernet', mac: '52:54:00:aa:bb:cc', dhcp4: false, dhcp6: false, addresses: ['192.0.2.10/24'], gateways: ['192.0.2.1'] }],
        nameservers: ['192.0.2.53'],
        search: ['example.com'],
      });
      assert.deepEqual(report.warnings, []);
    });
  }
});

describe('config drives from mkisofs-style tools', () => {
  for (const [tool, args, tables] of [
    ['genisoimage', ['-J', '-r'], { joliet: true, rockRidge: true }],
    ['genisoimage', ['-J'], { joliet: true, rockRidge: false }],
    ['xorriso', ['-R', '-J'], { joliet: true, rockRidge: true }],
    // xorriso's mkisofs emulation writes Rock Ridge unless told --norock.
    ['xorriso', ['--norock', '-J'], { joliet: true, rockRidge: false }],
  ] as const) {
    test(`${tool} ${args.join(' ')} -V config-2: exact files, name tables, report`, async () => {
      const report = readSeed(await makeIso(tool, [...args, '-V', 'config-2'], CONFIG_DRIVE));
      assert.deepEqual(report.filesystem, {
        type: 'iso9660',
        nameTables: { primary: true, ...tables },
        namesReadFrom: tables.rockRidge ? 'rock-ridge' : 'joliet',
      });
      assert.deepEqual(report.tree, CONFIG_DRIVE);
      assert.equal(report.datasource, 'configdrive');
      assert.equal(report.instanceId, 'f3c1b0e4-0000-4000-8000-000000000001');
      assert.equal(report.hostname, 'drive01');
      assert.deepEqual(report.users, [{ name: 'ops', isDefault: false, password: 'hash', sshKeys: [] }]);
      assert.equal(report.network?.format, 'network_data.json');
      assert.deepEqual(report.network?.interfaces[0], {
        name: 'tap0', kind: 'ethernet', mac: '52:54:00:00:00:01', dhcp4: false, dhcp6: false, addresses: ['10.0.0.5/24'], gateways: ['10.0.0.1'],
      });
      assert.deepEqual(report.network?.nameservers, ['10.0.0.2']);
      assert.deepEqual(report.warnings, []);
    });
  }

  test('multipass-style Joliet-only NoCloud disc (xorriso -as mkisofs --norock -J -V cidata)', async () => {
    const files = nocloudFiles();
    const tree = textTree({ 'meta-data': files.metaData, 'user-data': files.userData, 'network-config': files.networkConfig });
    const report = readSeed(await makeIso('xorriso', ['--norock', '-J', '-V', 'cidata'], tree));
    assert.deepEqual(report.tree, tree);
    assert.equal(report.datasource, 'nocloud');
    assert.equal(report.filesystem.type === 'iso9660' && report.filesystem.namesReadFrom, 'joliet');
  });
});

test('an oVirt Run Once payload as vdsm writes it (mkisofs -R -J -V config-2): ENI networking, default user', async () => {
  const eni = 'auto eth0\niface eth0 inet static\n  hwaddress 56:6f:ab:cd:00:01\n  address 10.50.200.242\n  netmask 255.255.255.0\n  gateway 10.50.200.1\n  dns-nameservers 10.50.0.53\n';
  const meta = { uuid: '6f1c2a4e-8d3b-4c5a-9e7f-0a1b2c3d4e5f', hostname: 'engine-vm', launch_index: '0', meta: { dsmode: 'local', essential: 'false', role: 'server' }, 'network-interfaces': eni, public_keys: [key.line] };
  const tree = textTree({
    'openstack/latest/meta_data.json': JSON.stringify(meta),
    'openstack/latest/user_data': '#cloud-config\nuser: root\npassword: $6$s$h\n',
    'openstack/content/0000': eni,
  });
  const report = readSeed(await makeIso('genisoimage', ['-R', '-J', '-V', 'config-2'], tree));
  assert.equal(report.datasource, 'ovirt');
  assert.equal(report.hostname, 'engine-vm');
  assert.deepEqual(report.users, [{ name: 'root', isDefault: true, password: 'hash', sshKeys: [{ type: 'ssh-ed25519', fingerprint: key.fingerprint, comment: 'admin@laptop' }] }]);
  assert.deepEqual(report.network, {
    file: 'openstack/latest/meta_data.json',
    format: 'eni',
    interfaces: [{ name: 'eth0', kind: 'ethernet', mac: '56:6f:ab:cd:00:01', dhcp4: false, dhcp6: false, addresses: ['10.50.200.242/24'], gateways: ['10.50.200.1'] }],
    nameservers: ['10.50.0.53'],
    search: [],
  });
  assert.deepEqual(report.warnings, []);
});

describe('mkfs.vfat + mcopy seeds', () => {
  for (const [fatType, args, kibibytes] of [
    [12, ['-F', '12'], 1440],
    [16, ['-F', '16'], 16 * 1024],
    [32, ['-F', '32'], 40 * 1024],
  ] as const) {
    test(`FAT${fatType}: long names in sub-folders, label, report`, async () => {
      const report = readSeed(await makeVfat([...args, '-n', 'CONFIG-2'], kibibytes, CONFIG_DRIVE));
      assert.deepEqual(report.filesystem, { type: 'vfat', fatType, bootLabel: 'CONFIG-2' });
      assert.equal(report.label, 'CONFIG-2');
      assert.deepEqual(report.tree, CONFIG_DRIVE);
      assert.equal(report.datasource, 'configdrive');
      assert.equal(report.instanceId, 'f3c1b0e4-0000-4000-8000-000000000001');
      assert.deepEqual(report.warnings, []);
    });
  }
});

describe("cloudseed's own images, checked against independent extraction and the spec", () => {
  for (const [specName, options, expected] of [
    ['nocloud-full', { filesystem: 'iso9660' }, { datasource: 'nocloud', hostname: 'web01', users: ['default', 'admin', 'deploy'], network: 'v1' }],
    ['nocloud-full', { filesystem: 'vfat' }, { datasource: 'nocloud', hostname: 'web01', users: ['default', 'admin', 'deploy'], network: 'v1' }],
    ['configdrive-network', { filesystem: 'iso9660' }, { datasource: 'configdrive', hostname: 'net01', users: ['default'], network: 'network_data.json' }],
    ['ovirt-seed', { filesystem: 'iso9660' }, { datasource: 'ovirt', hostname: 'abc123', users: ['root'], network: 'network_data.json' }],
  ] as const) {
    test(`${specName} as ${options.filesystem}`, async () => {
      const { data, baseDir } = await loadSpecFile(join(GOLDEN_ROOT, 'specs', `${specName}.yaml`));
      const seed = await buildSeed(data, { ...options, baseDir });
      const report = readSeed(seed.image);
      await withTempDir((dir) => {
        const path = writeImageFile(dir, 'seed.img', seed.image);
        const extracted = options.filesystem === 'vfat' ? extractFatWithMtools(path, join(dir, 'out')) : extractIsoWithXorriso(path, join(dir, 'out'));
        assert.deepEqual(report.tree, extracted);
      });
      assert.deepEqual(report.tree, seed.files);
      assert.equal(report.label, seed.label);
      assert.equal(report.datasource, expected.datasource);
      assert.equal(report.hostname, expected.hostname);
      assert.deepEqual(report.users.map((user) => user.name), expected.users);
      assert.equal(report.network?.format, expected.network);
      assert.ok(report.instanceId, 'an instance-id');
      assert.deepEqual(report.warnings, []);
    });
  }

  test('nocloud-full: key fingerprints and password kinds, never the hash', async () => {
    const { data, baseDir } = await loadSpecFile(join(GOLDEN_ROOT, 'specs', 'nocloud-full.yaml'));
    const report = readSeed((await buildSeed(data, { baseDir })).image);
    const admin = report.users.find((user) => user.name === 'admin');
    assert.equal(admin?.password, 'hash');
    assert.deepEqual(admin?.sshKeys.map((k) => k.comment), ['admin@laptop']);
    assert.match(admin?.sshKeys[0]?.fingerprint ?? '', /^SHA256:[A-Za-z0-9+/]{43}$/);
    assert.doesNotMatch(JSON.stringify({ ...report, tree: undefined }), /\$6\$/);
  });
});

test('garbage and truncated images are IoErrors', async () => {
  const random = new Uint8Array(200_000).map((_, i) => (i * 7919 + 13) % 251);
  assert.throws(() => readSeed(random), IoError);
  assert.throws(() => readSeed(new Uint8Array(0)), IoError);
  const iso = await makeIso('genisoimage', ['-J', '-r', '-V', 'config-2'], CONFIG_DRIVE);
  const fileData = Buffer.from(iso).indexOf('injected file');
  for (const length of [17 * 2048, 20 * 2048, fileData]) {
    assert.throws(() => readSeed(iso.subarray(0, length)), IoError, `cut at ${length}`);
  }
  const fat = await makeVfat(['-F', '32', '-n', 'CIDATA'], 40 * 1024, CONFIG_DRIVE);
  for (const length of [512, 64 * 1024, fat.length / 2]) {
    assert.throws(() => readSeed(fat.subarray(0, length)), IoError, `cut at ${length}`);
  }
});
