/** The vmware target, decoded by cloud-init's own DataSourceVMware (its decode() and its envvar transport). */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { exportSeed } from '../../src/export/export.js';
import { writeExport } from '../../src/export/write.js';
import { renderSeed } from '../../src/seed.js';
import { loadSpecFile } from '../../src/input/load.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { runTool, withTempDir } from '../helpers/tools.js';

const SALT = { saltSeed: 'export-test-salt' };

interface VmwareView {
  envvar: {
    found: boolean;
    subplatform: string;
    instance_id: string;
    hostname: string;
    userdata_raw: string;
    vendordata_raw: string | null;
    network_config: Record<string, unknown>;
    interfaces: string[];
  };
  vmx: Record<string, string>;
}

function readVmware(dir: string): VmwareView {
  const helper = join(REPO_ROOT, 'test/helpers/read-vmware.py');
  return JSON.parse(runTool('/usr/bin/python3', [helper, join(dir, 'guestinfo.env'), join(dir, 'guestinfo.vmx')]).stdout) as VmwareView;
}

for (const encoding of ['gzip+base64', 'base64'] as const) {
  test(`vmware (${encoding}): DataSourceVMware decodes metadata, userdata and vendordata and applies the network`, async () => {
    const { data, baseDir } = await loadSpecFile(join(REPO_ROOT, 'examples', 'web01.yaml'));
    const spec = { ...(data as object), vendor_data: { packages: ['open-vm-tools'] } };
    const exported = await exportSeed(spec, 'vmware', { baseDir, encoding, ...SALT });
    const rendered = await renderSeed(spec, { baseDir, ...SALT });
    const decoder = new TextDecoder();
    await withTempDir(async (dir) => {
      await writeExport(exported, dir, { force: true });
      const view = readVmware(dir);
      assert.equal(view.envvar.found, true);
      assert.match(view.envvar.subplatform, /envvar \(VMX_GUESTINFO_METADATA\)/);
      assert.equal(view.envvar.instance_id, exported.instanceId);
      assert.equal(view.envvar.hostname, rendered.model.hostname);
      assert.equal(view.envvar.userdata_raw, decoder.decode(rendered.files.get('user-data')));
      assert.equal(view.envvar.vendordata_raw, decoder.decode(rendered.files.get('vendor-data')));
      // The same network-config version as the NoCloud seed (v1 unless the spec asks for v2: docs/datasources.md).
      assert.equal(view.envvar.network_config['version'], rendered.model.networkConfigVersion);
      assert.ok(view.envvar.interfaces.length > 0, 'network_state finds the interfaces');
      assert.equal(view.vmx['guestinfo.userdata'], view.envvar.userdata_raw, 'the .vmx lines carry the same userdata');
      assert.match(view.vmx['guestinfo.metadata']!, /^instance-id: /m);

      const vmx = readFileSync(join(dir, 'guestinfo.vmx'), 'utf8');
      assert.match(vmx, new RegExp(`^guestinfo\\.userdata\\.encoding = "${encoding.replace('+', '\\+')}"$`, 'm'));
      // govc's -e arguments, split as the shell splits them, are the .vmx keys and values.
      const argv = runTool('/bin/sh', ['-c', `VM=vm1; govc() { printf '%s\\n' "$@"; }; . "$1"`, 'sh', join(dir, 'govc.sh')]).stdout.trim().split('\n');
      assert.deepEqual(argv.slice(0, 3), ['vm.change', '-vm', 'vm1']);
      const fromGovc = argv.slice(3).filter((_, index) => index % 2 === 1);
      const fromVmx = vmx.trim().split('\n').map((line) => line.replace(/^(\S+) = "(.*)"$/, '$1=$2'));
      assert.deepEqual(fromGovc, fromVmx);
      const terraform = readFileSync(join(dir, 'extra_config.tf'), 'utf8').trim().split('\n');
      assert.equal(terraform[0], 'extra_config = {');
      assert.deepEqual(terraform.slice(1, -1).map((line) => line.trim().replace(/^"(\S+)"\s+= "(.*)"$/, '$1=$2')), fromVmx);
    });
    assert.match(exported.warnings.join('\n'), /guest customization/);
    assert.match(exported.warnings.join('\n'), /password hashes/);
  });
}

test('vmware: an old cloud_init_version is warned about; the network follows network_config_version', async () => {
  const spec = { hostname: 'h1', network: { ethernets: { eth0: { dhcp4: true } } } };
  const old = await exportSeed(spec, 'vmware', { cloudInitVersion: '20.4', networkConfigVersion: 1 });
  assert.match(old.warnings.join('\n'), /needs cloud-init 21\.3 or later/);
  const dir = mkdtempSync('/tmp/cloudseed-test-');
  try {
    await writeExport(old, dir);
    assert.equal(readVmware(dir).envvar.network_config['version'], 1);
  } finally {
    runTool('rm', ['-rf', dir]);
  }
});
