/**
 * Running and timing whole processes. Every case is timed the same way (spawnSync from this
 * process, wall clock around it), so the spawn cost is the same for cloudseed and for the tools.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { REPO } from './environment.js';
import { round, summarize } from './stats.js';

export type Argv = readonly string[];

/**
 * A command line as it would be typed in a shell. Words holding `${...}` are shell variables of
 * a loop (see batch.ts) and are double-quoted so they expand; anything else unusual is single-quoted.
 */
export function formatCommand(argv: Argv): string {
  const quote = (arg: string): string => {
    if (/^[\w@%+=:,./-]+$/.test(arg)) return arg;
    if (/^[\w${}@%+=:,./-]+$/.test(arg) && arg.includes('${')) return `"${arg}"`;
    return `'${arg.replace(/'/g, `'\\''`)}'`;
  };
  return argv.map(quote).join(' ');
}

/** A reported command line without this machine's paths: the work folder is $WORK, the repository `.`. */
export function portableCommand(command: string, work: string): string {
  return command.replaceAll(work, '$WORK').replaceAll(process.execPath, 'node').replaceAll(`${REPO}/`, '');
}

/** Runs a command to completion; a non-zero exit is a broken benchmark, not a data point. */
export function runCommand(argv: Argv, options: { cwd?: string; input?: string } = {}): string {
  const result = spawnSync(argv[0]!, argv.slice(1), {
    cwd: options.cwd,
    input: options.input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${formatCommand(argv)} exited with ${result.status ?? result.signal}:\n${result.stderr.slice(0, 2000)}`);
  }
  return result.stdout;
}

export interface ProcessCase {
  readonly id: string;
  readonly label: string;
  /** Run before every timed run, untimed (e.g. removing the previous output). */
  readonly prepare?: () => void;
  /** Timed together: one run is all of them in order. */
  readonly steps: readonly Argv[];
}

export interface ProcessTiming {
  readonly id: string;
  readonly label: string;
  readonly commands: readonly string[];
  readonly runs: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}

/**
 * Times every case `runs` times, round-robin (case A, B, C, A, B, C...), so a slow phase of the
 * machine falls on all of them alike; one untimed warm-up run each fills the page cache.
 */
export function timeProcesses(cases: readonly ProcessCase[], runs: number): ProcessTiming[] {
  const samples = cases.map(() => [] as number[]);
  for (let round = -1; round < runs; round++) {
    cases.forEach((entry, index) => {
      entry.prepare?.();
      const start = performance.now();
      for (const step of entry.steps) runCommand(step);
      if (round >= 0) samples[index]!.push(performance.now() - start);
    });
  }
  return cases.map((entry, index) => {
    const summary = summarize(samples[index]!);
    return {
      id: entry.id,
      label: entry.label,
      commands: entry.steps.map(formatCommand),
      runs: summary.runs,
      medianMs: round(summary.median),
      minMs: round(summary.min),
      maxMs: round(summary.max),
    };
  });
}

/** Wall time (s) and peak RSS (KiB) of one command, measured by GNU time. */
export function measureWithGnuTime(argv: Argv): { seconds: number; peakRssKiB: number } {
  const result = spawnSync('/usr/bin/time', ['-f', 'cloudseed-bench %e %M', ...argv], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`${formatCommand(argv)} failed:\n${result.stderr.slice(0, 2000)}`);
  const line = result.stderr.split('\n').find((text) => text.startsWith('cloudseed-bench '));
  if (!line) throw new Error(`no GNU time report for ${formatCommand(argv)}`);
  const [, seconds, rss] = line.split(' ');
  return { seconds: Number(seconds), peakRssKiB: Number(rss) };
}
