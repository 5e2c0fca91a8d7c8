/**
 * The fuzz campaign's writer targets on a small fixed budget inside `npm test` (the nightly run
 * is `npm run fuzz`): 15 hostile trees per filesystem, refused or read back byte for byte.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withTempDir } from '../helpers/tools.js';
import { runCampaign } from './campaign.js';

test('fuzz: 15 hostile trees per native writer, refused by the limits or read back equal', async () => {
  const report = await withTempDir((dir) => runCampaign({ seed: 1, loaderCases: 0, writerCases: 15, dir }));
  assert.deepEqual(report.failures, []);
  for (const filesystem of ['iso9660', 'vfat']) {
    assert.ok((report.counts[`${filesystem}:agreed`] ?? 0) > 0 && (report.counts[`${filesystem}:refused`] ?? 0) > 0, JSON.stringify(report.counts));
  }
});
