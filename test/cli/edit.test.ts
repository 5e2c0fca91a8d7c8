/** `cloudseed edit` as users run it: output safety, the instance-id said on stderr, bad input. */
import assert from 'node:assert/strict';
import { existsSync, lstatSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { readSeed } from '../../src/read/seed.js';
import { runCli } from '../helpers/cli.js';
import { withTempDir } from '../helpers/tools.js';
import { makeCloudLocalds } from '../read/reference-images.js';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIByNidShqSJJ5gQSDcLpsl7eG8265tm+T3PzyG7f9lcD ops@laptop';

let seed: Uint8Array;
before(async () => {
  seed = await makeCloudLocalds([], { userData: '#cloud-config\n{}\n', metaData: 'instance-id: iid-cli\nlocal-hostname: cli01\n' });
});

function save(dir: string, name: string, bytes: Uint8Array, mode = 0o644): string {
  const path = join(dir, name);
  writeFileSync(path, bytes, { mode });
  return path;
}

test('-o writes the edited seed and says the new instance-id on stderr', () =>
  withTempDir(async (dir) => {
    const image = save(dir, 'seed.iso', seed);
    const out = join(dir, 'out.iso');
    const result = await runCli(['edit', image, '--hostname', 'web02', '--user', 'ops', '--ssh-key', KEY, '-o', out]);
    assert.equal(result.status, 0, result.stderr.toString());
    const stderr = result.stderr.toString();
    const newId = /instance-id: iid-cli -> (\S+) \(new, as the content changed/.exec(stderr)?.[1];
    assert.ok(newId, stderr);
    const report = readSeed(new Uint8Array(readFileSync(out)));
    assert.deepEqual([report.hostname, report.instanceId, report.label], ['web02', newId, 'cidata']);
    assert.deepEqual(readFileSync(image), Buffer.from(seed), 'the input is untouched');
  }));

test('--ssh-key FILE: the CLI reads the file (editSeed itself takes key lines)', () =>
  withTempDir(async (dir) => {
    const image = save(dir, 'seed.iso', seed);
    const keyFile = save(dir, 'ops.pub', new TextEncoder().encode(`# ops\n${KEY}\n`));
    const out = join(dir, 'out.iso');
    const result = await runCli(['edit', image, '--user', 'ops', '--ssh-key', keyFile, '-o', out]);
    assert.equal(result.status, 0, result.stderr.toString());
    const ops = readSeed(new Uint8Array(readFileSync(out))).users.find((user) => user.name === 'ops');
    assert.equal(ops?.sshKeys.length, 1);
  }));

test('an existing output needs --force, and is refused before any password prompt', () =>
  withTempDir(async (dir) => {
    const image = save(dir, 'seed.iso', seed);
    const out = save(dir, 'out.iso', new TextEncoder().encode('keep me'));
    const refused = await runCli(['edit', image, '--user', 'ops', '--password-prompt', '-o', out]);
    assert.equal(refused.status, 3);
    assert.match(refused.stderr.toString(), /out\.iso already exists; use --force/);
    assert.equal(readFileSync(out, 'utf8'), 'keep me');
    const forced = await runCli(['edit', image, '--hostname', 'web02', '-o', out, '--force']);
    assert.equal(forced.status, 0, forced.stderr.toString());
    assert.equal(readSeed(new Uint8Array(readFileSync(out))).hostname, 'web02');
  }));

test('--in-place replaces the image and keeps its mode; a symlink is refused and left alone', () =>
  withTempDir(async (dir) => {
    const image = save(dir, 'seed.iso', seed, 0o640);
    const result = await runCli(['edit', image, '--hostname', 'web03', '--instance-id', 'keep', '--in-place']);
    assert.equal(result.status, 0, result.stderr.toString());
    assert.match(result.stderr.toString(), /warning: instance-id: kept iid-cli \(--instance-id keep\): a guest that already booted/);
    const report = readSeed(new Uint8Array(readFileSync(image)));
    assert.deepEqual([report.hostname, report.instanceId], ['web03', 'iid-cli']);
    assert.equal(statSync(image).mode & 0o777, 0o640);
    const link = join(dir, 'link.iso');
    symlinkSync(image, link);
    const refused = await runCli(['edit', link, '--hostname', 'web04', '--in-place']);
    assert.equal(refused.status, 3);
    assert.match(refused.stderr.toString(), /symbolic link/);
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(readSeed(new Uint8Array(readFileSync(image))).hostname, 'web03');
  }));

test('usage: -o or --in-place, exactly one; --instance-id takes keep, new or derived', () =>
  withTempDir(async (dir) => {
    const image = save(dir, 'seed.iso', seed);
    for (const args of [[], ['-o', join(dir, 'a.iso'), '--in-place'], ['-o', join(dir, 'a.iso'), '--instance-id', 'iid-x']]) {
      const result = await runCli(['edit', image, '--hostname', 'x', ...args]);
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
    }
    assert.ok(!existsSync(join(dir, 'a.iso')));
  }));

test('bad input: exit 1, the flag named, no output file, the password never echoed', () =>
  withTempDir(async (dir) => {
    const image = save(dir, 'seed.iso', seed);
    const out = join(dir, 'out.iso');
    const cases: [string[], RegExp][] = [
      [['--hostname', 'web 01'], /--hostname: .*space/],
      [['--ssh-key', join(dir, 'missing.pub')], /--ssh-key\[0\]/],
      [['--net', 'eth0=10.0.0.300/24'], /--net/],
      [['--user-data', join(dir, 'missing.sh')], /--user-data\[0\]: cannot read/],
      [['--write-file', '/etc/motd'], /--write-file\[0\]: .*GUEST_PATH=FILE/],
      [['--user', 'ops', '--password-env', 'EDIT_PW', '--hostname', '-bad'], /--hostname/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(['edit', image, ...args, '-o', out], { env: { ...process.env, EDIT_PW: 'Never-Shown-9' } });
      assert.equal(result.status, 1, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr.toString(), message);
      assert.ok(!`${result.stdout}${result.stderr}`.includes('Never-Shown-9'));
      assert.ok(!existsSync(out), `${args.join(' ')} left an output file`);
    }
  }));

test('--json: the summary on stdout, without the image', () =>
  withTempDir(async (dir) => {
    const image = save(dir, 'seed.iso', seed);
    const result = await runCli(['edit', image, '--instance-id', 'derived', '--hostname', 'j1', '-o', join(dir, 'out.iso'), '--json']);
    assert.equal(result.status, 0, result.stderr.toString());
    const summary = JSON.parse(result.stdout.toString());
    assert.deepEqual(
      Object.keys(summary).sort(),
      ['changed', 'datasource', 'filesystem', 'instanceId', 'instanceIdPolicy', 'label', 'notes', 'output', 'previousInstanceId', 'size'],
    );
    assert.deepEqual([summary.instanceIdPolicy, summary.previousInstanceId, summary.changed], ['derived', 'iid-cli', true]);
  }));
