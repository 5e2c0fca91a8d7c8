/**
 * Property test: random trees (the helper's awkward names, empty and multi-block files, up to
 * 7 folders deep; 1000 in `npm run fuzz`, fewer in `npm test`: test/helpers/case-count.ts) written by us and extracted by xorriso (Rock Ridge and Joliet trees) and 7z,
 * equal byte for byte.
 * A failure names the seed: `randomTree(seed, OPTIONS)` replays it.
 */
import { join } from 'node:path';
import { test } from 'node:test';
import { writeIso9660 } from '../../../src/pack/iso9660/index.js';
import { propertyCases } from '../../helpers/case-count.js';
import { randomTree } from '../../helpers/random-tree.js';
import { withTempDir } from '../../helpers/tools.js';
import { assertSameTree, extractManyWithXorriso, extractWith7z, writeImageFile } from './iso-tools.js';

const OPTIONS = { maxDepth: 7, maxFiles: 16 } as const;
const XORRISO_RUNS = propertyCases(1000);
const SEVEN_ZIP_EVERY = 8;

/** Images per xorriso run: its start-up, not the reading, is what each run costs. */
const BATCH = 25;

test(`${XORRISO_RUNS} random trees survive xorriso, Rock Ridge and Joliet (and every ${SEVEN_ZIP_EVERY}th 7z) byte for byte`, async () => {
  await withTempDir((dir) => {
    for (let first = 1; first <= XORRISO_RUNS; first += BATCH) {
      const seeds = Array.from({ length: Math.min(BATCH, XORRISO_RUNS - first + 1) }, (_, index) => first + index);
      const cases = seeds.map((seed) => {
        const tree = randomTree(seed, OPTIONS);
        const image = writeImageFile(dir, `${seed}.iso`, writeIso9660(tree, { label: 'cidata', epoch: seed * 1000 }));
        return { seed, tree, image, context: `seed ${seed} (randomTree(${seed}, ${JSON.stringify(OPTIONS)}))` };
      });
      const rockRidge = extractManyWithXorriso(cases.map(({ seed, image }) => ({ image, target: join(dir, `x${seed}`) })));
      const joliet = extractManyWithXorriso(cases.map(({ seed, image }) => ({ image, target: join(dir, `j${seed}`) })), 'joliet');
      cases.forEach(({ seed, tree, image, context }, index) => {
        assertSameTree(rockRidge[index]!, tree, `${context}, xorriso`);
        assertSameTree(joliet[index]!, tree, `${context}, xorriso Joliet`);
        if (seed % SEVEN_ZIP_EVERY === 0) assertSameTree(extractWith7z(image, join(dir, `z${seed}`)), tree, `${context}, 7z`);
      });
    }
  });
});
