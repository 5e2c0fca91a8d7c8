/** In-process `buildSeed` p50/p99 (see latency-probe.ts), measured in a fresh process. */
import { join } from 'node:path';
import { runCommand } from './commands.js';
import { REPO } from './environment.js';
import { round } from './stats.js';

export interface LatencyResult {
  readonly samples: number;
  readonly warmup: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly meanUs: number;
}

export function benchLatency(samples: number, warmup: number): LatencyResult {
  const probe = join(REPO, 'bench', 'latency-probe.ts');
  const output = runCommand([process.execPath, '--import', 'tsx', probe, String(samples), String(warmup)], { cwd: REPO });
  const measured = JSON.parse(output) as Omit<LatencyResult, 'warmup'>;
  return {
    samples: measured.samples,
    warmup,
    p50Us: round(measured.p50Us, 1),
    p99Us: round(measured.p99Us, 1),
    meanUs: round(measured.meanUs, 1),
  };
}
