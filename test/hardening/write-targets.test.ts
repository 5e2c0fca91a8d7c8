/**
 * Writes that an attacker (or an accident) could redirect: `render --out-dir`, `inspect --extract`
 * and `batch --out-dir`, with --force, never follow a symlink (file or folder) in the target and
 * never replace a device node, FIFO or socket; trees are 0600. A full disk (here: RLIMIT_FSIZE,
 * which makes write() fail with EFBIG exactly as a full disk fails with ENOSPC) leaves no partial
 * tree. A signal during `--writer xorriso` removes the staging folder and kills xorriso.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cliCommand, runCli } from '../helpers/cli.js';
import { withTempDir } from '../helpers/tools.js';

const SPEC = 'hostname: a\n';

/** user-data well over one KiB, so a 1 KiB file size limit stops the render in the middle. */
const LARGE_SPEC = `hostname: a\nruncmd:\n${Array.from({ length: 100 }, (_, index) => `  - echo line ${index}\n`).join('')}`;

function setUp(dir: string): void {
  writeFileSync(join(dir, 'spec.yaml'), SPEC);
  writeFileSync(join(dir, 'large.yaml'), LARGE_SPEC);
  mkdirSync(join(dir, 'victim'));
}

function victimIsUntouched(dir: string): void {
  assert.deepEqual(readdirSync(join(dir, 'victim')), [], 'nothing was written through the link');
}

function noTempLeft(dir: string): void {
  assert.deepEqual(readdirSync(dir).filter((name) => name.includes('.cloudseed-')), []);
}

test('render --out-dir --force refuses a symlinked out-dir, a symlinked file or folder inside it, and a FIFO', async () => {
  await withTempDir(async (dir) => {
    setUp(dir);
    symlinkSync('victim', join(dir, 'linked'));
    let result = await runCli(['render', 'spec.yaml', '--out-dir', 'linked', '--force'], { cwd: dir });
    assert.equal(result.status, 3, result.stderr);
    assert.match(result.stderr, /linked: it is a symbolic link/);
    victimIsUntouched(dir);

    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'keep'), 'keep');
    symlinkSync('../victim/user-data', join(dir, 'out', 'user-data'));
    result = await runCli(['render', 'spec.yaml', '--out-dir', 'out', '--force'], { cwd: dir });
    assert.equal(result.status, 3, result.stderr);
    assert.match(result.stderr, /out\/user-data is a symbolic link/);
    assert.equal(existsSync(join(dir, 'out', 'meta-data')), false, 'nothing was written, not even the safe files');
    victimIsUntouched(dir);

    mkdirSync(join(dir, 'c2'));
    writeFileSync(join(dir, 'c2', 'keep'), 'keep');
    symlinkSync('../victim', join(dir, 'c2', 'openstack'));
    result = await runCli(['render', 'spec.yaml', '--datasource', 'configdrive', '--out-dir', 'c2', '--force'], { cwd: dir });
    assert.equal(result.status, 3, result.stderr);
    assert.match(result.stderr, /c2\/openstack is a symbolic link/);
    victimIsUntouched(dir);

    const fifo = spawnSync('mkfifo', [join(dir, 'out', 'meta-data')]);
    assert.equal(fifo.status, 0);
    result = await runCli(['render', 'spec.yaml', '--out-dir', 'out', '--force'], { cwd: dir });
    assert.match(result.stderr, /out\/meta-data is a FIFO/);
    assert.ok(lstatSync(join(dir, 'out', 'meta-data')).isFIFO());
    noTempLeft(dir);
  });
});

