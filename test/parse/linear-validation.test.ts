/**
 * Validation is linear in the length of a list, valid or wrong: a list four times as long takes
 * about four times as long, never sixteen. What is measured is this process's CPU time
 * (test/helpers/cpu-time.ts says why). The garbage collector's share grows with the heap,
 * so the test compares the best of three interleaved runs at 5,000 and at 20,000 items against a
 * ratio of 8, halfway to what a quadratic step gives (with a second round when the first looks
 * superlinear), and a generous ceiling per run also stops a quadratic validator early instead of
 * waiting minutes for it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateSpec } from '../../src/seed.js';
import { cpuMillisSince } from '../helpers/cpu-time.js';

const SMALL = 5_000;
const LARGE = 4 * SMALL;
/** Far above what a linear validator needs on a loaded machine, far below what a quadratic one takes. */
const CEILING_MS = 5_000;
const MAX_RATIO = 8;
/** Runs faster than this count as this long: noise in a few-ms run must not make a large ratio. */
const FLOOR_MS = 5;
const RUNS = 3;

type ListCase = { readonly name: string; readonly spec: (n: number) => Record<string, unknown>; readonly wrong: boolean };

const list = <T>(n: number, item: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => item(i));

const CASES: readonly ListCase[] = [
  { name: 'runcmd, valid', wrong: false, spec: (n) => ({ runcmd: list(n, (i) => (i % 2 ? `echo ${i}` : ['echo', String(i)])) }) },
  { name: 'runcmd, every item a number', wrong: true, spec: (n) => ({ runcmd: list(n, (i) => i) }) },
  { name: 'users, valid', wrong: false, spec: (n) => ({ users: list(n, (i) => ({ name: `u${i}`, groups: ['adm'], sudo: false })) }) },
  { name: 'users, each with an unknown key', wrong: true, spec: (n) => ({ users: list(n, (i) => ({ name: `u${i}`, shel: '/bin/sh' })) }) },
  { name: 'users, each of a wrong type', wrong: true, spec: (n) => ({ users: list(n, (i) => i) }) },
  { name: 'write_files, valid', wrong: false, spec: (n) => ({ write_files: list(n, (i) => ({ path: `/etc/f${i}`, content: 'x' })) }) },
  { name: 'write_files, each with an unknown key', wrong: true, spec: (n) => ({ write_files: list(n, (i) => ({ path: `/etc/f${i}`, mode: '0644' })) }) },
  {
    name: 'network ethernets, each with an unknown key',
    wrong: true,
    spec: (n) => ({ network: { ethernets: Object.fromEntries(list(n, (i) => [`eth${i}`, { dhcp4: true, dhcp: true }])) } }),
  },
];

/** One validation of `spec`, in ms of this process's CPU time, checked against the ceiling and for its verdict. */
async function timeValidation(spec: Record<string, unknown>, wrong: boolean, label: string): Promise<number> {
  const start = process.cpuUsage();
  const { issues } = await validateSpec({ hostname: 'a', ...spec });
  const elapsed = cpuMillisSince(start);
  assert.equal(issues.length > 0, wrong, `${label}: ${issues.length} issues`);
  assert.ok(elapsed < CEILING_MS, `${label}: one validation took ${Math.round(elapsed)} ms of CPU time`);
  return elapsed;
}

/** The best times of RUNS validations at each size, interleaved so both see the same heap and load. */
async function bestTimes(specs: readonly [Record<string, unknown>, Record<string, unknown>], wrong: boolean, name: string): Promise<[number, number]> {
  const best: [number, number] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  for (let run = 0; run < RUNS; run++) {
    for (const size of [0, 1] as const) {
      best[size] = Math.min(best[size], await timeValidation(specs[size], wrong, `${name} x${size === 0 ? SMALL : LARGE}`));
    }
  }
  return best;
}

for (const { name, spec, wrong } of CASES) {
  test(`validating ${name} grows linearly with the list`, async () => {
    const specs = [spec(SMALL), spec(LARGE)] as const;
    // A second round only when the first looks superlinear: other work on a shared machine can
    // slow every run of one size, but hardly twice, while a quadratic step fails both rounds.
    const ratios: string[] = [];
    for (let round = 0; round < 2; round++) {
      const [small, large] = await bestTimes(specs, wrong, name);
      const ratio = large / Math.max(small, FLOOR_MS);
      if (ratio < MAX_RATIO) return;
      ratios.push(`${Math.round(small)} ms of CPU time for ${SMALL} items, ${Math.round(large)} ms for ${LARGE} (x${ratio.toFixed(2)})`);
    }
    assert.fail(`${name} grows faster than its list: ${ratios.join('; ')}`);
  });
}

test('every wrong item is reported by its own path', async () => {
  const { issues } = await validateSpec({ hostname: 'a', users: list(3, (i) => ({ name: `u${i}`, shel: '/bin/sh' })), runcmd: [1, 'ok', 2] });
  assert.deepEqual(
    issues.map((issue) => issue.path),
    ['users[0].shel', 'users[1].shel', 'users[2].shel', 'runcmd[0]', 'runcmd[2]'],
  );
  assert.match(issues[0]!.message, /did you mean 'shell'/);
  assert.match(issues[3]!.message, /must be a string or a list of strings, not number 1/);
});
