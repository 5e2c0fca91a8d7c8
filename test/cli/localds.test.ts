/**
 * `cloudseed localds` against cloud-localds itself: the same command lines (from cloud-localds
 * --help) run through both, and the two images' trees compared file by file, each image read with
 * an independent reader (xorriso, mtools, qemu-img, tar). Then cloud-init's own NoCloud reader
 * reads our seed.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { FileTree } from '../../src/common/file-tree.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { extractFatWithMtools, extractIsoWithXorriso, probeWithBlkid, readTreeFromDir } from '../helpers/images.js';
import { runTool, withTempDir } from '../helpers/tools.js';

const INPUTS: Readonly<Record<string, string>> = {
  'user-data': '#cloud-config\npassword: passw0rd\nchpasswd: { expire: False }\nssh_pwauth: True\n',
  'meta-data': 'instance-id: i-abcdefg\n',
  'network-config': 'version: 2\nethernets:\n  eth0:\n    dhcp4: true\n',
  'vendor-data': '#!/bin/sh\necho vendor\n',
  interfaces: 'auto eth0\niface eth0 inet dhcp\n',
};

function writeInputs(dir: string): void {
  for (const [name, content] of Object.entries(INPUTS)) writeFileSync(join(dir, name), content);
}

/** The files inside an image or archive of the given disk format and filesystem. */
function treeOf(image: string, diskFormat: string, filesystem: string, dir: string): FileTree {
  if (diskFormat.startsWith('tar')) {
    mkdirSync(dir, { recursive: true });
    runTool('tar', ['-xf', image, '-C', dir]);
    return readTreeFromDir(dir);
  }
  let raw = image;
  if (diskFormat === 'qcow2') {
    raw = `${image}.raw`;
    runTool('qemu-img', ['convert', '-f', 'qcow2', '-O', 'raw', image, raw]);
  }
  assert.equal(probeWithBlkid(raw)['LABEL'], 'cidata');
  return filesystem === 'vfat' ? extractFatWithMtools(raw, dir) : extractIsoWithXorriso(raw, dir);
}

const asText = (tree: FileTree): Record<string, string> => Object.fromEntries([...tree].map(([path, content]) => [path, new TextDecoder().decode(content)]));

/** cloud-localds command lines, as its --help documents them. */
const COMMAND_LINES: readonly (readonly string[])[] = [
  ['OUT', 'user-data', 'meta-data'],
  ['-H', 'vm1', '-N', 'network-config', '-V', 'vendor-data', '-m', 'local', 'OUT', 'user-data'],
  ['--hostname=vm1', '--network-config=network-config', '--dsmode', 'net', 'OUT', 'user-data'],
  ['-f', 'vfat', 'OUT', 'user-data', 'meta-data'],
  ['--filesystem', 'iso', '-N', 'network-config', 'OUT', 'user-data', 'meta-data'],
  ['-d', 'qcow2', '-f', 'vfat', 'OUT', 'user-data', 'meta-data'],
  ['-d', 'tar', '-V', 'vendor-data', 'OUT', 'user-data', 'meta-data'],
  ['-d', 'tar-seed-local', 'OUT', 'user-data'],
];

for (const args of COMMAND_LINES) {
  test(`cloud-localds ${args.join(' ')}: the same tree from cloudseed localds`, async () => {
    await withTempDir(async (dir) => {
      writeInputs(dir);
      const theirs = runTool('cloud-localds', args.map((arg) => (arg === 'OUT' ? 'theirs.img' : arg)), { cwd: dir });
      assert.equal(theirs.status, 0, theirs.stderr);
      const ours = await runCli(['localds', ...args.map((arg) => (arg === 'OUT' ? 'ours.img' : arg))], { cwd: dir });
      assert.equal(ours.status, 0, ours.stderr);
      const format = args.includes('-d') ? args[args.indexOf('-d') + 1]! : 'raw';
      const filesystem = args.includes('vfat') ? 'vfat' : 'iso9660';
      const theirTree = asText(treeOf(join(dir, 'theirs.img'), format, filesystem, join(dir, 'theirs')));
      const ourTree = asText(treeOf(join(dir, 'ours.img'), format, filesystem, join(dir, 'ours')));
      assert.deepStrictEqual(ourTree, theirTree);
    });
  });
}

