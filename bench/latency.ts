/** In-process `buildSeed` p50/p99 (see latency-probe.ts), measured in fresh processes. */
import { join } from 'node:path';
import { runCommand } from './commands.js';
import { REPO } from './environment.js';
import { round } from './stats.js';

export interface LatencyResult {
  readonly samples: number;
  readonly warmup: number;
  readonly rounds: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly meanUs: number;
}

/**
 * Best of `rounds` fresh processes (by p50): other jobs on a shared machine only ever add time,
 * so the least disturbed round is the closest to the code's own cost.
 */
export function benchLatency(samples: number, warmup: number, rounds = 3): LatencyResult {
  const probe = join(REPO, 'bench', 'latency-probe.ts');
  const measured = Array.from({ length: rounds }, () => {
    const output = runCommand([process.execPath, '--import', 'tsx', probe, String(samples), String(warmup)], { cwd: REPO });
    return JSON.parse(output) as Omit<LatencyResult, 'warmup' | 'rounds'>;
  }).sort((a, b) => a.p50Us - b.p50Us)[0]!;
  return {
    samples: measured.samples,
    warmup,
    rounds,
    p50Us: round(measured.p50Us, 1),
    p99Us: round(measured.p99Us, 1),
    meanUs: round(measured.meanUs, 1),
  };
}
