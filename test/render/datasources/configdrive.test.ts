/**
 * OpenStack config drives judged by their real consumer: golden trees, then each image built,
 * extracted with xorriso and read by cloud-init's ConfigDriveReader, read_config_drive and
 * DataSourceConfigDrive (test/helpers/read-config-drive.py), and its user-data and vendor-data
 * checked by cloud-init's schema validator.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { renderConfigDrive } from '../../../src/render/datasources/configdrive.js';
import { contentBytes, materializeTree } from '../../../src/input/source-file-reader.js';
import { collectWarnings } from '../../../src/render/warnings.js';
import { prepareModel } from '../../../src/seed.js';
import {
  assertValidCloudConfig,
  fromBase64,
  readBuiltCase,
  readRenderedCase,
  renderCase,
} from '../../helpers/config-drive.js';
import { assertMatchesGolden } from '../../helpers/golden.js';
import { withTempDir } from '../../helpers/tools.js';

const CASES = [
  'configdrive-minimal',
  'configdrive-users',
  'configdrive-network',
  'configdrive-files',
  'configdrive-vendor',
  'configdrive-multipart',
];
const VERSIONS = ['latest', '2018-08-27'];
const decode = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);

describe('configdrive renderer', () => {
  for (const caseName of CASES) {
    test(`${caseName}: matches the golden tree`, async () => {
      assertMatchesGolden((await renderCase(caseName)).files, caseName);
    });

    test(`${caseName}: cloud-init reads the ISO image back as the spec says`, async () => {
      const { seed, view } = await readBuiltCase(caseName);
      const { model } = seed;
      const userData = seed.files.get('openstack/latest/user_data');

      for (const [path, content] of seed.files) {
        if (path.startsWith('openstack/latest/')) {
          assert.deepEqual(seed.files.get(path.replace('/latest/', '/2018-08-27/')), content, `${path} in both version folders`);
        }
      }
      const metadata = view.reader.metadata;
      assert.equal(metadata['instance-id'], seed.instanceId);
      assert.equal(metadata['local-hostname'], model.fqdn ?? model.hostname);
      assert.deepEqual(fromBase64(view.reader.userdata), userData);
      assert.deepEqual(view.read_config_drive.version, 2);
      assert.deepEqual(view.read_config_drive.metadata, metadata);

      const ds = view.datasource;
      assert.equal(ds.found, true);
      assert.equal(ds.instance_id, seed.instanceId);
      assert.equal(ds.hostname, model.hostname);
      assert.equal(ds.fqdn, model.fqdn ?? model.hostname);
      assert.deepEqual([...ds.public_keys].sort(), [...model.ssh.authorizedKeys].sort());
      assert.deepEqual(fromBase64(ds.userdata_raw), userData);
      assert.deepEqual(
        ds.userdata_parts.map((part) => part.type),
        ['text/cloud-config', ...model.userDataParts.map((part) => part.type)],
      );
      model.userDataParts.forEach((part, i) => {
        assert.deepEqual(fromBase64(ds.userdata_parts[i + 1]!.content), part.content);
      });
      const injected = Object.fromEntries(model.files.map((file) => [file.path, contentBytes(file.content)]));
      assert.deepEqual(Object.fromEntries(Object.entries(view.reader.files).map(([path, b64]) => [path, fromBase64(b64)])), injected);
      assert.deepEqual(Object.fromEntries(Object.entries(ds.files).map(([path, b64]) => [path, fromBase64(b64)])), injected);
      if (model.network) assert.deepEqual(ds.network_config, view.reader.network_v1);
      else assert.equal(ds.network_config, null);
    });

    test(`${caseName}: cloud-init's schema validator accepts user-data and vendor-data without deprecations`, async () => {
      const view = await readRenderedCase(caseName);
      await withTempDir((dir) => {
        const documents = [
          ...view.datasource.userdata_parts.filter((part) => part.type === 'text/cloud-config').map((part) => decode(fromBase64(part.content))),
          ...(view.datasource.vendordata_raw?.startsWith('#cloud-config') ? [view.datasource.vendordata_raw] : []),
        ];
        assert.ok(documents.length >= 1);
        documents.forEach((text, i) => {
          assertValidCloudConfig(text, join(dir, `cloud-config-${i}`));
        });
      });
    });
  }

  test('meta_data.json: Nova keys, fqdn as hostname, public keys named by comment or position', async () => {
    const seed = await renderCase('configdrive-users');
    const metadata = JSON.parse(decode(seed.files.get('openstack/latest/meta_data.json')));
    const [ecdsa, ed25519, ed25519Again] = seed.model.ssh.authorizedKeys;
    assert.deepEqual(metadata, {
      uuid: seed.instanceId,
      name: 'web01',
      hostname: 'web01.example.com',
      launch_index: 0,
      availability_zone: 'nova',
      public_keys: { 'ops@bastion': ecdsa, 'key-2': ed25519, 'ops@bastion-2': ed25519Again },
      keys: [
        { name: 'ops@bastion', type: 'ssh', data: ecdsa },
        { name: 'key-2', type: 'ssh', data: ed25519 },
        { name: 'ops@bastion-2', type: 'ssh', data: ed25519Again },
      ],
      meta: { role: 'web', owner: 'team ünïcode' },
    });
    // Per-user keys stay with their user in the cloud-config, not in public_keys.
    assert.match(decode(seed.files.get('openstack/latest/user_data')), /- name: admin\n(?:.*\n)*?\s+ssh_authorized_keys:\n\s+- ssh-ed25519 \S+ admin@laptop/);
  });

  test('network_data.json gives cloud-init the intended addresses, routes and DNS', async () => {
    const view = await readRenderedCase('configdrive-network');
    const essentials = view.reader.network_v1!.config.map((entry) => ({
      name: entry['name'],
      mac_address: entry['mac_address'],
      mtu: entry['mtu'],
      subnets: (entry['subnets'] as Record<string, unknown>[]).map(({ type, address, netmask, routes, dns_nameservers, dns_search }) =>
        JSON.parse(JSON.stringify({ type, address, netmask, routes, dns_nameservers, dns_search })),
      ),
    }));
    const route = (network: string, netmask: string, gateway: string) => ({ network, netmask, gateway });
    assert.deepEqual(essentials, [
      {
        name: 'eth0',
        mac_address: '52:54:00:12:34:56',
        mtu: 1500,
        subnets: [
          {
            type: 'static',
            address: '192.0.2.10',
            netmask: '255.255.255.0',
            routes: [route('0.0.0.0', '0.0.0.0', '192.0.2.1'), route('10.0.0.0', '255.0.0.0', '192.0.2.254')],
            dns_nameservers: ['192.0.2.53', '2001:db8::53'],
            dns_search: ['example.com'],
          },
          { type: 'static6', address: '2001:db8::10', netmask: 'ffff:ffff:ffff:ffff::', routes: [route('::', '::', '2001:db8::1')] },
        ],
      },
      { name: 'eth1', mac_address: '52:54:00:12:34:57', mtu: undefined, subnets: [{ type: 'dhcp4' }] },
    ]);
  });

  test('vendor data: the {"cloud-init": text} form, which cloud-init turns into vendor-data as given', async () => {
    for (const caseName of ['configdrive-files', 'configdrive-vendor']) {
      const seed = await renderCase(caseName);
      const view = await readRenderedCase(caseName);
      const written = JSON.parse(decode(seed.files.get('openstack/latest/vendor_data.json')));
      assert.deepEqual(Object.keys(written), ['cloud-init']);
      assert.equal(view.datasource.vendordata_raw, written['cloud-init']);
    }
    const files = await renderCase('configdrive-files');
    assert.equal(JSON.parse(decode(files.files.get('openstack/latest/vendor_data.json')))['cloud-init'], '#cloud-config\nruncmd:\n  - echo vendor\n');
  });

  test('injected files are numbered from 0000 in spec order, binary content intact', async () => {
    const seed = await renderCase('configdrive-files');
    const metadata = JSON.parse(decode(seed.files.get('openstack/latest/meta_data.json')));
    assert.deepEqual(metadata.files, [
      { path: '/etc/app/config.ini', content_path: '/content/0000' },
      { path: '/etc/app/token', content_path: '/content/0001' },
      { path: '/usr/local/share/blob.bin', content_path: '/content/0002' },
    ]);
    seed.model.files.forEach((file, i) => {
      assert.deepEqual(seed.files.get(`openstack/content/000${i}`), contentBytes(file.content));
    });
  });

  test('admin_pass is written only when opted in, and then the CLI is told to warn', async () => {
    const windows = await renderCase('configdrive-vendor');
    assert.equal(JSON.parse(decode(windows.files.get('openstack/latest/meta_data.json'))).admin_pass, 'P@ssw0rd-for-tests');
    assert.deepEqual(collectWarnings(windows.model), [
      'admin_pass is written in clear text into meta_data.json (windows.admin_pass_in_clear)',
    ]);
    for (const caseName of CASES.filter((name) => name !== 'configdrive-vendor')) {
      const seed = await renderCase(caseName);
      assert.equal(JSON.parse(decode(seed.files.get('openstack/latest/meta_data.json'))).admin_pass, undefined);
      assert.deepEqual(collectWarnings(seed.model), []);
    }
  });

  test('no JSON file is written empty: empty vendor data is refused, and left out by the renderer itself', async () => {
    await assert.rejects(prepareModel({ hostname: 'empty', datasource: 'configdrive', vendor_data: '' }), /vendor_data: is empty/);
    // The renderer does not rely on validation for this: a model with empty vendor data still gets no file.
    const model = { ...(await prepareModel({ hostname: 'empty', datasource: 'configdrive' })), vendorData: '' };
    const tree = materializeTree(renderConfigDrive(model), "this test");
    assert.deepEqual([...tree.keys()], VERSIONS.flatMap((v) => [`openstack/${v}/meta_data.json`, `openstack/${v}/user_data`]).sort());
    for (const [path, content] of tree) if (path.endsWith('.json')) assert.ok(content.length > 2 && JSON.parse(decode(content)));
  });
});
