/**
 * Every Unicode general category (and the characters PyYAML treats specially) in every string
 * field of the spec, for every datasource, read back by PyYAML's safe_load, cloud-init's
 * util.load_yaml and Python's json: each field holds exactly what was given, or the spec is
 * refused naming that field. Lone surrogates must be refused everywhere.
 * `npm test` samples a few code points per category; `npm run fuzz` (CLOUDSEED_PROPERTY_CASES=full)
 * many more, from a seed that changes daily (CLOUDSEED_UNICODE_SEED replays one).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { propertyCases } from '../helpers/case-count.js';
import { seededRandom } from '../helpers/random-tree.js';
import { categoryOf, charOf, sampleCodePoints } from '../helpers/unicode-classes.js';
import { type CorpusCase, DATASOURCES, findProblems, loadAll, renderCase } from '../helpers/unicode-corpus.js';

const seed = Number(process.env['CLOUDSEED_UNICODE_SEED'] ?? Math.floor(Date.now() / 86_400_000));

test(`every Unicode class in every field reads back through PyYAML and cloud-init, or is refused (seed ${seed})`, async () => {
  const codePoints = sampleCodePoints(propertyCases(60, 3), seededRandom(seed));
  const cases: CorpusCase[] = [];
  for (const codePoint of codePoints) {
    for (const datasource of DATASOURCES) cases.push(await renderCase(codePoint, charOf(codePoint), datasource));
  }
  const surrogatesAccepted = cases.filter((item) => categoryOf(item.codePoint) === 'Cs' && item.expected.size > 0);
  assert.deepEqual(surrogatesAccepted.map((item) => `${item.id}: ${[...item.expected.keys()].join(', ')}`), []);
  const problems = findProblems(cases, loadAll(cases));
  assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problems over ${cases.length} cases`);
});
