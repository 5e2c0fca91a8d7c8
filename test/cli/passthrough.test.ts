/**
 * Existing seed files through build/render/export: --user-data, --meta-data, --network-config,
 * --vendor-data, each checked with cloud-init's own readers; and a user-data file given as the spec.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { readConfigDrive } from '../helpers/config-drive.js';
import { runTool, withTempDir } from '../helpers/tools.js';

const NETWORK_V1 = `version: 1
config:
  - type: physical
    name: eth0
    mac_address: "52:54:00:12:34:56"
    subnets:
      - type: static
        address: 192.0.2.10
        netmask: 255.255.255.0
        gateway: 192.0.2.1
        dns_nameservers: [192.0.2.53]
  - type: nameserver
    address: [192.0.2.54]
`;

interface NoCloudView {
  found: boolean;
  instance_id: string;
  hostname: string;
  metadata: Record<string, unknown>;
  userdata_parts: { type: string; content: string }[];
  network_config: unknown;
}

function readNoCloud(dir: string): NoCloudView {
  return JSON.parse(runTool('/usr/bin/python3', [join(REPO_ROOT, 'test', 'helpers', 'read-nocloud.py'), dir]).stdout) as NoCloudView;
}

/** cloud-init's network_state of each file (test/helpers/network-state.py). */
function networkStates(...files: string[]): unknown[] {
  return JSON.parse(runTool('/usr/bin/python3', [join(REPO_ROOT, 'test', 'helpers', 'network-state.py'), ...files]).stdout) as unknown[];
}

function writeInputs(dir: string): void {
  writeFileSync(join(dir, 'user-data'), '#cloud-config\npackages: [htop]\nruncmd: [echo extra]\nusers:\n  - name: extra\n');
  writeFileSync(join(dir, 'meta-data'), 'instance-id: iid-from-file\nlocal-hostname: filehost\ndsmode: local\n');
  writeFileSync(join(dir, 'network-config'), NETWORK_V1);
  writeFileSync(join(dir, 'vendor-data'), '#cloud-config\nruncmd: [echo vendor]\n');
}

test('render takes existing user-data, meta-data, network-config and vendor-data, and cloud-init reads them all', async () => {
  await withTempDir(async (dir) => {
    writeInputs(dir);
    const out = join(dir, 'seed');
    const result = await runCli(
      ['render', '--user', 'admin', '--user-data', 'user-data', '--meta-data', 'meta-data', '--network-config', 'network-config', '--vendor-data', 'vendor-data', '--out-dir', out],
      { cwd: dir },
    );
    assert.equal(result.status, 0, result.stderr);
    const seen = readNoCloud(out);
    assert.equal(seen.found, true);
    assert.equal(seen.instance_id, 'iid-from-file');
    assert.equal(seen.hostname, 'filehost');
    assert.equal(seen.metadata['dsmode'], 'local');
    // One cloud-config: the file's merged into the generated one, nothing lost on either side.
    assert.deepStrictEqual(seen.userdata_parts.map((part) => part.type), ['text/cloud-config']);
    const cloudConfig = seen.userdata_parts[0]!.content;
    for (const expected of ['name: admin', 'name: extra', '- htop', 'echo extra', 'hostname: filehost']) assert.ok(cloudConfig.includes(expected), `${expected} in\n${cloudConfig}`);
    assert.equal(readFileSync(join(out, 'vendor-data'), 'utf8'), readFileSync(join(dir, 'vendor-data'), 'utf8'));
    // The same network, as cloud-init's own parser understands both files.
    const [given, written] = networkStates(join(dir, 'network-config'), join(out, 'network-config'));
    assert.deepStrictEqual(written, given);
  });
});

test('--instance-id and --hostname win over the meta-data file; the file wins over the spec', async () => {
  await withTempDir(async (dir) => {
    writeInputs(dir);
    writeFileSync(join(dir, 'spec.yaml'), 'hostname: spechost\ninstance_id: iid-spec\n');
    const fromFile = join(dir, 'a');
    const fileWins = await runCli(['render', 'spec.yaml', '--meta-data', 'meta-data', '--out-dir', fromFile], { cwd: dir });
    assert.equal(fileWins.status, 0, fileWins.stderr);
    assert.equal(readNoCloud(fromFile).instance_id, 'iid-from-file');
    assert.equal(readNoCloud(fromFile).hostname, 'filehost');
    const fromFlags = join(dir, 'b');
    const flagsWin = await runCli(['render', 'spec.yaml', '--meta-data', 'meta-data', '--instance-id', 'iid-flag', '--hostname', 'flaghost', '--out-dir', fromFlags], { cwd: dir });
    assert.equal(flagsWin.status, 0, flagsWin.stderr);
    assert.equal(readNoCloud(fromFlags).instance_id, 'iid-flag');
    assert.equal(readNoCloud(fromFlags).hostname, 'flaghost');
  });
});

