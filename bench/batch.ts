/**
 * Many seeds: `cloudseed batch` over N distinct spec files against a shell loop of each reference
 * tool over the same seeds, already rendered and staged (so the loops pay no spec parsing; we do).
 * Slow tools loop over the first `cap` seeds only; the rate (images/s) is what is compared.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { formatCommand, portableCommand, runCommand, type Argv } from './commands.js';
import { cliArgv } from './environment.js';
import { REFERENCE_TOOLS, type ReferenceTool } from './reference-tools.js';
import { loadLibrary, stageSeed } from './seed-files.js';
import { writeSpecFiles } from './specs.js';
import { median, round } from './stats.js';

export interface BatchTiming {
  readonly label: string;
  readonly command: string;
  readonly images: number;
  readonly runs: number;
  /** Median wall time of the runs. */
  readonly seconds: number;
  readonly imagesPerSecond: number;
}

export interface BatchResult {
  readonly specs: number;
  readonly timings: readonly BatchTiming[];
}

/** Per tool, the most seeds its loop builds (the rate is steady; a cap keeps the bench short). */
const LOOP_CAPS: Readonly<Record<string, number>> = { xorrisofs: 100, 'cloud-localds': 250 };

/** The loop body for one seed, from the same command builder as the single-image case. */
function loopScript(tool: ReferenceTool, staged: string, outDir: string, count: number): string {
  const files = ['meta-data', 'network-config', 'user-data'].map((name) => `\${d}/${name}`);
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable in the printed command line, not a template
  const steps = tool.steps({ dir: '${d}', files }, `\${o}`).map(formatCommand).join(' && ');
  return `ls -d ${staged}/* | head -n ${count} | while read -r d; do o=${outDir}/\${d##*/}.${tool.extension}; ${steps} || exit 1; done`;
}

function timeOnce(argv: Argv, prepare: () => void): number {
  prepare();
  const start = performance.now();
  runCommand(argv);
  return (performance.now() - start) / 1000;
}

function summarizeRuns(label: string, argv: Argv, images: number, seconds: readonly number[], work: string): BatchTiming {
  const mid = median(seconds);
  return {
    label,
    command: portableCommand(formatCommand(argv), work),
    images,
    runs: seconds.length,
    seconds: round(mid),
    imagesPerSecond: round(images / mid, 1),
  };
}

export interface BatchOptions {
  readonly specs: number;
  /** Runs of `cloudseed batch` (median taken); each reference loop runs once. */
  readonly runs: number;
  /** Reference tools to loop (ids); all by default. */
  readonly tools?: readonly string[];
}

export async function benchBatch(work: string, options: BatchOptions): Promise<BatchResult> {
  const specDir = join(work, 'specs');
  const staged = join(work, 'staged');
  mkdirSync(specDir, { recursive: true });
  writeSpecFiles(specDir, options.specs);
  const library = await loadLibrary();
  for (let index = 0; index < options.specs; index++) {
    await stageSeed(library, index, join(staged, `node${String(index).padStart(5, '0')}`));
  }

  let run = 0;
  const freshOutDir = (): string => {
    const dir = join(work, `out-${run++}`);
    mkdirSync(dir);
    return dir;
  };
  const timings: BatchTiming[] = [];
  const ours = Array.from({ length: options.runs }, () => {
    const outDir = join(work, `out-${run}`);
    const argv = [...cliArgv(), '--quiet', 'batch', `${specDir}/*.json`, '--out-dir', outDir];
    return { argv, seconds: timeOnce(argv, freshOutDir) };
  });
  timings.push(summarizeRuns('cloudseed batch', ours[0]!.argv, options.specs, ours.map((r) => r.seconds), work));

  for (const tool of REFERENCE_TOOLS.filter((t) => !options.tools || options.tools.includes(t.id))) {
    const count = Math.min(options.specs, LOOP_CAPS[tool.id] ?? options.specs);
    const outDir = join(work, `out-${run}`);
    const argv = ['sh', '-c', loopScript(tool, staged, outDir, count)];
    timings.push(summarizeRuns(`${tool.label} loop`, argv, count, [timeOnce(argv, freshOutDir)], work));
  }
  return { specs: options.specs, timings };
}
