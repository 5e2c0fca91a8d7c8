/** The ironic and ironic-json targets, decoded as Ironic and ironic-python-agent do and read by cloud-init's ConfigDrive code. */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { exportSeed } from '../../src/export/export.js';
import { buildSeed, renderSeed } from '../../src/seed.js';
import { loadSpecFile } from '../../src/input/load.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { fromBase64, knownMacs, readConfigDrive } from '../helpers/config-drive.js';
import { extractIsoWithXorriso } from '../helpers/images.js';
import { runTool, withTempDir } from '../helpers/tools.js';

const SALT = { saltSeed: 'export-test-salt' };
const example = () => loadSpecFile(join(REPO_ROOT, 'examples', 'configdrive.yaml'));

/** Python's base64 and gzip, as ironic-python-agent decodes the configdrive string. */
const DECODE = 'import base64, gzip, sys; sys.stdout.buffer.write(gzip.decompress(base64.b64decode(open(sys.argv[1], "rb").read())))';

test('ironic: base64(gzip(iso9660 config-2)) that Python decodes to the image, which cloud-init reads', async () => {
  const { data, baseDir } = await example();
  const exported = await exportSeed(data, 'ironic', { baseDir, ...SALT });
  const built = await buildSeed(data, { baseDir, ...SALT });
  assert.equal(exported.files.length, 1);
  await withTempDir((dir) => {
    const b64 = join(dir, 'configdrive.b64');
    writeFileSync(b64, exported.files[0]!.content);
    const iso = join(dir, 'configdrive.iso');
    runTool('/bin/sh', ['-c', `/usr/bin/python3 -c '${DECODE}' "$1" > "$2"`, 'sh', b64, iso]);
    assert.ok(readFileSync(iso).equals(built.image), 'the decoded image is the built image');
    assert.deepEqual(extractIsoWithXorriso(iso, join(dir, 'x')), built.files);
    const view = readConfigDrive(join(dir, 'x'), knownMacs(built.model));
    assert.equal(view.datasource.found, true);
    assert.equal(view.datasource.instance_id, exported.instanceId);
    assert.equal(view.datasource.hostname, 'db01');
    assert.ok(view.datasource.network_config, 'network_data.json is read');
    assert.equal(Object.keys(view.datasource.files).length, 1, 'the injected file travels');
  });
});

test('ironic: refuses a vfat filesystem and a drive over 64 MiB, naming the field', async () => {
  await assert.rejects(exportSeed({ hostname: 'h1', filesystem: 'vfat' }, 'ironic'), /filesystem: Ironic takes an iso9660/);
  await withTempDir(async (dir) => {
    const big = Buffer.alloc(16 * 1024 * 1024 - 1024, 'x');
    const parts = ['a', 'b', 'c'].map((name) => {
      writeFileSync(join(dir, `${name}.sh`), Buffer.concat([Buffer.from('#!/bin/sh\n'), big]));
      return { source: `${name}.sh` };
    });
    await assert.rejects(exportSeed({ hostname: 'h1', user_data: { parts } }, 'ironic', { baseDir: dir }), /files: the config drive is \d+ bytes; ironic-python-agent refuses more than 64 MiB/);
  });
});

test('ironic-json: the four keys Ironic takes; laid out as Ironic writes them, cloud-init reads the same seed', async () => {
  const { data, baseDir } = await example();
  const exported = await exportSeed(data, 'ironic-json', { baseDir, ...SALT });
  const rendered = await renderSeed(data, { baseDir, ...SALT });
  const body = JSON.parse(new TextDecoder().decode(exported.files[0]!.content));
  assert.deepEqual(Object.keys(body).sort(), ['meta_data', 'network_data', 'user_data', 'vendor_data']);
  assert.equal(typeof body.user_data, 'string');
  assert.equal(body.meta_data.files, undefined, 'injected files cannot travel in JSON');
  assert.match(exported.warnings.join('\n'), /injected file\(s\) \(files:\) are dropped/);
  assert.match(exported.notes.join('\n'), /1\.59/);
  await withTempDir((dir) => {
    const latest = join(dir, 'openstack', 'latest');
    mkdirSync(latest, { recursive: true });
    writeFileSync(join(latest, 'meta_data.json'), JSON.stringify(body.meta_data));
    writeFileSync(join(latest, 'user_data'), body.user_data);
    writeFileSync(join(latest, 'network_data.json'), JSON.stringify(body.network_data));
    writeFileSync(join(latest, 'vendor_data2.json'), JSON.stringify(body.vendor_data));
    const view = readConfigDrive(dir, knownMacs(rendered.model));
    assert.equal(view.datasource.found, true);
    assert.equal(view.datasource.instance_id, exported.instanceId);
    assert.deepEqual(fromBase64(view.datasource.userdata_raw), rendered.files.get('openstack/latest/user_data'));
    assert.ok(view.datasource.network_config);
  });
});

test('config-2 targets keep a Windows admin_pass only under the explicit opt-in, with its warning', async () => {
  const windows = { hostname: 'win01', datasource: 'configdrive', windows: { admin_pass: 'S3cret-pass!', admin_pass_in_clear: true } };
  const exported = await exportSeed(windows, 'ironic-json');
  assert.equal(JSON.parse(new TextDecoder().decode(exported.files[0]!.content)).meta_data.admin_pass, 'S3cret-pass!');
  assert.match(exported.warnings.join('\n'), /admin_pass is written in clear text/);
  const metal3 = await exportSeed(windows, 'metal3');
  assert.match(metal3.warnings.join('\n'), /admin_pass is written in clear text/);
  await assert.rejects(exportSeed({ ...windows, windows: { admin_pass: 'S3cret-pass!' } }, 'ironic'), /windows\.admin_pass: is written in clear text/);
});
