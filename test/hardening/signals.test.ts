/**
 * Nothing half-written remains: a build interrupted by SIGINT or SIGTERM exits 130 or 143 and
 * leaves no temp or output file, and a failed write leaves no temp file either. The slow build is
 * a real one: 64 MiB of random write_files sources (the most a spec may refer to) on vfat, whose
 * base64 user-data takes seconds to render and pack.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { withTempDir } from '../helpers/tools.js';

const CLI = join(REPO_ROOT, 'src', 'cli', 'main.ts');
const TSX = import.meta.resolve('tsx');
const SOURCE_BYTES = 16 * 1024 * 1024;
/** After the handlers are in, the build still reads, renders and packs for several seconds. */
const INTO_THE_BUILD_MS = 1500;

/** True once the process catches SIGINT (bit 1 of SigCgt in /proc/PID/status): main.ts has set its handlers. */
function catchesSigint(pid: number): boolean {
  try {
    const mask = /^SigCgt:\s*([0-9a-f]+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return mask !== undefined && (BigInt(`0x${mask}`) & 2n) !== 0n;
  } catch {
    return false;
  }
}

function writeSlowSpec(dir: string): string {
  writeFileSync(join(dir, 'blob.bin'), randomBytes(SOURCE_BYTES));
  const entries = ['a', 'b', 'c', 'd'].map((name) => `  - {path: /srv/${name}, source: ./blob.bin}`);
  const spec = join(dir, 'slow.yaml');
  writeFileSync(spec, ['hostname: slow', 'filesystem: vfat', 'write_files:', ...entries, ''].join('\n'));
  return spec;
}

async function interruptBuild(signal: 'SIGINT' | 'SIGTERM'): Promise<{ code: number | null; stderr: string; left: string[] }> {
  return withTempDir(async (dir) => {
    const spec = writeSlowSpec(dir);
    const outDir = join(dir, 'out');
    mkdirSync(outDir);
    const child = spawn(process.execPath, ['--import', TSX, CLI, 'build', spec, '-o', join(outDir, 'seed.img')], { cwd: outDir });
    const stderr: Buffer[] = [];
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    while (!catchesSigint(child.pid!)) await sleep(20);
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
