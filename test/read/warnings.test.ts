/** Each readSeed warning, raised by an image a reference tool made with the flaw in it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readSeed, type SeedReport } from '../../src/read/seed.js';
import { runTool } from '../helpers/tools.js';
import { makeCloudLocalds, makeIso, makeVfat, textTree } from './reference-images.js';

const USER_DATA = '#cloud-config\nhostname: vm1\n';
const META_DATA = 'instance-id: iid-1\n';
const DRIVE_META = JSON.stringify({ uuid: 'u-1', hostname: 'vm1' });

function codes(report: SeedReport): string[] {
  return report.warnings.map((warning) => warning.code);
}

test('unknown-label: a label cloud-init does not look for', async () => {
  const report = readSeed(await makeIso('genisoimage', ['-J', '-r', '-V', 'seed'], textTree({ 'meta-data': META_DATA, 'user-data': USER_DATA })));
  assert.equal(report.datasource, undefined);
  assert.deepEqual(codes(report), ['unknown-label']);
});

test('label-case: CiData and Config-2 match only case-insensitively', async () => {
  const nocloud = readSeed(await makeIso('genisoimage', ['-J', '-r', '-V', 'CiData'], textTree({ 'meta-data': META_DATA, 'user-data': USER_DATA })));
  assert.equal(nocloud.datasource, undefined);
  assert.deepEqual(codes(nocloud), ['label-case']);
  assert.match(nocloud.warnings[0]?.message ?? '', /'cidata' or 'CIDATA'/);
  const drive = readSeed(await makeVfat(['-n', 'Config-2'], 1440, textTree({ 'openstack/latest/meta_data.json': DRIVE_META })));
  assert.deepEqual(codes(drive), ['label-case']);
});

test('upper-case CIDATA and CONFIG-2 are accepted on both filesystems', async () => {
  const nocloud = textTree({ 'meta-data': META_DATA, 'user-data': USER_DATA });
  assert.equal(readSeed(await makeIso('genisoimage', ['-J', '-r', '-V', 'CIDATA'], nocloud)).datasource, 'nocloud');
  assert.equal(readSeed(await makeVfat(['-n', 'cidata'], 1440, nocloud)).datasource, 'nocloud');
  const drive = textTree({ 'openstack/latest/meta_data.json': DRIVE_META });
  assert.equal(readSeed(await makeIso('genisoimage', ['-J', '-r', '-V', 'CONFIG-2'], drive)).datasource, 'configdrive');
});

test('label-boot-sector-only: the root label entry says something else', async () => {
  const image = await makeVfat(['-n', 'cidata'], 1440, textTree({ 'meta-data': META_DATA, 'user-data': USER_DATA }));
  // mkfs.vfat wrote the label twice: in the boot sector and as the root's volume-label entry (attribute 0x08).
  const entry = Buffer.from(image).indexOf(Buffer.from('cidata     \x08', 'latin1'), 512);
  assert.ok(entry > 0, 'found the root label entry');
  image.set(Buffer.from('OTHER      ', 'latin1'), entry);
  const report = readSeed(image);
  assert.equal(report.label, 'OTHER');
  assert.equal(report.datasource, 'nocloud');
  assert.deepEqual(codes(report), ['label-boot-sector-only']);
});

test('missing-file: NoCloud without meta-data; config-2 without latest', async () => {
  const nocloud = readSeed(await makeIso('genisoimage', ['-J', '-r', '-V', 'cidata'], textTree({ 'user-data': USER_DATA })));
  assert.deepEqual(nocloud.warnings.map((w) => [w.code, w.file]), [['missing-file', 'meta-data']]);
  const dated = readSeed(await makeIso('genisoimage', ['-J', '-r', '-V', 'config-2'], textTree({ 'openstack/2018-08-27/meta_data.json': DRIVE_META })));
  assert.deepEqual(codes(dated), ['missing-file']);
  assert.equal(dated.instanceId, 'u-1');
  const empty = readSeed(await makeIso('genisoimage', ['-J', '-r', '-V', 'config-2'], textTree({ 'README': 'x' })));
  assert.deepEqual(codes(empty), ['missing-file']);
});

test('invalid-json: an empty network_data.json and a broken vendor_data.json', async () => {
  const report = readSeed(
    await makeIso(
      'genisoimage',
      ['-J', '-r', '-V', 'config-2'],
      textTree({
        'openstack/latest/meta_data.json': DRIVE_META,
        'openstack/latest/network_data.json': '',
        'openstack/latest/vendor_data.json': '{"cloud-init": ',
      }),
    ),
  );
  assert.deepEqual(report.warnings.map((w) => [w.code, w.file]), [
    ['invalid-json', 'openstack/latest/network_data.json'],
    ['invalid-json', 'openstack/latest/vendor_data.json'],
  ]);
  assert.match(report.warnings[0]?.message ?? '', /empty/);
});

test('missing-uuid: meta_data.json without uuid', async () => {
  const report = readSeed(await makeIso('genisoimage', ['-J', '-r', '-V', 'config-2'], textTree({ 'openstack/latest/meta_data.json': '{"hostname": "vm1"}' })));
  assert.deepEqual(codes(report), ['missing-uuid']);
  assert.equal(report.instanceId, undefined);
  assert.equal(report.hostname, 'vm1');
});

test('no-joliet: an iso9660 config drive with Rock Ridge only', async () => {
  const report = readSeed(await makeIso('genisoimage', ['-r', '-V', 'config-2'], textTree({ 'openstack/latest/meta_data.json': DRIVE_META })));
  assert.deepEqual(codes(report), ['no-joliet']);
  const nocloud = readSeed(await makeIso('genisoimage', ['-r', '-V', 'cidata'], textTree({ 'meta-data': META_DATA, 'user-data': USER_DATA })));
  assert.deepEqual(codes(nocloud), [], 'NoCloud is read by Linux only: Rock Ridge is enough');
});

test('network-wrapper: network-config under a top-level network: key (cloud-localds -N)', async () => {
  const networkConfig = 'network:\n  version: 1\n  config:\n    - {type: physical, name: eth0, subnets: [{type: static, address: 10.1.0.5, netmask: 255.255.0.0, gateway: 10.1.0.1}]}\n';
  const report = readSeed(await makeCloudLocalds([], { userData: USER_DATA, metaData: META_DATA, networkConfig }));
  assert.deepEqual(codes(report), ['network-wrapper']);
  assert.deepEqual(report.network?.interfaces.map((i) => [i.name, i.addresses, i.gateways]), [['eth0', ['10.1.0.5/16'], ['10.1.0.1']]]);
});

test('missing-instance-id and invalid-yaml in meta-data', async () => {
  const noId = readSeed(await makeCloudLocalds([], { userData: USER_DATA, metaData: 'local-hostname: vm1\n' }));
  assert.deepEqual(codes(noId), ['missing-instance-id']);
  const broken = readSeed(await makeCloudLocalds([], { userData: '#cloud-config\nusers: [\n', metaData: 'instance-id: [\n' }));
  assert.deepEqual(broken.warnings.map((w) => [w.code, w.file]), [['invalid-yaml', 'meta-data'], ['invalid-yaml', 'user-data']]);
});

test('same-instance-id: changed content under the previous instance-id', async () => {
  const previous = await makeCloudLocalds([], { userData: USER_DATA, metaData: META_DATA });
  const changed = await makeCloudLocalds([], { userData: `${USER_DATA}packages: [nginx]\n`, metaData: META_DATA });
  assert.deepEqual(codes(readSeed(changed, { previous })), ['same-instance-id']);
  const rebuilt = await makeCloudLocalds([], { userData: USER_DATA, metaData: META_DATA });
  assert.deepEqual(codes(readSeed(rebuilt, { previous })), [], 'same files: the same seed, rebuilt');
  const renamed = await makeCloudLocalds([], { userData: `${USER_DATA}packages: [nginx]\n`, metaData: 'instance-id: iid-2\n' });
  assert.deepEqual(codes(readSeed(renamed, { previous })), []);
  assert.deepEqual(codes(readSeed(changed)), [], 'no previous image, no comparison');
});

/** True when PyYAML's safe_load (cloud-init's loader) raises on the text: the oracle for the cases below. */
function pyYamlRefuses(text: string): boolean {
  const script = 'import sys, yaml\ntry:\n    yaml.safe_load(sys.stdin.read())\nexcept yaml.YAMLError:\n    print("refused")';
  return runTool('/usr/bin/python3', ['-c', script], { input: text }).stdout.trim() === 'refused';
}

