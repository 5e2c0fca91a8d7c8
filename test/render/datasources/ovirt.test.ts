/**
 * oVirt Run Once payloads: golden trees; the seed example compared field by field with what oVirt's
 * engine writes (ovirt-engine vdsbroker CloudInitHandler); every image read back by cloud-init's
 * config-drive code, its passwords run through cloud-init's own user and password handling, and its
 * user-data through cloud-init's schema validator.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { contentBytes } from '../../../src/input/source-file-reader.js';
import {
  applyPasswords,
  assertValidCloudConfig,
  convertEni,
  fromBase64,
  readBuiltCase,
  readRenderedCase,
  renderCase,
  verifyCrypt,
} from '../../helpers/config-drive.js';
import { assertMatchesGolden } from '../../helpers/golden.js';
import { loadWithPyYaml } from '../../helpers/images.js';
import { withTempDir } from '../../helpers/tools.js';

const CASES = ['ovirt-minimal', 'ovirt-seed', 'ovirt-users', 'ovirt-files'];
const META_DATA = 'openstack/latest/meta_data.json';
const USER_DATA = 'openstack/latest/user_data';
const decode = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);

/** What oVirt's engine writes for the seed example (Run Once: host name abc123, root password 123456, eth0 static). */
const OVIRT_ENI = 'auto eth0\niface eth0 inet static\n  address 10.50.200.242\n  netmask 255.255.255.0\n  gateway 10.50.200.1\n';
const OVIRT_RUNCMD =
  "sed -i '/^datasource_list: /d' /etc/cloud/cloud.cfg; echo 'datasource_list: [\"NoCloud\", \"ConfigDrive\"]' >> /etc/cloud/cloud.cfg";
const OVIRT_META_DATA = {
  availability_zone: 'nova',
  hostname: 'abc123',
  launch_index: '0',
  meta: { dsmode: 'local', essential: 'false', role: 'server' },
  name: 'abc123',
  'network-interfaces': OVIRT_ENI,
  network_config: { content_path: '/content/0000', path: '/etc/network/interfaces' },
};
const OVIRT_USER_DATA = [
  '#cloud-config',
  'ssh_pwauth: true',
  'disable_root: 0',
  "ssh_deletekeys: 'True'",
  'user: root',
  "password: '123456'",
  'chpasswd: {expire: false}',
  'output: {all: ">> /var/log/cloud-init-output.log"}',
  'runcmd:',
  `- ${JSON.stringify(OVIRT_RUNCMD)}`,
  '',
].join('\n');

/** cloud-init's reading of an ENI text, without what only ours carries: the NIC's MAC and the loopback stanza. */
function eniEssentials(text: string): Record<string, unknown>[] {
  return convertEni(text)
    .config.filter((entry) => entry['type'] !== 'loopback')
    .map(({ mac_address: _mac, ...entry }) => entry);
}

