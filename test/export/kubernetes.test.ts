/**
 * The metal3 and kubevirt targets: YAML parsed by PyYAML, Secret values base64-decoded, and each
 * payload laid out as the consumer hands it to the guest, then read by cloud-init's own readers.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { exportSeed } from '../../src/export/export.js';
import { renderSeed } from '../../src/seed.js';
import { loadSpecFile } from '../../src/input/load.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { fromBase64, knownMacs, readConfigDrive } from '../helpers/config-drive.js';
import { runTool, withTempDir } from '../helpers/tools.js';

const SALT = { saltSeed: 'export-test-salt' };
const decoder = new TextDecoder();

interface Secret {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  type: string;
  data: Record<string, string>;
}

/** Every document of a YAML stream, by PyYAML's safe_load_all (as kubectl's YAML would accept them). */
function loadAllWithPyYaml(text: string): unknown[] {
  const script = 'import sys, json, yaml; print(json.dumps([d for d in yaml.safe_load_all(sys.stdin.read()) if d is not None]))';
  return JSON.parse(runTool('/usr/bin/python3', ['-c', script], { input: text }).stdout) as unknown[];
}

const fileText = (exported: { files: readonly { name: string; content: Uint8Array }[] }, name: string): string =>
  decoder.decode(exported.files.find((file) => file.name === name)!.content);

test('metal3: three Secrets with userData, networkData, metaData; as Ironic lays them out, cloud-init reads the seed', async () => {
  const { data, baseDir } = await loadSpecFile(join(REPO_ROOT, 'examples', 'configdrive.yaml'));
  const exported = await exportSeed(data, 'metal3', { baseDir, ...SALT });
  const rendered = await renderSeed(data, { baseDir, ...SALT });
  const secrets = loadAllWithPyYaml(fileText(exported, 'metal3-secrets.yaml')) as Secret[];
  assert.deepEqual(secrets.map((secret) => secret.metadata.name), ['db01-user-data', 'db01-network-data', 'db01-meta-data']);
  for (const secret of secrets) assert.equal(secret.kind, 'Secret');
  const value = (field: string): string => decoder.decode(fromBase64(secrets.find((secret) => field in secret.data)!.data[field]!));
  assert.equal(value('userData'), decoder.decode(rendered.files.get('openstack/latest/user_data')));
  const metaData = JSON.parse(value('metaData'));
  assert.equal(metaData.uuid, exported.instanceId);
  assert.equal(metaData.files, undefined);
  assert.match(exported.warnings.join('\n'), /injected|files: are dropped/);
  assert.match(exported.warnings.join('\n'), /vendor_data is dropped/);
  await withTempDir((dir) => {
    const latest = join(dir, 'openstack', 'latest');
    mkdirSync(latest, { recursive: true });
    writeFileSync(join(latest, 'user_data'), value('userData'));
    writeFileSync(join(latest, 'network_data.json'), value('networkData'));
    writeFileSync(join(latest, 'meta_data.json'), value('metaData'));
    const view = readConfigDrive(dir, knownMacs(rendered.model));
    assert.equal(view.datasource.found, true);
    assert.equal(view.datasource.instance_id, exported.instanceId);
    assert.equal(view.datasource.hostname, 'db01');
    assert.ok(view.datasource.network_config?.config.some((entry) => entry['type'] === 'physical'));
  });
});

