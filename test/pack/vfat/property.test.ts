/**
 * Seeded random trees (1000 in `npm run fuzz`, fewer in `npm test`: test/helpers/case-count.ts), written and read back by mtools (all) and 7-Zip (every tenth), checked by
 * fsck.fat. A failure names its seed: replay it with randomTree(seed, optionsFor(seed)).
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkVfatLimits, writeVfat } from '../../../src/pack/vfat/index.js';
import { propertyCases } from '../../helpers/case-count.js';
import { randomTree, type RandomTreeOptions } from '../../helpers/random-tree.js';
import { withTempDir } from '../../helpers/tools.js';
import { assertFsckClean, assertSameTree, extractWith7z, extractWithMtools, saveImage } from './vfat-tools.js';

const CASES = propertyCases(1000);
const SEVEN_ZIP_EVERY = 10;

/** Every tenth tree is a crowd (folders spanning several clusters); the rest are seed-sized. */
function optionsFor(seed: number): RandomTreeOptions {
  return seed % 10 === 0 ? { maxFiles: 80, maxDepth: 2 } : {};
}

test(`vfat property: ${CASES} random trees read back equal by mtools and 7z, fsck.fat clean`, () =>
  withTempDir((dir) => {
    for (let seed = 1; seed <= CASES; seed++) {
      const tree = randomTree(seed, optionsFor(seed));
      const caseDir = join(dir, String(seed));
      mkdirSync(caseDir);
      try {
        assert.deepEqual(checkVfatLimits(tree, { label: 'cidata', epoch: 0 }), []);
        const image = saveImage(caseDir, writeVfat(tree, { label: seed % 2 ? 'cidata' : 'config-2', epoch: seed * 86400 * 97 }));
        assertFsckClean(image);
        assertSameTree(extractWithMtools(image, caseDir), tree, 'mtools');
        if (seed % SEVEN_ZIP_EVERY === 0) assertSameTree(extractWith7z(image, caseDir), tree, '7z');
      } catch (error) {
        throw new Error(`seed ${seed} failed (replay: randomTree(${seed}, ${JSON.stringify(optionsFor(seed))})): ${String(error)}`, { cause: error });
      }
    }
  }));