describe('ovirt renderer', () => {
  for (const caseName of CASES) {
    test(`${caseName}: matches the golden tree`, async () => {
      assertMatchesGolden((await renderCase(caseName)).files, caseName);
    });

    test(`${caseName}: cloud-init reads the ISO image back as the spec says`, async () => {
      const { seed, view } = await readBuiltCase(caseName);
      const { model } = seed;
      assert.equal(view.reader.metadata['instance-id'], seed.instanceId);
      assert.equal(view.reader.dsmode, 'local');

      const ds = view.datasource;
      assert.equal(ds.found, true);
      assert.equal(ds.dsmode, 'local');
      assert.equal(ds.instance_id, seed.instanceId);
      assert.equal(ds.hostname, model.hostname);
      assert.deepEqual(ds.public_keys, model.ssh.authorizedKeys);
      assert.deepEqual(fromBase64(ds.userdata_raw), seed.files.get(USER_DATA));
      const injected = Object.fromEntries(model.files.map((file) => [file.path, contentBytes(file.content)]));
      assert.deepEqual(Object.fromEntries(Object.entries(ds.files).map(([path, b64]) => [path, fromBase64(b64)])), injected);
      if (model.network) {
        // Old cloud-init reads the ENI text through network_config; newer prefers network_data.json.
        assert.equal(view.reader.eni, decode(seed.files.get('openstack/content/0000')));
        assert.deepEqual(ds.network_config, view.reader.network_v1);
      } else {
        assert.equal(view.reader.eni, null);
        assert.equal(ds.network_config, null);
      }
    });

    test(`${caseName}: cloud-init's schema validator accepts the user-data without deprecations`, async () => {
      const view = await readRenderedCase(caseName);
      await withTempDir((dir) => {
        const parts = view.datasource.userdata_parts.filter((part) => part.type === 'text/cloud-config');
        assert.ok(parts.length >= 1);
        parts.forEach((part, i) => {
          assertValidCloudConfig(decode(fromBase64(part.content)), join(dir, `cloud-config-${i}`));
        });
      });
    });

    test(`${caseName}: cloud-init makes the first user the default user and gives every user its password as a hash`, async () => {
      const seed = await renderCase(caseName);
      const cloudConfig = decode(fromBase64((await readRenderedCase(caseName)).datasource.userdata_parts[0]!.content));
      const view = await withTempDir((dir) => {
        writeFileSync(join(dir, 'cloud-config'), cloudConfig);
        return applyPasswords(join(dir, 'cloud-config'));
      });
      const [first] = seed.model.users;
      // Without users the image's own default user stays (cloud.cfg's `users: [default]`, not read here).
      assert.equal(view.default_user, first?.name ?? null);
      // Every password, the first user's included, is the user entry's own hash: nothing is left for chpasswd.
      assert.deepEqual(view.chpasswd, []);
      assert.deepEqual(view.expired, []);
      for (const user of seed.model.users) assert.equal(view.users[user.name]?.['hashed_passwd'], user.passwordHash);
    });
  }

  test('the seed example reproduces oVirt\'s payload field for field (the password as a hash)', async () => {
    const seed = await renderCase('ovirt-seed');
    assert.deepEqual(
      [...seed.files.keys()],
      ['openstack/content/0000', META_DATA, 'openstack/latest/network_data.json', USER_DATA],
    );

    const { uuid, ...metaData } = JSON.parse(decode(seed.files.get(META_DATA)));
    assert.equal(uuid, seed.instanceId);
    const { 'network-interfaces': eni, ...rest } = metaData;
    const { 'network-interfaces': ovirtEni, ...ovirtRest } = OVIRT_META_DATA;
    assert.deepEqual(rest, ovirtRest);
    // The ENI text may differ in layout; cloud-init must read the same interface from it (ours adds hwaddress and lo).
    assert.equal(decode(seed.files.get('openstack/content/0000')), eni);
    assert.deepEqual(eniEssentials(eni), eniEssentials(ovirtEni));

    const ours = loadWithPyYaml(decode(seed.files.get(USER_DATA))) as Record<string, unknown>;
    const theirs = loadWithPyYaml(OVIRT_USER_DATA) as Record<string, unknown>;
    for (const key of ['ssh_pwauth', 'chpasswd', 'runcmd']) assert.deepEqual(ours[key], theirs[key], key);
    // Same meaning, in the types cloud-init's schema wants (oVirt writes 0 and the string 'True').
    assert.equal(ours['disable_root'], false);
    assert.equal(ours['ssh_deletekeys'], true);
    // No output redirection: cloud-init warns in every stage when user-data changes it.
    assert.equal(ours['output'], undefined);
    // `user` as a mapping (the string form is deprecated since cloud-init 22.2), with its own
    // password (a user with lock_passwd: false and no password of its own is a WARNING from 24.3).
    const { hashed_passwd: hash, ...user } = ours['user'] as Record<string, unknown>;
    assert.deepEqual(user, { name: 'root', lock_passwd: false });
    assert.equal(ours['password'], undefined);
    assert.match(String(hash), /^\$6\$/);
    assert.ok(verifyCrypt('123456', String(hash)), 'the hash verifies against the Run Once password');

    // cloud-init acts on both payloads alike: root's password set (ours by the user entry, as a
    // hash; theirs by cc_set_passwords, in clear), not expired, password login on.
    const [ourView, theirView] = await withTempDir((dir) => {
      writeFileSync(join(dir, 'ours'), decode(seed.files.get(USER_DATA)));
      writeFileSync(join(dir, 'theirs'), OVIRT_USER_DATA);
      return [applyPasswords(join(dir, 'ours')), applyPasswords(join(dir, 'theirs'))];
    });
    assert.equal(ourView!.default_user, theirView!.default_user);
    assert.deepEqual(ourView!.chpasswd, []);
    assert.equal(ourView!.users['root']?.['hashed_passwd'], hash);
    assert.deepEqual(theirView!.chpasswd, [{ user: 'root', password: '123456', hashed: false }]);
    assert.deepEqual(ourView!.expired, theirView!.expired);
    assert.deepEqual(ourView!.ssh_pwauth, theirView!.ssh_pwauth);

    // network_data.json says the same as the ENI text.
    const view = await readRenderedCase('ovirt-seed');
    const [eth0] = view.reader.network_v1!.config;
    assert.equal(eth0!['name'], 'eth0');
    assert.deepEqual(
      (eth0!['subnets'] as Record<string, unknown>[]).map(({ type, address, netmask, routes }) => ({ type, address, netmask, routes })),
      [{ type: 'static', address: '10.50.200.242', netmask: '255.255.255.0', routes: [{ network: '0.0.0.0', netmask: '0.0.0.0', gateway: '10.50.200.1' }] }],
    );
  });

  test('the first user is oVirt\'s user; the others, oVirt\'s commands and the spec\'s meta merge in', async () => {
    const seed = await renderCase('ovirt-users');
    const userData = loadWithPyYaml(decode(seed.files.get(USER_DATA))) as Record<string, unknown>;
    assert.deepEqual(userData['user'], {
      name: 'admin',
      groups: ['adm', 'sudo'],
      shell: '/bin/bash',
      sudo: 'ALL=(ALL) NOPASSWD:ALL',
      lock_passwd: false,
      hashed_passwd: seed.model.users[0]!.passwordHash,
    });
    assert.equal(userData['password'], undefined);
    assert.deepEqual((userData['users'] as unknown[]).slice(-1), [
      {
        name: 'deploy',
        lock_passwd: false,
        hashed_passwd: seed.model.users[1]!.passwordHash,
        ssh_authorized_keys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMFcLQa5LtljAU6hzHLRucNvrq2+nO1ZUSgbxus8oGZO deploy@ci'],
      },
    ]);
    assert.equal(userData['ssh_pwauth'], false, 'the spec overrides oVirt\'s password login');
    assert.deepEqual(userData['runcmd'], [OVIRT_RUNCMD, 'echo after-ovirt']);
    const metaData = JSON.parse(decode(seed.files.get(META_DATA)));
    assert.deepEqual(metaData.meta, { dsmode: 'local', essential: 'false', role: 'app', tier: 'backend' });
    assert.equal(metaData.hostname, 'app01.example.com');
    assert.equal(metaData.name, 'app01.example.com');
    assert.deepEqual(metaData.public_keys, seed.model.ssh.authorizedKeys);
  });

  test('injected files follow the network file: 0000 is /etc/network/interfaces, files from 0001', async () => {
    const seed = await renderCase('ovirt-files');
    const metaData = JSON.parse(decode(seed.files.get(META_DATA)));
    assert.deepEqual(metaData.network_config, { content_path: '/content/0000', path: '/etc/network/interfaces' });
    assert.deepEqual(metaData.files, [
      { path: '/etc/app/config.ini', content_path: '/content/0001' },
      { path: '/usr/local/share/blob.bin', content_path: '/content/0002' },
    ]);
    seed.model.files.forEach((file, i) => {
      assert.deepEqual(seed.files.get(`openstack/content/000${i + 1}`), contentBytes(file.content));
    });
    const minimal = await renderCase('ovirt-minimal');
    assert.deepEqual([...minimal.files.keys()], [META_DATA, USER_DATA]);
  });
});
