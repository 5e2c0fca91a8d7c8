/**
 * Nightly fuzzing: `npm run fuzz` (node --import tsx test/fuzz/run.ts). By default 20,000 loader
 * cases and 2,500 cases per writer, from a seed that changes every day; a failure prints its seed,
 * and `--seed S --loader 1 --writers 1` replays it.
 *
 *     node --import tsx test/fuzz/run.ts [--seed S] [--loader N] [--writers N]
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
  },
});
const [seed, loaderCases, writerCases] = [values.seed, values.loader, values.writers].map(Number) as [number, number, number];
if (![seed, loaderCases, writerCases].every(Number.isSafeInteger)) {
  process.stderr.write('usage: run.ts [--seed S] [--loader N] [--writers N] (whole numbers)\n');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'cloudseed-fuzz-'));
const started = Date.now();
process.stdout.write(`fuzzing from seed ${seed}: ${loaderCases} loader cases, ${writerCases} per writer\n`);
try {
  const report = await runCampaign({ seed, loaderCases, writerCases, dir, onProgress: (message) => process.stdout.write(`  ${message}\n`) });
  const total = Object.values(report.counts).reduce((sum, n) => sum + n, 0) + report.failures.length;
  process.stdout.write(`${total} cases in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(report.counts)}\n`);
  for (const failure of report.failures) process.stdout.write(`FAIL ${failure}\n`);
  process.exitCode = report.failures.length > 0 ? 1 : 0;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
