/**
 * Our volume descriptors against xorrisofs's for the same tree, field by field: everything but
 * the layout-dependent numbers and the tool names must match (ECMA-119 8.4, 8.5).
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeIso9660 } from '../../../src/pack/iso9660/index.js';
import { runTool, withTempDir } from '../../helpers/tools.js';

const SECTOR = 2048;
const EPOCH = 1_700_000_000;

/** ECMA-119 8.4 fields that do not depend on layout or on which program wrote the image: [name, start, end). */
const COMPARABLE_FIELDS: readonly [string, number, number][] = [
  ['type, standard identifier, version, flags', 0, 8],
  ['system identifier', 8, 40],
  ['volume identifier', 40, 72],
  ['unused field', 72, 80],
  ['escape sequences', 88, 120],
  ['volume set size, sequence number, block size', 120, 132],
  ['volume set and publisher identifiers', 190, 446],
  ['copyright, abstract and bibliographic file identifiers', 702, 813],
  ['creation and modification dates', 813, 847],
  ['expiration and effective dates', 847, 881],
  ['file structure version', 881, 882],
];

test('primary and Joliet descriptors match xorrisofs -R -J field by field', async () => {
  await withTempDir((dir) => {
    mkdirSync(join(dir, 'source'));
    writeFileSync(join(dir, 'source', 'meta-data'), 'instance-id: x\n');
    const theirsPath = join(dir, 'xorriso.iso');
    runTool('xorrisofs', ['-R', '-J', '-V', 'config-2', '-o', theirsPath, join(dir, 'source')], {
      env: { ...process.env, SOURCE_DATE_EPOCH: String(EPOCH) },
    });
    const theirs = new Uint8Array(readFileSync(theirsPath));
    const ours = writeIso9660(new Map([['meta-data', new TextEncoder().encode('instance-id: x\n')]]), {
      label: 'config-2',
      epoch: EPOCH,
    });
    for (const [index, kind] of [
      [16, 'primary'],
      [17, 'Joliet'],
    ] as const) {
      for (const [name, start, end] of COMPARABLE_FIELDS) {
        const at = index * SECTOR;
        assert.deepEqual(
          ours.subarray(at + start, at + end),
          theirs.subarray(at + start, at + end),
          `${kind}: ${name}`,
        );
      }
    }
    assert.deepEqual(ours.subarray(18 * SECTOR, 19 * SECTOR), theirs.subarray(18 * SECTOR, 19 * SECTOR), 'terminator');
  });
});
