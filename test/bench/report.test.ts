/** BENCHMARKS.md's targets: the single-build ratio row (issue #17) is derived from the stored timings. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { type BenchResults, renderReport } from '../../bench/report.js';
import { buildVsNodeRatio } from '../../bench/single-image.js';
import { REPO_ROOT } from '../helpers/cli.js';

const stored = JSON.parse(readFileSync(join(REPO_ROOT, 'bench', 'results.json'), 'utf8')) as BenchResults;

/** The stored results with the two medians the ratio is made of replaced. */
function withMedians(nodeMs: number, buildMs: number): BenchResults {
  const timings = stored.singleImage.timings.map((timing) =>
    timing.id === 'node' ? { ...timing, medianMs: nodeMs } : timing.id === 'cloudseed-iso' ? { ...timing, medianMs: buildMs } : timing,
  );
  return { ...stored, singleImage: { ...stored.singleImage, timings } };
}

const targetRow = (report: string): string | undefined => report.split('\n').find((line) => line.startsWith('| single build vs `node -e 0`'));

test('the single build is reported as a ratio of the two medians, against the 1.35x target', () => {
  assert.equal(targetRow(renderReport(withMedians(50, 67.5), '')), '| single build vs `node -e 0` | <= 1.35x | 1.35x | met |');
  assert.equal(targetRow(renderReport(withMedians(55.5, 112.3), '')), '| single build vs `node -e 0` | <= 1.35x | 2.02x | **not met** |');
  assert.equal(buildVsNodeRatio(withMedians(55.5, 112.3).singleImage.timings), 2.023);
});

test('a run with NODE_EXTRA_CA_CERTS set says so beside the figures', () => {
  const flagged = withMedians(50, 60);
  const report = renderReport({ ...flagged, singleImage: { ...flagged.singleImage, extraCaCerts: true } }, '');
  assert.match(report, /NODE_EXTRA_CA_CERTS was set/);
  assert.doesNotMatch(renderReport({ ...flagged, singleImage: { ...flagged.singleImage, extraCaCerts: false } }, ''), /NODE_EXTRA_CA_CERTS/);
});