test('kubevirt NoCloud: secretRef volume and Secret; with the meta-data KubeVirt writes, cloud-init reads user and network data', async () => {
  const { data, baseDir } = await loadSpecFile(join(REPO_ROOT, 'examples', 'web01.yaml'));
  const exported = await exportSeed(data, 'kubevirt', { baseDir, name: 'vm1', ...SALT });
  const rendered = await renderSeed(data, { baseDir, ...SALT });
  const [secret] = loadAllWithPyYaml(fileText(exported, 'secret.yaml')) as Secret[];
  assert.equal(secret!.metadata.name, 'vm1-cloud-init');
  const volume = loadAllWithPyYaml(fileText(exported, 'volume.yaml'))[0] as { volumes: Record<string, unknown>[]; disks: unknown[] };
  assert.deepEqual(volume.volumes[0], {
    name: 'cloudinitdisk',
    cloudInitNoCloud: { secretRef: { name: 'vm1-cloud-init' }, networkDataSecretRef: { name: 'vm1-cloud-init' } },
  });
  assert.deepEqual(volume.disks[0], { name: 'cloudinitdisk', disk: { bus: 'virtio' } });
  const userData = fromBase64(secret!.data['userdata']!);
  const networkData = fromBase64(secret!.data['networkdata']!);
  assert.deepEqual(userData, rendered.files.get('user-data'));
  assert.deepEqual(networkData, rendered.files.get('network-config'));
  assert.match(exported.warnings.join('\n'), /KubeVirt writes the meta-data itself/);
  await withTempDir((dir) => {
    writeFileSync(join(dir, 'meta-data'), 'instance-id: vm1.default\nlocal-hostname: vm1\n');
    writeFileSync(join(dir, 'user-data'), userData);
    writeFileSync(join(dir, 'network-config'), networkData);
    const seen = JSON.parse(runTool('/usr/bin/python3', [join(REPO_ROOT, 'test/helpers/read-nocloud.py'), dir]).stdout);
    assert.equal(seen.found, true);
    assert.equal(seen.instance_id, 'vm1.default');
    assert.equal(seen.userdata_raw, decoder.decode(userData));
    // The NoCloud network-config as every seed carries it (v1 unless the spec asks for v2: docs/datasources.md).
    assert.equal(seen.network_config.version, rendered.model.networkConfigVersion);
  });
});

test('kubevirt ConfigDrive: cloudInitConfigDrive with network_data.json; dropped meta_data fields are named', async () => {
  const { data, baseDir } = await loadSpecFile(join(REPO_ROOT, 'examples', 'configdrive.yaml'));
  const exported = await exportSeed(data, 'kubevirt', { baseDir, ...SALT });
  const rendered = await renderSeed(data, { baseDir, ...SALT });
  const [secret] = loadAllWithPyYaml(fileText(exported, 'secret.yaml')) as Secret[];
  const volume = loadAllWithPyYaml(fileText(exported, 'volume.yaml'))[0] as { volumes: Record<string, unknown>[] };
  assert.deepEqual(Object.keys(volume.volumes[0]!), ['name', 'cloudInitConfigDrive']);
  const warnings = exported.warnings.join('\n');
  for (const dropped of [/public_keys come from the VM's accessCredentials/, /meta: is dropped/, /injected file/, /vendor_data is dropped/]) assert.match(warnings, dropped);
  await withTempDir((dir) => {
    const latest = join(dir, 'openstack', 'latest');
    mkdirSync(latest, { recursive: true });
    writeFileSync(join(latest, 'meta_data.json'), JSON.stringify({ uuid: 'vm-uuid', hostname: 'db01' }));
    writeFileSync(join(latest, 'user_data'), fromBase64(secret!.data['userdata']!));
    writeFileSync(join(latest, 'network_data.json'), fromBase64(secret!.data['networkdata']!));
    const view = readConfigDrive(dir, knownMacs(rendered.model));
    assert.equal(view.datasource.found, true);
    assert.ok(view.datasource.network_config?.config.some((entry) => entry['type'] === 'physical'));
    assert.deepEqual(fromBase64(view.datasource.userdata_raw), rendered.files.get('openstack/latest/user_data'));
  });
});

test('--name and --storage are checked and named when invalid; the default name is the host name as a DNS label', async () => {
  await assert.rejects(exportSeed({ hostname: 'h1' }, 'metal3', { name: 'Bad_Name' }), /^SpecError: name: must be lowercase letters/);
  await assert.rejects(exportSeed({ hostname: 'h1' }, 'proxmox', { storage: 'local;rm' }), /storage: must be a Proxmox storage ID/);
  const exported = await exportSeed({ hostname: 'Web-01' }, 'metal3');
  const [first] = loadAllWithPyYaml(decoder.decode(exported.files[0]!.content)) as Secret[];
  assert.equal(first!.metadata.name, 'web-01-user-data');
});
