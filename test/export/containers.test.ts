/** The tar, dir and qcow2 targets, judged by GNU tar, cloud-init's NoCloud seed-dir reader and qemu-img. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { exportSeed } from '../../src/export/export.js';
import { encodeQcow2 } from '../../src/export/formats/qcow2.js';
import { buildSeed, renderSeed } from '../../src/seed.js';
import { loadSpecFile } from '../../src/input/load.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { readTreeFromDir } from '../helpers/images.js';
import { runTool, withTempDir } from '../helpers/tools.js';

const SALT = { saltSeed: 'export-test-salt' };
const loadExample = (name: string) => loadSpecFile(join(REPO_ROOT, 'examples', name));

test('tar: GNU tar lists root-owned entries under var/lib/cloud/seed/nocloud, and cloud-init reads the extracted seed', async () => {
  const { data, baseDir } = await loadExample('web01.yaml');
  const exported = await exportSeed(data, 'tar', { baseDir, ...SALT });
  const again = await exportSeed(data, 'tar', { baseDir, ...SALT });
  assert.deepEqual(exported.files[0]!.content, again.files[0]!.content, 'equal seeds must give equal archives');
  const rendered = await renderSeed(data, { baseDir, ...SALT });
  await withTempDir((dir) => {
    const archive = join(dir, 'seed.tar');
    writeFileSync(archive, exported.files[0]!.content);
    const listing = runTool('tar', ['--numeric-owner', '-tvf', archive]).stdout.trim().split('\n');
    const seedFiles = [...rendered.files.keys()].map((name) => `var/lib/cloud/seed/nocloud/${name}`);
    assert.deepEqual(
      listing.map((line) => line.split(/\s+/).at(-1)),
      ['var/', 'var/lib/', 'var/lib/cloud/', 'var/lib/cloud/seed/', 'var/lib/cloud/seed/nocloud/', ...seedFiles],
    );
    for (const line of listing) assert.match(line, /^(drwxr-xr-x|-rw-------) 0\/0 /, line);
    const root = join(dir, 'root');
    runTool('mkdir', [root]);
    runTool('tar', ['-xpf', archive, '-C', root]);
    const seedDir = join(root, 'var/lib/cloud/seed/nocloud');
    assert.deepEqual(readTreeFromDir(seedDir), rendered.files);
    const seen = JSON.parse(runTool('/usr/bin/python3', [join(REPO_ROOT, 'test/helpers/read-nocloud.py'), seedDir]).stdout);
    assert.equal(seen.found, true);
    assert.equal(seen.instance_id, exported.instanceId);
    assert.equal(seen.hostname, rendered.model.hostname);
    assert.ok(seen.network_config, 'the network-config file is read');
  });
  assert.match(exported.warnings.join('\n'), /baked into the image/);
});

test('tar: only NoCloud seeds; a configdrive spec is refused with the field named', async () => {
  await assert.rejects(exportSeed({ hostname: 'h1' }, 'tar', { datasource: 'configdrive' }), (error: Error & { issues?: { path: string }[] }) => {
    assert.equal(error.issues?.[0]?.path, 'datasource');
    return true;
  });
});

test('dir: the files equal what the image holds, for every datasource', async () => {
  for (const [example, datasource] of [['web01.yaml', 'nocloud'], ['configdrive.yaml', 'configdrive'], ['ovirt-runonce.yaml', 'ovirt']] as const) {
    const { data, baseDir } = await loadExample(example);
    const exported = await exportSeed(data, 'dir', { baseDir, ...SALT });
    const built = await buildSeed(data, { baseDir, ...SALT });
    assert.equal(exported.datasource, datasource);
    assert.deepEqual(new Map(exported.files.map((file) => [file.name, file.content])), built.files);
  }
});

test('qcow2: qemu-img check is clean, info says qcow2 v3, and compare finds it equal to the raw image (iso9660 and vfat)', async () => {
  const { data, baseDir } = await loadExample('web01.yaml');
  for (const filesystem of ['iso9660', 'vfat'] as const) {
    const exported = await exportSeed(data, 'qcow2', { baseDir, filesystem, ...SALT });
    const built = await buildSeed(data, { baseDir, filesystem, ...SALT });
    await withTempDir((dir) => {
      const qcow2 = join(dir, 'seed.qcow2');
      const raw = join(dir, 'seed.raw');
      writeFileSync(qcow2, exported.files[0]!.content);
      writeFileSync(raw, built.image);
      assertValidQcow2(qcow2, built.image.length);
      assert.match(runTool('qemu-img', ['compare', '-f', 'raw', '-F', 'qcow2', raw, qcow2]).stdout, /Images are identical/);
      if (filesystem === 'iso9660') {
        // QEMU's block layer, as a guest's CD-ROM would read it: the primary volume descriptor at 32 KiB.
        const pvd = runTool('qemu-io', ['-r', '-f', 'qcow2', '-c', 'read -v 32768 48', qcow2]).stdout;
        assert.match(pvd, /\.CD001/);
        assert.match(pvd, /cidata/);
      }
    });
  }
});

function assertValidQcow2(path: string, virtualSize: number): void {
  const check = JSON.parse(runTool('qemu-img', ['check', '--output=json', path]).stdout);
  assert.equal(check['check-errors'], 0);
  assert.equal(check['leaks'] ?? 0, 0);
  assert.equal(check['corruptions'] ?? 0, 0);
  const info = JSON.parse(runTool('qemu-img', ['info', '--output=json', path]).stdout);
  assert.equal(info.format, 'qcow2');
  assert.equal(info['virtual-size'], virtualSize);
  assert.equal(info['format-specific'].data.compat, '1.1');
}

test('qcow2 encoder: zero clusters stay unallocated, the partial last cluster is kept; deterministic', async () => {
  const raw = new Uint8Array(3 * 1024 * 1024 + 4096);
  for (const offset of [0, 17 * 65536 + 5, 40 * 65536, raw.length - 1]) raw[offset] = 0xa5;
  const first = encodeQcow2(raw);
  assert.deepEqual(encodeQcow2(raw), first);
  await withTempDir((dir) => {
    writeFileSync(join(dir, 'raw'), raw);
    writeFileSync(join(dir, 'disk.qcow2'), first);
    assertValidQcow2(join(dir, 'disk.qcow2'), raw.length);
    assert.match(runTool('qemu-img', ['compare', '-f', 'raw', '-F', 'qcow2', join(dir, 'raw'), join(dir, 'disk.qcow2')]).stdout, /identical/);
    const map = JSON.parse(runTool('qemu-img', ['map', '--output=json', join(dir, 'disk.qcow2')]).stdout) as { data: boolean; length: number }[];
    const allocated = map.filter((extent) => extent.data).reduce((sum, extent) => sum + extent.length, 0);
    assert.ok(allocated <= 4 * 65536, `only the four non-zero clusters are allocated (${allocated} bytes)`);
  });
});