test('render --force into a filled folder replaces regular files, keeps the others, and writes 0600', async () => {
  await withTempDir(async (dir) => {
    setUp(dir);
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'keep'), 'keep');
    writeFileSync(join(dir, 'out', 'user-data'), 'old', { mode: 0o644 });
    const result = await runCli(['render', 'spec.yaml', '--out-dir', 'out', '--force'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(readdirSync(join(dir, 'out')).sort(), ['keep', 'meta-data', 'user-data']);
    for (const name of ['meta-data', 'user-data']) assert.equal(statSync(join(dir, 'out', name)).mode & 0o777, 0o600, name);
    assert.match(readFileSync(join(dir, 'out', 'user-data'), 'utf8'), /^#cloud-config/);
    noTempLeft(dir);
  });
});

test('render on a full disk (file size limit) leaves no partial tree and no temp folder', async () => {
  await withTempDir(async (dir) => {
    setUp(dir);
    mkdirSync(join(dir, 'filled'));
    writeFileSync(join(dir, 'filled', 'user-data'), 'old');
    for (const [outDir, force] of [['fresh', []], ['filled', ['--force']]] as const) {
      const [node, ...args] = cliCommand(['render', 'large.yaml', '--out-dir', outDir, ...force]);
      // bash's ulimit -f counts KiB: any write past the first KiB of a file fails with EFBIG.
      const result = spawnSync('bash', ['-c', 'ulimit -f 1 && exec "$@"', 'bash', node!, ...args], { cwd: dir, encoding: 'utf8' });
      assert.equal(result.status, 3, result.stderr);
      assert.match(result.stderr, new RegExp(`cannot write ${outDir}: file too large`));
      assert.doesNotMatch(result.stderr, /\n\s+at /);
    }
    assert.equal(existsSync(join(dir, 'fresh')), false, 'no partial tree');
    assert.deepEqual(readdirSync(join(dir, 'filled')), ['user-data']);
    assert.equal(readFileSync(join(dir, 'filled', 'user-data'), 'utf8'), 'old');
    noTempLeft(dir);
  });
});

test('inspect --extract --force refuses a symlinked folder or file and writes 0600 files', async () => {
  await withTempDir(async (dir) => {
    setUp(dir);
    const built = await runCli(['build', 'spec.yaml', '-o', 'seed.iso'], { cwd: dir });
    assert.equal(built.status, 0, built.stderr);
    symlinkSync('victim', join(dir, 'linked'));
    let result = await runCli(['inspect', 'seed.iso', '--extract', 'linked', '--force'], { cwd: dir });
    assert.equal(result.status, 3, result.stderr);
    victimIsUntouched(dir);
    mkdirSync(join(dir, 'out'));
    symlinkSync('../victim/meta-data', join(dir, 'out', 'meta-data'));
    result = await runCli(['inspect', 'seed.iso', '--extract', 'out', '--force'], { cwd: dir });
    assert.equal(result.status, 3, result.stderr);
    assert.match(result.stderr, /out\/meta-data is a symbolic link/);
    victimIsUntouched(dir);
    result = await runCli(['inspect', 'seed.iso', '--extract', 'fresh'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    for (const name of readdirSync(join(dir, 'fresh'))) assert.equal(statSync(join(dir, 'fresh', name)).mode & 0o777, 0o600, name);
    // An existing empty folder is written into, not replaced: its mode stays.
    mkdirSync(join(dir, 'empty'), { mode: 0o750 });
    result = await runCli(['inspect', 'seed.iso', '--extract', 'empty'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(statSync(join(dir, 'empty')).mode & 0o777, 0o750);
    assert.deepEqual(readdirSync(join(dir, 'empty')).sort(), ['meta-data', 'user-data']);
  });
});

test('batch --out-dir FILE is a clear usage error', async () => {
  await withTempDir(async (dir) => {
    setUp(dir);
    writeFileSync(join(dir, 'images'), 'a file');
    const result = await runCli(['batch', 'spec.yaml', '--out-dir', 'images'], { cwd: dir });
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /--out-dir images is a file, not a folder/);
    assert.doesNotMatch(result.stderr, /internal error|ENOTDIR/);
  });
});

test('batch --out-dir --force refuses a symlinked image, a symlinked subfolder and a device node', async () => {
  await withTempDir(async (dir) => {
    setUp(dir);
    mkdirSync(join(dir, 'specs', 'web'), { recursive: true });
    writeFileSync(join(dir, 'specs', 'a.yaml'), SPEC);
    writeFileSync(join(dir, 'specs', 'web', 'b.yaml'), SPEC);
    mkdirSync(join(dir, 'images'));
    symlinkSync('../victim', join(dir, 'images', 'web'));
    symlinkSync('../victim/a.iso', join(dir, 'images', 'a.iso'));
    let result = await runCli(['batch', 'specs/**/*.yaml', '--out-dir', 'images', '--force', '--jobs', '1'], { cwd: dir });
    assert.equal(result.status, 3, result.stderr);
    assert.match(result.stderr, /images\/web is a symbolic link/);
    assert.match(result.stderr, /images\/a\.iso is a symbolic link/);
    victimIsUntouched(dir);

    spawnSync('rm', [join(dir, 'images', 'web'), join(dir, 'images', 'a.iso')]);
    assert.equal(spawnSync('mknod', [join(dir, 'images', 'a.iso'), 'c', '1', '3']).status, 0);
    result = await runCli(['batch', 'specs/**/*.yaml', '--out-dir', 'images', '--force', '--jobs', '1'], { cwd: dir });
    assert.equal(result.status, 3, result.stderr);
    assert.match(result.stderr, /images\/a\.iso is a device node/);
    assert.ok(lstatSync(join(dir, 'images', 'a.iso')).isCharacterDevice());
  });
});

/** True once the process is gone or a zombie (killed, waiting to be reaped). */
function isGone(pid: number): boolean {
  try {
    return /^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return true;
  }
}

for (const [signal, status] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
  test(`${signal} during --writer xorriso removes the staging folder and kills xorriso`, async () => {
    await withTempDir(async (dir) => {
      setUp(dir);
      // A stand-in xorriso that records its PID and hangs, so the signal lands while it runs.
      mkdirSync(join(dir, 'bin'));
      mkdirSync(join(dir, 'tmp'));
      writeFileSync(join(dir, 'bin', 'xorriso'), `#!/bin/sh\necho $$ > "${join(dir, 'xorriso.pid')}"\nexec sleep 60\n`);
      chmodSync(join(dir, 'bin', 'xorriso'), 0o755);
      const [node, ...args] = cliCommand(['build', 'spec.yaml', '--writer', 'xorriso', '-o', 'seed.iso']);
      const child = spawn(node!, args, {
        cwd: dir,
        env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env['PATH']}`, TMPDIR: join(dir, 'tmp') },
        stdio: 'ignore',
      });
      const pidFile = join(dir, 'xorriso.pid');
      await new Promise<void>((resolve) => {
        const timer = setInterval(() => {
          if (existsSync(pidFile) && readFileSync(pidFile, 'utf8').endsWith('\n')) {
            clearInterval(timer);
            resolve();
          }
        }, 10);
      });
      assert.equal(readdirSync(join(dir, 'tmp')).length, 1, 'the staging folder exists while xorriso runs');
      child.kill(signal);
      const code = await new Promise<number | null>((resolve) => child.once('close', (exitCode) => resolve(exitCode)));
      assert.equal(code, status);
      assert.deepEqual(readdirSync(join(dir, 'tmp')), [], 'the staging folder is removed');
      const xorrisoPid = Number(readFileSync(pidFile, 'utf8'));
      const deadline = Date.now() + 2000;
      while (!isGone(xorrisoPid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.ok(isGone(xorrisoPid), 'xorriso was killed');
      assert.equal(existsSync(join(dir, 'seed.iso')), false);
    });
  });
}
