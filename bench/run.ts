/**
 * `npm run bench`: measures the built package (`node dist/cli/main.js`, what `npx cloudseed`
 * runs) against the reference tools, writes bench/results.json and regenerates BENCHMARKS.md
 * from it. Not a test: nothing asserts; the targets are reported as measured ratios.
 * The npm script runs it without NODE_EXTRA_CA_CERTS, which users rarely set: with it, every
 * Node process (bare node included) parses those certificates at start-up.
 *
 *   BENCH_RUNS=20       whole-process runs per single-image case (median)
 *   BENCH_SPECS=1000    specs in the batch case
 *   BENCH_LARGE=1       also the 10,000-spec batch (cloudseed batch vs the genisoimage loop)
 *   BENCH_PAYLOAD_MIB=256
 *   --report-only       regenerate BENCHMARKS.md from bench/results.json without measuring
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchBatch } from './batch.js';
import { cliArgv, describeEnvironment, LIBRARY, REPO } from './environment.js';
import { benchLargePayload } from './large-payload.js';
import { benchLatency } from './latency.js';
import { renderReport, type BenchResults, type ServeRun } from './report.js';
import { benchSingleImage } from './single-image.js';

const RESULTS = join(REPO, 'bench', 'results.json');
/** Written by bench/serve.ts, which runs on its own (it needs nginx and wrk). */
const SERVE_RESULTS = join(REPO, 'bench', 'serve-results.json');
const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);

function ensureTools(): void {
  const result = spawnSync('bash', [join(REPO, 'scripts', 'ensure-bench-tools.sh')], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('scripts/ensure-bench-tools.sh failed');
}

function ensureBuilt(): void {
  const missing = [cliArgv()[1]!, LIBRARY].filter((file) => !existsSync(file));
  if (missing.length > 0) throw new Error(`not built (${missing.join(', ')} missing): run npm run build first`);
}

/**
 * Work folders are removed when the whole run ends, not after each scenario: ext4 allocates a new
 * inode past the ones freed in the last minutes (60 s, or 300 s while their table block is dirty),
 * so right after the 1,000-spec scenario's ~8,000 files were removed, creating a file cost up to
 * ten times its usual system time (bench/notes.md, "Floors", file creation). Removed
 * between scenarios, they made the 10,000-spec batch, which creates files faster than anything
 * else measured, pay for the bench's own clean-up.
 */
const workDirs: string[] = [];
process.on('exit', () => {
  for (const work of workDirs) rmSync(work, { recursive: true, force: true });
});

/** A scenario in a work folder of its own (removed when the run ends). */
async function inWorkDir<T>(name: string, run: (work: string) => Promise<T> | T): Promise<T> {
  const work = mkdtempSync(join(tmpdir(), `cloudseed-bench-${name}-`));
  workDirs.push(work);
  const started = Date.now();
  try {
    return await run(work);
  } finally {
    process.stderr.write(`bench: ${name} done in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  }
}

/** The previous results, so a run without BENCH_LARGE keeps the last 10,000-spec numbers (marked with their date). */
function previousResults(): Partial<BenchResults> {
  return existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Partial<BenchResults>) : {};
}

function writeReport(results: BenchResults): void {
  const serveRuns = existsSync(SERVE_RESULTS) ? (JSON.parse(readFileSync(SERVE_RESULTS, 'utf8')) as { runs: ServeRun[] }).runs : [];
  writeFileSync(join(REPO, 'BENCHMARKS.md'), renderReport(results, readFileSync(join(REPO, 'bench', 'notes.md'), 'utf8'), serveRuns));
}

if (process.argv.includes('--report-only')) {
  // Regenerates BENCHMARKS.md from the last results (after editing bench/notes.md or report.ts).
  writeReport(JSON.parse(readFileSync(RESULTS, 'utf8')) as BenchResults);
  process.exit(0);
}
ensureTools();
ensureBuilt();
const environment = describeEnvironment();
const payloadMiB = env('BENCH_PAYLOAD_MIB', 256);
const results: BenchResults = {
  environment,
  singleImage: await inWorkDir('single', (work) => benchSingleImage(work, env('BENCH_RUNS', 20))),
  batch: await inWorkDir('batch', (work) => benchBatch(work, { specs: env('BENCH_SPECS', 1000), runs: 3 })),
  batchLarge:
    process.env['BENCH_LARGE'] === '1'
      ? {
          ...(await inWorkDir('batch-large', (work) => benchBatch(work, { specs: 10000, runs: 1, tools: ['genisoimage'] }))),
          date: environment.date,
        }
      : previousResults().batchLarge,
  latency: benchLatency(env('BENCH_LATENCY_SAMPLES', 5000), 1000),
  largePayload: await inWorkDir('payload', (work) =>
    benchLargePayload(work, { files: payloadMiB / 16, fileMiB: 16, runs: 5 }),
  ),
};
writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
writeReport(results);
process.stderr.write('bench: wrote bench/results.json and BENCHMARKS.md\n');
