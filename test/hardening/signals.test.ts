/**
 * Nothing half-written remains: a build interrupted by SIGINT or SIGTERM exits 130 or 143 and
 * leaves no temp or output file, and a failed write leaves no temp file either. The slow build is
 * a real one: 300 users with plain passwords, each hashed with 5000 rounds of SHA-512 crypt (twice:
 * for the image and for the instance-id), seconds of synchronous work before the image is written.
 * A batch interrupted while its worker threads run xorriso leaves no staging folder in $TMPDIR.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { cliCommand, runCli } from '../helpers/cli.js';
import { withTempDir } from '../helpers/tools.js';

const USERS = 200;
/** After the handlers are in, the build still hashes passwords for several seconds. */
const INTO_THE_BUILD_MS = 1500;

/**
 * True once the process catches SIGHUP (bit 0 of SigCgt in /proc/PID/status): main.ts has set its
 * handlers. SIGINT and SIGTERM cannot tell: Node catches those from the start (to restore the
 * terminal before dying of them).
 */
function hasCliHandlers(pid: number): boolean {
  try {
    const mask = /^SigCgt:\s*([0-9a-f]+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return mask !== undefined && (BigInt(`0x${mask}`) & 1n) !== 0n;
  } catch {
    return false;
  }
}

function writeSlowSpec(dir: string): string {
  const users = Array.from({ length: USERS }, (_, i) => `  - {name: user${i}, password: password-${i}}`);
  const spec = join(dir, 'slow.yaml');
  writeFileSync(spec, ['hostname: slow', 'filesystem: vfat', 'users:', ...users, ''].join('\n'));
  return spec;
}

async function interruptBuild(signal: 'SIGINT' | 'SIGTERM'): Promise<{ code: number | null; stderr: string; left: string[] }> {
  return withTempDir(async (dir) => {
    const spec = writeSlowSpec(dir);
    const outDir = join(dir, 'out');
    mkdirSync(outDir);
    const [node, ...args] = cliCommand(['build', spec, '-o', join(outDir, 'seed.img')]);
    const child = spawn(node!, args, { cwd: outDir });
    const stderr: Buffer[] = [];
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    while (!hasCliHandlers(child.pid!)) await sleep(20);
    await sleep(INTO_THE_BUILD_MS);
    child.kill(signal);
    const code = await closed;
    return { code, stderr: Buffer.concat(stderr).toString('utf8'), left: readdirSync(outDir) };
  });
}

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  test(`${signal} during a slow build: exit ${code}, no temp or output file`, async () => {
    const result = await interruptBuild(signal);
    assert.equal(result.code, code, result.stderr);
    assert.deepEqual(result.left, []);
  });
}

test('a write that fails leaves no temp file: missing folder (exit 3), a folder in the way with --force (exit 3)', async () => {
  await withTempDir(async (dir) => {
    writeFileSync(join(dir, 'spec.yaml'), 'hostname: a\n');
    const missing = await runCli(['build', 'spec.yaml', '-o', join(dir, 'no-such-folder', 'seed.iso')], { cwd: dir });
    assert.equal(missing.status, 3, missing.stderr);
    assert.match(missing.stderr, /folder does not exist/);
    mkdirSync(join(dir, 'seed.iso'));
    const inTheWay = await runCli(['build', 'spec.yaml', '-o', 'seed.iso', '--force'], { cwd: dir });
    assert.equal(inTheWay.status, 3, inTheWay.stderr);
    assert.deepEqual(readdirSync(dir).sort(), ['seed.iso', 'spec.yaml']);
    assert.deepEqual(readdirSync(join(dir, 'seed.iso')), []);
  });
});

test('SIGINT during batch --jobs 2 --writer xorriso: exit 130, no staging folder left in the temp folder', async () => {
  await withTempDir(async (dir) => {
    const temp = join(dir, 'tmp');
    const specs = join(dir, 'specs');
    mkdirSync(temp);
    mkdirSync(specs);
    // Enough xorriso runs (a tenth of a second each at least) that two worker threads are busy when the signal comes.
    for (let index = 0; index < 60; index++) writeFileSync(join(specs, `vm${index}.yaml`), `hostname: vm${index}\n`);
    const [node, ...args] = cliCommand(['--quiet', 'batch', join(specs, '*.yaml'), '--out-dir', join(dir, 'out'), '--jobs', '2', '--writer', 'xorriso']);
    const child = spawn(node!, args, { env: { ...process.env, TMPDIR: temp } });
    const stderr: Buffer[] = [];
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    const staging = (): boolean => readdirSync(temp).some((batch) => readdirSync(join(temp, batch)).length > 0);
    while (!staging()) await sleep(5);
    child.kill('SIGINT');
    const code = await closed;
    const printed = Buffer.concat(stderr).toString('utf8');
    assert.equal(code, 130, printed);
    assert.deepEqual(readdirSync(temp, { recursive: true }), [], printed);
  });
});