test('invalid-yaml: a user-data PyYAML refuses (C1 control, DEL, U+FFFE) is reported, and its users are not', async () => {
  for (const char of ['\x80', '\x9f', '\x7f', '\ufffe', '\x01']) {
    const userData = `#cloud-config\nusers:\n  - name: bob\n    gecos: Bob${char}\n`;
    assert.ok(pyYamlRefuses(userData), JSON.stringify(char));
    const report = readSeed(await makeCloudLocalds([], { userData, metaData: META_DATA }));
    assert.deepEqual(report.warnings.map((w) => [w.code, w.file]), [['invalid-yaml', 'user-data']], JSON.stringify(char));
    assert.match(report.warnings[0]?.message ?? '', /user-data holds U\+[0-9A-F]{4} at line 4, column 15, which PyYAML refuses/);
    // cloud-init falls back to its default user: bob is never created.
    assert.deepEqual(report.users.map((user) => user.name), ['default']);
  }
  const drive = readSeed(
    await makeIso('genisoimage', ['-J', '-r', '-V', 'config-2'], textTree({ 'openstack/latest/meta_data.json': DRIVE_META, 'openstack/latest/user_data': '#cloud-config\nruncmd: [a\x85\x81]\n' })),
  );
  assert.deepEqual(drive.warnings.map((w) => [w.code, w.file]), [['invalid-yaml', 'openstack/latest/user_data']]);
});

test('pyyaml-line-break: U+2028, U+2029 or U+0085 written raw, which PyYAML reads as a line break', async () => {
  for (const char of ['\u2028', '\u2029', '\x85']) {
    const userData = `#cloud-config\nusers:\n  - name: bob\n    gecos: a${char}b\n`;
    assert.ok(pyYamlRefuses(userData), JSON.stringify(char));
    const report = readSeed(await makeCloudLocalds([], { userData, metaData: META_DATA }));
    assert.deepEqual(report.warnings.map((w) => [w.code, w.file]), [['pyyaml-line-break', 'user-data']], JSON.stringify(char));
    assert.match(report.warnings[0]?.message ?? '', /reads as a line break/);
  }
});

test('invalid-yaml: an implicit key longer than the 1024 characters PyYAML allows', async () => {
  const userData = `#cloud-config\n${'k'.repeat(1100)}: 1\nhostname: vm1\n`;
  assert.ok(pyYamlRefuses(userData));
  const report = readSeed(await makeCloudLocalds([], { userData, metaData: META_DATA }));
  assert.deepEqual(report.warnings.map((w) => [w.code, w.file]), [['invalid-yaml', 'user-data']]);
});
