/**
 * The fuzz campaign's loader target on a small fixed budget inside `npm test` (the nightly run
 * is `npm run fuzz`): 200 specs, mutated or generated, as objects and as YAML/JSON text.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withTempDir } from '../helpers/tools.js';
import { runCampaign } from './campaign.js';

test('fuzz: 200 loader cases, only SpecErrors or images whose documents cloud-init can read', async () => {
  const report = await withTempDir((dir) => runCampaign({ seed: 1, loaderCases: 200, writerCases: 0, dir }));
  assert.deepEqual(report.failures, []);
  for (const outcome of ['unparsed', 'refused', 'built']) assert.ok((report.counts[`loader:${outcome}`] ?? 0) > 10, JSON.stringify(report.counts));
});