test('a network-config file becomes network_data.json on a config drive, as cloud-init reads it', async () => {
  await withTempDir(async (dir) => {
    writeInputs(dir);
    const out = join(dir, 'seed');
    const result = await runCli(['render', '--hostname', 'vm1', '--datasource', 'configdrive', '--network-config', 'network-config', '--out-dir', out], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    const { datasource } = readConfigDrive(out, { '52:54:00:12:34:56': 'eth0' });
    const config = JSON.stringify(datasource.network_config);
    for (const expected of ['52:54:00:12:34:56', '192.0.2.10', '192.0.2.1', '192.0.2.53', '192.0.2.54']) assert.ok(config.includes(expected), `${expected} in ${config}`);
  });
});

test('build and export take the same files', async () => {
  await withTempDir(async (dir) => {
    writeInputs(dir);
    const flags = ['--user-data', 'user-data', '--meta-data', 'meta-data', '--network-config', 'network-config', '--vendor-data', 'vendor-data'];
    const built = await runCli(['build', ...flags, '-o', 'seed.iso'], { cwd: dir });
    assert.equal(built.status, 0, built.stderr);
    const exported = await runCli(['export', '--to', 'qcow2', ...flags, '-o', 'seed.qcow2'], { cwd: dir });
    assert.equal(exported.status, 0, exported.stderr);
    assert.match(built.stdout.toString(), /instance-id: iid-from-file/);
  });
});

test('files that cannot be used are refused by flag, with exit 1 and no output', async () => {
  await withTempDir(async (dir) => {
    writeFileSync(join(dir, 'bridge.yaml'), 'version: 1\nconfig:\n  - type: bridge\n    name: br0\n');
    writeFileSync(join(dir, 'list.yaml'), '- instance-id: x\n');
    const cases: [string[], RegExp][] = [
      [['--network-config', 'bridge.yaml'], /--network-config: config\[0\]\.type: 'bridge' is not supported/],
      [['--network-config', 'missing.yaml'], /--network-config: missing\.yaml does not exist/],
      [['--meta-data', 'list.yaml'], /--meta-data: list\.yaml must be a mapping/],
      [['--vendor-data', '.'], /--vendor-data: \. is a directory/],
    ];
    for (const [flags, message] of cases) {
      const result = await runCli(['build', '--hostname', 'vm1', ...flags, '-o', 'seed.iso'], { cwd: dir });
      assert.equal(result.status, 1, `${flags.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
      assert.equal(existsSync(join(dir, 'seed.iso')), false);
    }
  });
});

test('meta_data is NoCloud-only and cannot set instance-id or local-hostname', async () => {
  await withTempDir(async (dir) => {
    writeFileSync(join(dir, 'spec.yaml'), 'hostname: vm1\ndatasource: configdrive\nmeta_data:\n  instance-id: x\n  dsmode: local\n');
    const result = await runCli(['validate', 'spec.yaml'], { cwd: dir });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /meta_data\.instance-id: set it with instance_id instead/);
    assert.match(result.stderr, /meta_data: is NoCloud meta-data; a configdrive seed has no place for it/);
  });
});

test('a #cloud-config file given as the spec says to use --user-data', async () => {
  await withTempDir(async (dir) => {
    writeFileSync(join(dir, 'user-data.yaml'), '#cloud-config\npackages: [htop]\n');
    for (const command of [['build', 'user-data.yaml', '-o', 'seed.iso'], ['validate', 'user-data.yaml'], ['render', 'user-data.yaml', '--out-dir', 'out']]) {
      const result = await runCli(command, { cwd: dir });
      assert.equal(result.status, 1, command.join(' '));
      assert.match(result.stderr, /user-data\.yaml is a #cloud-config file, not a cloudseed spec: pass it with --user-data user-data\.yaml/);
      assert.doesNotMatch(result.stderr, /unknown key|must NOT have additional/);
    }
    assert.equal(existsSync(join(dir, 'seed.iso')), false);
  });
});

test('--user-data takes MIME user-data (cloud-init devel make-mime) and gzip, and cloud-init sees every part once', async () => {
  await withTempDir(async (dir) => {
    writeFileSync(join(dir, 'script.sh'), '#!/bin/sh\necho from-mime\n');
    writeFileSync(join(dir, 'config.yaml'), '#cloud-config\npackages: [tree]\n');
    const mime = runTool('cloud-init', ['devel', 'make-mime', '-a', 'script.sh:x-shellscript', '-a', 'config.yaml:cloud-config'], { cwd: dir }).stdout;
    writeFileSync(join(dir, 'user-data.mime'), mime);
    writeFileSync(join(dir, 'user-data.gz'), gzipSync('#cloud-config\npackages: [jq]\n'));
    const out = join(dir, 'seed');
    const result = await runCli(['render', '--hostname', 'vm1', '--user-data', 'user-data.mime', '--user-data', 'user-data.gz', '--out-dir', out], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    const seen = readNoCloud(out);
    assert.deepStrictEqual(seen.userdata_parts.map((part) => part.type), ['text/cloud-config', 'text/x-shellscript']);
    assert.match(seen.userdata_parts[0]!.content, /packages:\n {2}- tree\n {2}- jq\n/);
    assert.equal(seen.userdata_parts[1]!.content, '#!/bin/sh\necho from-mime\n');
  });
});

test('user-data files cloud-init could not read are refused by part', async () => {
  await withTempDir(async (dir) => {
    writeFileSync(join(dir, 'bad.gz'), Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01]));
    writeFileSync(join(dir, 'merge.mime'), 'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/cloud-config\nMerge-Type: list(append)\n\n#cloud-config\nruncmd: [x]\n--b--\n');
    for (const [file, message] of [['bad.gz', /user_data\.parts\[0\]: is gzip that does not uncompress/], ['merge.mime', /user_data\.parts\[0\]: has a part with a Merge-Type header/]] as const) {
      const result = await runCli(['build', '--hostname', 'vm1', '--user-data', file, '-o', 'seed.iso'], { cwd: dir });
      assert.equal(result.status, 1, result.stderr);
      assert.match(result.stderr, message);
      assert.equal(existsSync(join(dir, 'seed.iso')), false);
    }
  });
});
