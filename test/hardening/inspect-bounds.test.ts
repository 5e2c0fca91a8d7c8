/**
 * `inspect` is bounded in time and memory on any input: crafted images that make a naive reader
 * loop, recurse or copy without end, a device that never ends, a file far larger than any seed.
 * Each runs the built CLI under /usr/bin/time and asserts a wall-clock and peak-RSS bound, generous
 * ones: a bound on a bomb, not a timing of the happy path. Ctrl-C and SIGTERM stop a long parse.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, openSync, ftruncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { before, test } from 'node:test';
import { cliCommand } from '../helpers/cli.js';
import { withTempDir } from '../helpers/tools.js';
import { continuationBomb, deepFatFolders, makeRockRidgeIso } from './image-bombs.js';

/** Far above what any of these takes when bounded; a naive reader runs for minutes. */
const WALL_BOUND_MS = 20_000;
/** Node itself takes about a tenth of this; the bombs ask for gigabytes. */
const RSS_BOUND_KIB = 512 * 1024;

interface BoundedRun {
  readonly status: number | null;
  readonly stderr: string;
  readonly wallMs: number;
  readonly maxRssKib: number;
}

/** `cloudseed inspect ARGS` under /usr/bin/time, killed once it passes the wall-clock bound. */
function inspectBounded(args: readonly string[]): Promise<BoundedRun> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn('/usr/bin/time', ['-f', 'max-rss-kib %M', ...cliCommand(['inspect', ...args])], { stdio: ['ignore', 'ignore', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), WALL_BOUND_MS + 5000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      const stderr = Buffer.concat(chunks).toString('utf8');
      const rss = /max-rss-kib (\d+)\s*$/.exec(stderr)?.[1];
      resolve({ status, stderr, wallMs: Date.now() - started, maxRssKib: rss === undefined ? Number.POSITIVE_INFINITY : Number(rss) });
    });
  });
}

function assertBounded(run: BoundedRun, what: string): void {
  assert.ok(run.wallMs < WALL_BOUND_MS, `${what}: ${run.wallMs} ms, bound ${WALL_BOUND_MS}\n${run.stderr}`);
  assert.ok(run.maxRssKib < RSS_BOUND_KIB, `${what}: peak RSS ${run.maxRssKib} KiB, bound ${RSS_BOUND_KIB}\n${run.stderr}`);
}

let rockRidge: Uint8Array;
before(async () => {
  rockRidge = await makeRockRidgeIso(2000);
});

test('inspect /dev/zero: refused before reading (a character device), exit 3', async () => {
  const run = await inspectBounded(['/dev/zero']);
  assertBounded(run, '/dev/zero');
  assert.equal(run.status, 3, run.stderr);
  assert.match(run.stderr, /cannot read \/dev\/zero: is a character device/);
});

test('inspect a 2 GB (sparse) file: refused before reading, exit 3', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'big.img');
    const fd = openSync(path, 'w');
    ftruncateSync(fd, 2_000_000_000);
    closeSync(fd);
    const run = await inspectBounded([path]);
    assertBounded(run, '2 GB file');
    assert.equal(run.status, 3, run.stderr);
    assert.match(run.stderr, /2000000000 bytes, more than any seed image/);
  });
});

test('Rock Ridge continuation bomb: every record chains into one self-referencing CE area', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'ce-bomb.iso');
    writeFileSync(path, continuationBomb(rockRidge, 64 * 1024));
    const run = await inspectBounded([path]);
    assertBounded(run, 'continuation bomb');
    assert.equal(run.status, 3, run.stderr);
    assert.match(run.stderr, /more than 1000000 SUSP entries/);
  });
});

test('FAT folders 20000 deep: an IoError at the depth bound, not a stack overflow', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'deep.img');
    writeFileSync(path, await deepFatFolders(20_000));
    const run = await inspectBounded([path]);
    assertBounded(run, 'deep folders');
    assert.equal(run.status, 3, run.stderr);
    assert.match(run.stderr, /nests more than 64 deep/);
  });
});

/** True once main.ts has set its handlers (SigCgt bit 0: SIGHUP is caught), as in signals.test.ts. */
async function waitForHandlers(pid: number): Promise<void> {
  const { readFileSync } = await import('node:fs');
  for (;;) {
    try {
      const mask = /^SigCgt:\s*([0-9a-f]+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      if (mask !== undefined && (BigInt(`0x${mask}`) & 1n) !== 0n) return;
    } catch {
      return;
    }
    await sleep(10);
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`${signal} in the middle of parsing the continuation bomb stops inspect within a second`, async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'ce-bomb.iso');
      writeFileSync(path, continuationBomb(rockRidge, 64 * 1024));
      const [node, ...args] = cliCommand(['inspect', path]);
      const child = spawn(node!, args, { stdio: 'ignore' });
      const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
      await waitForHandlers(child.pid!);
      // Past reading the file, into the parse (which runs for seconds without the bounds).
      await sleep(300);
      const sent = Date.now();
      child.kill(signal);
      await Promise.race([closed, sleep(5000)]);
      const took = Date.now() - sent;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      assert.ok(took < 1000, `still running ${took} ms after ${signal}`);
    });
  });
}
