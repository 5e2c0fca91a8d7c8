/** The proxmox target: each snippet checked by cloud-init (schema, net-convert, PyYAML), the qm line by the shell, the 3 MiB limit. */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { exportSeed } from '../../src/export/export.js';
import { writeExport } from '../../src/export/write.js';
import { renderSeed } from '../../src/seed.js';
import { loadSpecFile } from '../../src/input/load.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { assertValidCloudConfig } from '../helpers/config-drive.js';
import { loadWithPyYaml } from '../helpers/images.js';
import { runTool, withTempDir } from '../helpers/tools.js';

const SALT = { saltSeed: 'export-test-salt' };

test('proxmox: user/vendor pass cloud-init schema, network passes net-convert, meta is YAML; qm set names every snippet', async () => {
  const { data, baseDir } = await loadSpecFile(join(REPO_ROOT, 'examples', 'web01.yaml'));
  const spec = { ...(data as object), vendor_data: { packages: ['qemu-guest-agent'] } };
  const exported = await exportSeed(spec, 'proxmox', { baseDir, name: 'vm1', storage: 'snip', ...SALT });
  const rendered = await renderSeed(spec, { baseDir, ...SALT });
  assert.deepEqual(exported.files.map((file) => file.name), ['vm1-user.yaml', 'vm1-network.yaml', 'vm1-meta.yaml', 'vm1-vendor.yaml', 'qm-set.sh']);
  await withTempDir(async (dir) => {
    await writeExport(exported, join(dir, 'snippets'));
    const snippet = (name: string) => readFileSync(join(dir, 'snippets', name), 'utf8');
    for (const [name, file] of [['vm1-user.yaml', 'user-data'], ['vm1-network.yaml', 'network-config'], ['vm1-meta.yaml', 'meta-data'], ['vm1-vendor.yaml', 'vendor-data']]) {
      assert.equal(snippet(name), new TextDecoder().decode(rendered.files.get(file)), `${name} is the seed's ${file}`);
    }
    assertValidCloudConfig(snippet('vm1-user.yaml'), join(dir, 'user.yaml'));
    assertValidCloudConfig(snippet('vm1-vendor.yaml'), join(dir, 'vendor.yaml'));
    const netplan = join(dir, 'netplan');
    runTool('cloud-init', ['devel', 'net-convert', '-p', join(dir, 'snippets', 'vm1-network.yaml'), '-k', 'yaml', '-d', netplan, '-D', 'debian', '-O', 'netplan']);
    assert.match(readFileSync(join(netplan, 'etc/netplan/50-cloud-init.yaml'), 'utf8'), /ethernets:/);
    const meta = loadWithPyYaml(snippet('vm1-meta.yaml')) as Record<string, unknown>;
    assert.equal(meta['instance-id'], exported.instanceId);

    const argv = runTool('/bin/sh', ['-c', `VMID=101; qm() { printf '%s\\n' "$@"; }; . "$1"`, 'sh', join(dir, 'snippets', 'qm-set.sh')]).stdout.trim().split('\n');
    assert.deepEqual(argv, [
      'set', '101', '--citype', 'nocloud', '--cicustom',
      'user=snip:snippets/vm1-user.yaml,network=snip:snippets/vm1-network.yaml,meta=snip:snippets/vm1-meta.yaml,vendor=snip:snippets/vm1-vendor.yaml',
    ]);
  });
  assert.match(exported.warnings.join('\n'), /ignores the VM's ciuser, cipassword and sshkeys/);
});

test('proxmox: without a network Proxmox writes its own, said in a warning; over 3 MiB is refused', async () => {
  const plain = await exportSeed({ hostname: 'h1' }, 'proxmox');
  assert.match(plain.warnings.join('\n'), /Proxmox writes the network-config from the VM's ipconfig/);
  await withTempDir(async (dir) => {
    writeFileSync(join(dir, 'big.sh'), `#!/bin/sh\n${'x'.repeat(3 * 1024 * 1024)}\n`);
    await assert.rejects(exportSeed({ hostname: 'h1', user_data: { parts: ['big.sh'] } }, 'proxmox', { baseDir: dir }), /holds at most 3 MiB/);
  });
});
