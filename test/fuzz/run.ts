/**
 * Nightly fuzzing: `npm run fuzz` (node --import tsx test/fuzz/run.ts). By default 20,000 loader
 * cases, 2,500 cases per writer and 5,000 mutated images per filesystem through the reader (in a
 * child process bounded in wall time per case and in peak RSS), from a seed that changes every
 * day; a failure prints its seed, and `--seed S --loader 1 --writers 1 --images 1` replays it.
 *
 * `--seconds T` bounds the campaign's time (CI runs it so): each part stops at its share of T,
 * and the counts become upper bounds; the summary says how many cases ran.
 *
 *     node --import tsx test/fuzz/run.ts [--seed S] [--loader N] [--writers N] [--images N] [--seconds T]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runCampaign } from './campaign.js';

const DAY_MS = 86_400_000;
const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: String(Math.floor(Date.now() / DAY_MS) * 1_000_000) },
    loader: { type: 'string', default: '20000' },
    writers: { type: 'string', default: '2500' },
    images: { type: 'string', default: '5000' },
    seconds: { type: 'string' },
  },
});
const [seed, loaderCases, writerCases, imageCases] = [values.seed, values.loader, values.writers, values.images].map(Number) as [
  number,
  number,
  number,
  number,
];
const seconds = values.seconds === undefined ? undefined : Number(values.seconds);
if (![seed, loaderCases, writerCases, imageCases, seconds ?? 1].every(Number.isSafeInteger)) {
  process.stderr.write('usage: run.ts [--seed S] [--loader N] [--writers N] [--images N] [--seconds T] (whole numbers)\n');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'cloudseed-fuzz-'));
const started = Date.now();
const bound = seconds === undefined ? '' : ` (at most; ${seconds} s in all)`;
process.stdout.write(`fuzzing from seed ${seed}: ${loaderCases} loader cases, ${writerCases} per writer, ${imageCases} images per reader${bound}\n`);
try {
  const report = await runCampaign({
    seed,
    loaderCases,
    writerCases,
    imageCases,
    dir,
    ...(seconds === undefined ? {} : { budgetMs: seconds * 1000 }),
    onProgress: (message) => process.stdout.write(`  ${message}\n`),
  });
  const total = Object.values(report.counts).reduce((sum, n) => sum + n, 0) + report.failures.length;
  process.stdout.write(`${total} cases in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(report.counts)}\n`);
  for (const failure of report.failures) process.stdout.write(`FAIL ${failure}\n`);
  process.exitCode = report.failures.length > 0 ? 1 : 0;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
