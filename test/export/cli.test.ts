/** `cloudseed export` as users run it: --help lists every target, files are owner-only, never overwritten or written through a symlink, no secrets printed. */
import assert from 'node:assert/strict';
import { lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { EXPORT_TARGETS } from '../../src/export/targets.js';
import { runCli, REPO_ROOT } from '../helpers/cli.js';
import { gunzipSync } from 'node:zlib';
import { findSecretInFile } from '../hardening/find-secret.js';
import { withTempDir } from '../helpers/tools.js';

/** The file and its base64 runs decoded, gzip streams unpacked (ironic and vmware outputs are base64(gzip)). */
function unpacked(bytes: Buffer): Buffer[] {
  const blobs = [bytes];
  for (const [run] of bytes.toString('latin1').matchAll(/[A-Za-z0-9+/=]{16,}/g)) {
    const decoded = Buffer.from(run, 'base64');
    blobs.push(decoded[0] === 0x1f && decoded[1] === 0x8b ? gunzipSync(decoded) : decoded);
  }
  return blobs;
}

const EXAMPLE = join(REPO_ROOT, 'examples', 'web01.yaml');
const EXAMPLE_PASSWORD = 'change me now';

test('--help names every target with an example', async () => {
  const result = await runCli(['export', '--help']);
  assert.equal(result.status, 0, result.stderr);
  const help = result.stdout.toString();
  for (const target of EXPORT_TARGETS) {
    assert.match(help, new RegExp(`^  ${target.name.replace('-', '\\-')} +\\S`, 'm'), `${target.name} is listed`);
    assert.ok(help.includes(`$ ${target.example}`), `${target.name} has an example`);
    assert.ok(target.example.includes(`--to ${target.name} `));
  }
});

test('every target writes owner-only output, with no clear password in it or in what is printed', async () => {
  await withTempDir(async (dir) => {
    for (const target of EXPORT_TARGETS) {
      const output = join(dir, target.name);
      const result = await runCli(['export', EXAMPLE, '--to', target.name, '-o', output, '--json']);
      assert.equal(result.status, 0, `${target.name}: ${result.stderr}`);
      const summary = JSON.parse(result.stdout.toString());
      assert.equal(summary.target, target.name);
      const files = target.layout === 'file' ? [output] : readdirSync(output, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
      assert.equal(files.length, summary.files.length);
      const blobs = files.flatMap((file) => unpacked(readFileSync(file)));
      assert.ok(blobs.some((blob) => blob.includes('$6$')), `${target.name}: the password hash is found, so the search reaches the content`);
      for (const file of files) {
        assert.equal(statSync(file).mode & 0o777, 0o600, file);
        for (const blob of unpacked(readFileSync(file))) {
          assert.equal(findSecretInFile(blob, EXAMPLE_PASSWORD), undefined, `${file} holds no clear password`);
        }
      }
      assert.ok(!result.stdout.includes(EXAMPLE_PASSWORD) && !result.stderr.includes(EXAMPLE_PASSWORD));
    }
  });
});

test('an existing output is kept without --force, replaced with it; a symlink is never written through', async () => {
  await withTempDir(async (dir) => {
    const output = join(dir, 'seed.tar');
    writeFileSync(output, 'precious');
    const refused = await runCli(['export', EXAMPLE, '--to', 'tar', '-o', output]);
    assert.equal(refused.status, 3);
    assert.match(refused.stderr, /already exists; use --force/);
    assert.equal(readFileSync(output, 'utf8'), 'precious');
    assert.equal((await runCli(['export', EXAMPLE, '--to', 'tar', '-o', output, '--force'])).status, 0);

    const victim = join(dir, 'victim');
    writeFileSync(victim, 'untouched');
    const link = join(dir, 'link.qcow2');
    symlinkSync(victim, link);
    assert.equal((await runCli(['export', EXAMPLE, '--to', 'qcow2', '-o', link])).status, 3);
    assert.equal((await runCli(['export', EXAMPLE, '--to', 'qcow2', '-o', link, '--force'])).status, 0);
    assert.equal(readFileSync(victim, 'utf8'), 'untouched', 'the symlink is replaced, its target untouched');
    assert.ok(!lstatSync(link).isSymbolicLink());

    const folder = join(dir, 'folder');
    mkdirSync(folder);
    symlinkSync(dir, join(folder, 'openstack'));
    const through = await runCli(['export', join(REPO_ROOT, 'examples', 'configdrive.yaml'), '--to', 'dir', '-o', folder]);
    assert.equal(through.status, 3);
    assert.match(through.stderr, /is a symlink/);
  });
});

test('-o - prints a one-file export on stdout; a folder target refuses it; an unknown target is a usage error', async () => {
  const ironic = await runCli(['export', join(REPO_ROOT, 'examples', 'configdrive.yaml'), '--to', 'ironic', '-o', '-']);
  assert.equal(ironic.status, 0, ironic.stderr);
  assert.match(ironic.stdout.toString(), /^H4sI[A-Za-z0-9+/=]+\n$/);
  assert.match(ironic.stderr, /wrote stdout/);
  const folder = await runCli(['export', EXAMPLE, '--to', 'dir', '-o', '-']);
  assert.equal(folder.status, 2);
  assert.match(folder.stderr, /several files/);
  const unknown = await runCli(['export', EXAMPLE, '--to', 'floppy']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /Allowed choices are/);
});

test('a datasource the target cannot take is invalid input naming the field, and nothing is written', async () => {
  await withTempDir(async (dir) => {
    const result = await runCli(['export', EXAMPLE, '--to', 'tar', '--datasource', 'configdrive', '-o', join(dir, 'x.tar')]);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /datasource: the tar target takes nocloud seeds, not configdrive/);
    assert.deepEqual(readdirSync(dir), []);
  });
});

test('docs/integrations.md shows every target in use', () => {
  const docs = readFileSync(join(REPO_ROOT, 'docs', 'integrations.md'), 'utf8');
  for (const target of EXPORT_TARGETS) {
    assert.match(docs, new RegExp(`cloudseed export \\S+ --to ${target.name.replace('-', '\\-')}\\b`), `${target.name} has an example`);
  }
});

test('library: exportSeed with output writes owner-only files and keeps an existing one without force', async () => {
  const { exportSeed } = await import('../../src/index.js');
  await withTempDir(async (dir) => {
    const output = join(dir, 'guestinfo');
    const first = await exportSeed({ hostname: 'lib1' }, 'vmware', { output });
    assert.equal(first.output, output);
    for (const file of first.files) assert.equal(statSync(join(output, file.name)).mode & 0o777, 0o600);
    const before = readFileSync(join(output, 'guestinfo.vmx'));
    await assert.rejects(exportSeed({ hostname: 'lib2' }, 'vmware', { output }), /already exists; use --force/);
    assert.deepEqual(readFileSync(join(output, 'guestinfo.vmx')), before, 'nothing was replaced');
    await exportSeed({ hostname: 'lib2' }, 'vmware', { output, force: true });
    assert.notDeepEqual(readFileSync(join(output, 'guestinfo.vmx')), before);
  });
});
