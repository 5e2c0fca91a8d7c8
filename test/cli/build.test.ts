/** `cloudseed build` as users run it: files, modes, --force, stdout, JSON, flags, and no secrets in any output. */
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, REPO_ROOT } from '../helpers/cli.js';
import { probeWithBlkid } from '../helpers/images.js';
import { withTempDir } from '../helpers/tools.js';

const EXAMPLE = join(REPO_ROOT, 'examples', 'web01.yaml');
const EXAMPLE_PASSWORD = 'change me now';
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMFcLQa5LtljAU6hzHLRucNvrq2+nO1ZUSgbxus8oGZO admin@laptop';

test('build writes an owner-only cidata ISO and prints the instance-id', async () => {
  await withTempDir(async (dir) => {
    const output = join(dir, 'seed.iso');
    const result = await runCli(['build', EXAMPLE, '-o', output]);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(statSync(output).mode & 0o777, 0o600);
    assert.match(result.stdout.toString(), /instance-id: [0-9a-f-]{36} \(derived from the content/);
    const probe = probeWithBlkid(output);
    assert.equal(probe['TYPE'], 'iso9660');
    assert.equal(probe['LABEL'], 'cidata');
    assert.ok(!readFileSync(output).includes(EXAMPLE_PASSWORD), 'the clear password must not be in the image');
    assert.ok(!result.stdout.includes(EXAMPLE_PASSWORD) && !result.stderr.includes(EXAMPLE_PASSWORD));
  });
});

test('an existing output is never replaced without --force', async () => {
  await withTempDir(async (dir) => {
    const output = join(dir, 'seed.iso');
    writeFileSync(output, 'precious');
    const refused = await runCli(['build', EXAMPLE, '-o', output]);
    assert.equal(refused.status, 3);
    assert.match(refused.stderr, /already exists; use --force/);
    assert.equal(readFileSync(output, 'utf8'), 'precious');
    const forced = await runCli(['build', EXAMPLE, '-o', output, '--force']);
    assert.equal(forced.status, 0, forced.stderr);
    assert.equal(probeWithBlkid(output)['LABEL'], 'cidata');
  });
});

test('-o - streams the image to stdout, byte-identical to a file build with the same salt seed', async () => {
  await withTempDir(async (dir) => {
    const output = join(dir, 'seed.iso');
    const toFile = await runCli(['build', EXAMPLE, '-o', output, '--salt-seed', 'reproducible-test']);
    const toStdout = await runCli(['build', EXAMPLE, '-o', '-', '--salt-seed', 'reproducible-test']);
    assert.equal(toFile.status, 0, toFile.stderr);
    assert.equal(toStdout.status, 0, toStdout.stderr);
    assert.ok(Buffer.compare(toStdout.stdout, readFileSync(output)) === 0);
    assert.match(toStdout.stderr, /wrote stdout/);
  });
});

test('--json prints a machine-readable summary without secrets', async () => {
  await withTempDir(async (dir) => {
    const result = await runCli(['build', EXAMPLE, '-o', join(dir, 'seed.iso'), '--json']);
    assert.equal(result.status, 0, result.stderr);
    const summary = JSON.parse(result.stdout.toString());
    assert.equal(summary.datasource, 'nocloud');
    assert.equal(summary.label, 'cidata');
    assert.ok(summary.files.some((f: { path: string }) => f.path === 'user-data'));
    assert.ok(!result.stdout.includes(EXAMPLE_PASSWORD));
  });
});

test('a seed from flags alone: hostname, user, password from the environment, key, network', async () => {
  await withTempDir(async (dir) => {
    const output = join(dir, 'seed.iso');
    const render = join(dir, 'tree');
    const args = ['--hostname', 'flagged', '--user', 'ops', '--password-env', 'SEED_PW', '--ssh-key', KEY, '--net', 'eth0=dhcp'];
    const env = { SEED_PW: 'env secret 42' };
    const built = await runCli(['build', '-o', output, ...args], { env });
    assert.equal(built.status, 0, built.stderr);
    const rendered = await runCli(['render', '--out-dir', render, ...args], { env });
    assert.equal(rendered.status, 0, rendered.stderr);
    const userData = readFileSync(join(render, 'user-data'), 'utf8');
    assert.match(userData, /name: ops/);
    assert.match(userData, /hashed_passwd: \$6\$/);
    assert.ok(userData.includes(KEY));
    assert.ok(!userData.includes('env secret 42'));
    assert.match(readFileSync(join(render, 'meta-data'), 'utf8'), /local-hostname: flagged/);
    assert.match(readFileSync(join(render, 'network-config'), 'utf8'), /type: dhcp4/);
  });
});

test('validate reports every spec, exit 1 when any is invalid', async () => {
  await withTempDir(async (dir) => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'hostname: "-bad"\nusers: [{name: "A B"}]\n');
    const result = await runCli(['validate', EXAMPLE, bad]);
    assert.equal(result.status, 1);
    assert.match(result.stdout.toString(), /web01\.yaml: ok/);
    assert.match(result.stderr, /bad\.yaml: invalid/);
    assert.match(result.stderr, /hostname: /);
    assert.match(result.stderr, /users\[0\]\.name: /);
  });
});

test('--help and --version exit 0; no command is a usage error', async () => {
  assert.equal((await runCli(['--help'])).status, 0);
  assert.match((await runCli(['--version'])).stdout.toString(), /^\d+\.\d+\.\d+/);
  assert.equal((await runCli(['frobnicate'])).status, 2);
});

test('an opted-in clear-text admin_pass is written for cloudbase-init, with a warning on every build', async () => {
  await withTempDir(async (dir) => {
    const spec = join(dir, 'win.yaml');
    writeFileSync(spec, 'hostname: win01\ndatasource: configdrive\nwindows: {admin_pass_in_clear: true, admin_pass: "Adm1n-Pass!"}\n');
    const result = await runCli(['render', spec, '--out-dir', join(dir, 'tree'), '--json']);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /warning: admin_pass is written in clear text/);
    assert.deepEqual(JSON.parse(result.stdout.toString()).warnings.length, 1);
    const metaData = JSON.parse(readFileSync(join(dir, 'tree', 'openstack', 'latest', 'meta_data.json'), 'utf8'));
    assert.equal(metaData.admin_pass, 'Adm1n-Pass!');
  });
});
