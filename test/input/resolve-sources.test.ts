/**
 * Where a `source:` file may lie: inside the spec's folder (after symlinks) unless the caller
 * allows files from elsewhere, never under /proc, /sys or /dev.
 */
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { validateSpec } from '../../src/seed.js';
import { runCli } from '../helpers/cli.js';
import { withTempDir } from '../helpers/tools.js';

const specWith = (source: string): Record<string, unknown> => ({ hostname: 'a', write_files: [{ path: '/etc/x', source }] });

/** A spec folder `spec/` with a file inside, and a file beside it (outside). */
async function withFolders(body: (specDir: string, outsideFile: string) => Promise<void>): Promise<void> {
  await withTempDir(async (dir) => {
    const specDir = join(dir, 'spec');
    mkdirSync(join(specDir, 'files'), { recursive: true });
    writeFileSync(join(specDir, 'files', 'motd'), 'hello\n');
    writeFileSync(join(dir, 'secret'), 'not for the seed\n');
    await body(specDir, join(dir, 'secret'));
  });
}

test('files under /proc, /sys and /dev are refused, also through a symlink and with allowOutsideSources', async () => {
  await withFolders(async (specDir) => {
    symlinkSync('/proc/self/environ', join(specDir, 'env'));
    for (const [source, tree] of [['/proc/self/environ', '/proc'], ['env', '/proc'], ['/sys/kernel/hostname', '/sys'], ['/dev/null', '/dev']] as const) {
      const { issues } = await validateSpec(specWith(source), { baseDir: specDir, allowOutsideSources: true });
      assert.deepEqual(issues.map((issue) => issue.path), ['write_files[0].source'], source);
      assert.match(issues[0]!.message, new RegExp(`is under ${tree}, a view of the running system`), source);
    }
  });
});

test("a file outside the spec's folder, or a symlink leading out of it, needs allowOutsideSources", async () => {
  await withFolders(async (specDir, outside) => {
    symlinkSync(outside, join(specDir, 'link'));
    for (const source of ['../secret', outside, 'link', 'files/../../secret']) {
      const refused = await validateSpec(specWith(source), { baseDir: specDir });
      assert.deepEqual(refused.issues.map((issue) => issue.path), ['write_files[0].source'], source);
      assert.match(refused.issues[0]!.message, /outside the spec's folder .*--allow-outside-sources \(library: allowOutsideSources\)/, source);
      assert.deepEqual((await validateSpec(specWith(source), { baseDir: specDir, allowOutsideSources: true })).issues, [], source);
    }
    // A file the caller named itself is allowed where it lies; files inside the folder always are.
    assert.deepEqual((await validateSpec(specWith(outside), { baseDir: specDir, allowedSources: [outside] })).issues, []);
    assert.deepEqual((await validateSpec(specWith('files/motd'), { baseDir: specDir })).issues, []);
    assert.deepEqual((await validateSpec(specWith(join(specDir, 'files', 'motd')), { baseDir: specDir })).issues, []);
  });
});

test('the CLI: --allow-outside-sources lets a spec use a file beside its folder; --user-data files are allowed anywhere', async () => {
  await withFolders(async (specDir, outside) => {
    const spec = join(specDir, 'spec.yaml');
    writeFileSync(spec, 'hostname: a\nwrite_files:\n  - {path: /etc/x, source: ../secret}\n');
    const refused = await runCli(['validate', spec]);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /write_files\[0\]\.source: \.\.\/secret is outside the spec's folder/);
    assert.equal((await runCli(['validate', spec, '--allow-outside-sources'])).status, 0);
    const out = join(specDir, 'seed.iso');
    assert.equal((await runCli(['build', spec, '-o', out, '--allow-outside-sources'])).status, 0);
    writeFileSync(outside, '#!/bin/sh\necho hi\n');
    writeFileSync(spec, 'hostname: a\n');
    const withPart = await runCli(['build', spec, '-o', out, '--force', '--user-data', outside]);
    assert.equal(withPart.status, 0, withPart.stderr);
  });
});
