/** `cloudseed inspect` as users run it, on images made by cloud-localds and genisoimage. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { readTreeFromDir } from '../helpers/images.js';
import { withTempDir } from '../helpers/tools.js';
import { makeCloudLocalds, makeIso, makeSshKey, textTree } from '../read/reference-images.js';

const META_DATA = 'instance-id: iid-cli\nlocal-hostname: cli01\n';
const NETWORK = 'version: 2\nethernets:\n  eth0:\n    dhcp4: true\n';

let key: { line: string; fingerprint: string };
let userData: string;
let seed: Uint8Array;
before(async () => {
  key = await makeSshKey('ed25519', 'ops@cli');
  userData = `#cloud-config\nusers:\n  - name: ops\n    hashed_passwd: $6$salt$hashvalue\n    ssh_authorized_keys: ["${key.line}"]\n`;
  seed = await makeCloudLocalds([], { userData, metaData: META_DATA, networkConfig: NETWORK });
});

function save(dir: string, name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

test('the human report: datasource, instance-id, users with fingerprints, network, files; never the hash or the key', () =>
  withTempDir(async (dir) => {
    const result = await runCli(['inspect', save(dir, 'seed.iso', seed)]);
    assert.equal(result.status, 0, result.stderr);
    const out = result.stdout.toString();
    assert.match(out, /datasource +NoCloud/);
    assert.match(out, /label +'cidata'/);
    assert.match(out, /instance-id +iid-cli/);
    assert.match(out, /hostname +cli01/);
    assert.ok(out.includes(`ssh-ed25519 ${key.fingerprint} ops@cli`), out);
    assert.match(out, /ops: password hash, 1 ssh key/);
    assert.match(out, /eth0 \(ethernet\): dhcp4/);
    assert.match(out, /meta-data +\d+ B/);
    assert.doesNotMatch(out, /\$6\$|hashvalue/);
    assert.ok(!out.includes(key.line.split(' ')[1] as string), 'the key itself is not printed');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: colour is drawn with ANSI escapes (ESC): the test looks for them
    assert.doesNotMatch(out, /\u001b\[/, 'no colour when stdout is not a terminal');
  }));

test('--json: the report shape, without file contents', () =>
  withTempDir(async (dir) => {
    const result = await runCli(['inspect', save(dir, 'seed.iso', seed), '--json']);
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout.toString());
    assert.deepEqual(Object.keys(report).sort(), ['datasource', 'files', 'filesystem', 'hostname', 'instanceId', 'label', 'network', 'users', 'warnings']);
    assert.equal(report.filesystem.type, 'iso9660');
    assert.deepEqual(report.filesystem.nameTables, { primary: true, joliet: true, rockRidge: true });
    assert.equal(report.datasource, 'nocloud');
    assert.deepEqual(report.files, [
      { path: 'meta-data', size: META_DATA.length },
      { path: 'network-config', size: NETWORK.length },
      { path: 'user-data', size: userData.length },
    ]);
    assert.deepEqual(report.users, [{ name: 'ops', isDefault: false, password: 'hash', sshKeys: [{ type: 'ssh-ed25519', fingerprint: key.fingerprint, comment: 'ops@cli' }] }]);
    assert.equal(report.network.format, 'netplan-v2');
    assert.deepEqual(report.warnings, []);
  }));

test('--json on an image cloud-init would not find: datasource null and a warning', () =>
  withTempDir(async (dir) => {
    const image = await makeIso('genisoimage', ['-J', '-r', '-V', 'Cidata'], textTree({ 'meta-data': META_DATA, 'user-data': '' }));
    const result = await runCli(['inspect', save(dir, 'seed.iso', image), '--json']);
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout.toString());
    assert.equal(report.datasource, null);
    assert.equal(report.instanceId, null);
    assert.deepEqual(report.warnings.map((w: { code: string }) => w.code), ['label-case']);
  }));

test('a user-data PyYAML refuses (a C1 control in gecos) is a warning naming the file, and its user is not listed', () =>
  withTempDir(async (dir) => {
    const broken = `#cloud-config\nusers:\n  - name: ops\n    gecos: Ops\x85\x9b\n`;
    const image = await makeCloudLocalds([], { userData: broken, metaData: META_DATA });
    const result = await runCli(['inspect', save(dir, 'seed.iso', image)]);
    assert.equal(result.status, 0, result.stderr);
    const output = `${result.stdout}${result.stderr}`;
    assert.match(output, /user-data holds U\+009B at line 4, column 16, which PyYAML refuses/);
    assert.doesNotMatch(output, /\bops\b/);
  }));

test('--extract writes the files; a non-empty folder needs --force', () =>
  withTempDir(async (dir) => {
    const image = save(dir, 'seed.iso', seed);
    const out = join(dir, 'out');
    const first = await runCli(['inspect', image, '--extract', out, '--json']);
    assert.equal(first.status, 0, first.stderr);
    JSON.parse(first.stdout.toString());
    assert.match(first.stderr, /extracted 3 files/);
    assert.deepEqual(readTreeFromDir(out), textTree({ 'meta-data': META_DATA, 'network-config': NETWORK, 'user-data': userData }));
    const refused = await runCli(['inspect', image, '--extract', out]);
    assert.equal(refused.status, 3);
    assert.match(refused.stderr, /not empty; use --force/);
    const forced = await runCli(['inspect', image, '--extract', out, '--force']);
    assert.equal(forced.status, 0, forced.stderr);
  }));

test('--previous: same instance-id, changed content', () =>
  withTempDir(async (dir) => {
    const changed = await makeCloudLocalds([], { userData: `${userData}packages: [nginx]\n`, metaData: META_DATA });
    const result = await runCli(['inspect', save(dir, 'new.iso', changed), '--previous', save(dir, 'old.iso', seed)]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout.toString(), /same-instance-id: instance-id 'iid-cli' is the same/);
  }));

test('exit 3 with a clear message for garbage, truncated and missing images', () =>
  withTempDir(async (dir) => {
    const garbage = save(dir, 'garbage.img', new Uint8Array(100_000).map((_, i) => (i * 31 + 7) % 253));
    const truncated = save(dir, 'truncated.iso', seed.subarray(0, 18 * 2048));
    for (const [path, message] of [
      [garbage, /not a seed image/],
      [truncated, /truncated iso9660 image/],
      [join(dir, 'absent.iso'), /cannot read .*absent\.iso: no such file/],
    ] as const) {
      const result = await runCli(['inspect', path]);
      assert.equal(result.status, 3, `${path}: ${result.stderr}`);
      assert.match(result.stderr, message);
      assert.equal(result.stdout.length, 0);
    }
    const badPrevious = await runCli(['inspect', save(dir, 'ok.iso', seed), '--previous', garbage]);
    assert.equal(badPrevious.status, 3);
    assert.match(badPrevious.stderr, /previous image: not a seed image/);
  }));

test('--help shows working examples', async () => {
  const result = await runCli(['inspect', '--help']);
  assert.equal(result.status, 0);
  assert.match(result.stdout.toString(), /Examples:\n {2}\$ cloudseed inspect seed\.iso/);
  assert.match(result.stdout.toString(), /\$ cloudseed inspect new-seed\.iso --previous old-seed\.iso/);
});