test('-i writes the ENI file as meta-data network-interfaces, the key cloud-init reads (cloud-localds writes "interfaces")', async () => {
  await withTempDir(async (dir) => {
    writeInputs(dir);
    runTool('cloud-localds', ['-i', 'interfaces', '-H', 'vm1', 'theirs.img', 'user-data'], { cwd: dir });
    const ours = await runCli(['localds', '-i', 'interfaces', '-H', 'vm1', 'ours.img', 'user-data'], { cwd: dir });
    assert.equal(ours.status, 0, ours.stderr);
    const theirMeta = JSON.parse(asText(treeOf(join(dir, 'theirs.img'), 'raw', 'iso9660', join(dir, 'theirs')))['meta-data']!);
    const ourMeta = JSON.parse(asText(treeOf(join(dir, 'ours.img'), 'raw', 'iso9660', join(dir, 'ours')))['meta-data']!);
    const { interfaces, ...theirRest } = theirMeta;
    const { 'network-interfaces': networkInterfaces, ...ourRest } = ourMeta;
    assert.equal(networkInterfaces, interfaces);
    assert.equal(networkInterfaces, INPUTS['interfaces']!.trimEnd());
    assert.deepStrictEqual(ourRest, theirRest);
    const seen = JSON.parse(runTool('/usr/bin/python3', [join(REPO_ROOT, 'test', 'helpers', 'read-nocloud.py'), join(dir, 'ours')]).stdout);
    assert.equal(seen.metadata['network-interfaces'], INPUTS['interfaces']!.trimEnd());
  });
});

test("cloud-init's NoCloud reader finds everything in a localds seed", async () => {
  await withTempDir(async (dir) => {
    writeInputs(dir);
    const result = await runCli(['localds', '-H', 'vm1', '-N', 'network-config', '-V', 'vendor-data', 'seed.iso', 'user-data'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /instance-id is iid-local01/);
    extractIsoWithXorriso(join(dir, 'seed.iso'), join(dir, 'seed'));
    const seen = JSON.parse(runTool('/usr/bin/python3', [join(REPO_ROOT, 'test', 'helpers', 'read-nocloud.py'), join(dir, 'seed')]).stdout);
    assert.equal(seen.found, true);
    assert.equal(seen.instance_id, 'iid-local01');
    assert.equal(seen.hostname, 'vm1');
    assert.equal(seen.userdata_raw, INPUTS['user-data']);
    assert.deepStrictEqual(seen.network_config, { version: 2, ethernets: { eth0: { dhcp4: true } } });
  });
});

test('user-data from stdin and the image to stdout, as with cloud-localds', async () => {
  await withTempDir(async (dir) => {
    writeInputs(dir);
    const result = await runCli(['localds', '-', '-', 'meta-data'], { cwd: dir, input: INPUTS['user-data'] });
    assert.equal(result.status, 0, result.stderr);
    assert.ok(!Buffer.from(result.stdout).includes('wrote'), 'messages go to stderr when the image goes to stdout');
    assert.match(result.stderr, /wrote stdout/);
    writeFileSync(join(dir, 'out.iso'), result.stdout);
    assert.equal(asText(extractIsoWithXorriso(join(dir, 'out.iso'), join(dir, 'out')))['user-data'], INPUTS['user-data']);
  });
});

test('inputs cloud-init could not use are refused with exit 1, naming the argument, and nothing is written', async () => {
  await withTempDir(async (dir) => {
    writeInputs(dir);
    writeFileSync(join(dir, 'broken'), '#cloud-config\nruncmd: [echo\n');
    writeFileSync(join(dir, 'noversion'), 'ethernets: {}\n');
    const cases: [string[], RegExp][] = [
      [['seed.iso', 'broken'], /USER_DATA: .*YAML does not parse/],
      [['-N', 'noversion', 'seed.iso', 'user-data'], /-N\/--network-config: must be a network-config mapping with version: 1 or version: 2/],
      [['-H', 'vm1', 'seed.iso', 'user-data', 'meta-data'], /META_DATA: a meta-data file cannot be combined with --interfaces, --hostname or --dsmode/],
      [['-H', 'bad_host!', 'seed.iso', 'user-data'], /-H\/--hostname: /],
      [['seed.iso', 'missing'], /USER_DATA: missing does not exist/],
      [['-d', 'tar', '-f', 'vfat', 'seed.iso', 'user-data'], /tar is incompatible with --filesystem/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(['localds', ...args], { cwd: dir });
      assert.equal(result.status, 1, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
      assert.equal(existsSync(join(dir, 'seed.iso')), false);
    }
    assert.ok(readFileSync(join(dir, 'user-data')).length > 0);
  });
});
