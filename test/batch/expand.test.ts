/** Patterns -> spec files -> output names: bases, sorting, duplicates, collisions, empty patterns. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { expandPatterns, findGlobBase } from '../../src/batch/expand.js';
import { UsageError } from '../../src/errors.js';
import { withTempDir } from '../helpers/tools.js';
import { specText, writeSpec } from './spec-files.js';

test('the glob base is the leading folders without glob syntax', () => {
  assert.equal(findGlobBase('specs/**/*.yaml'), 'specs');
  assert.equal(findGlobBase('specs/web/a.yaml'), 'specs/web');
  assert.equal(findGlobBase('a.yaml'), '.');
  assert.equal(findGlobBase('*.yaml'), '.');
  assert.equal(findGlobBase('{a,b}/*.yaml'), '.');
  assert.equal(findGlobBase('specs/g[01]/*.yaml'), 'specs');
  assert.equal(findGlobBase('/srv/specs/**/*.yml'), '/srv/specs');
  assert.equal(findGlobBase('/*.yaml'), '/');
});

test('matches are sorted, listed once, and keep their folders below the base', async () => {
  await withTempDir(async (dir) => {
    for (const name of ['specs/web/b.yaml', 'specs/web/a.yaml', 'specs/db/a.yaml', 'specs/top.json']) writeSpec(dir, name, specText(1));
    const entries = await expandPatterns(['specs/**/*.yaml', 'specs/web/a.yaml', 'specs/*.json'], 'out', dir);
    assert.deepEqual(
      entries.map((entry) => [entry.spec, entry.stem]),
      [
        ['specs/db/a.yaml', join('out', 'db', 'a')],
        ['specs/top.json', join('out', 'top')],
        ['specs/web/a.yaml', join('out', 'web', 'a')],
        ['specs/web/b.yaml', join('out', 'web', 'b')],
      ],
    );
    assert.equal(entries[0]!.file, join(dir, 'specs', 'db', 'a.yaml'));
  });
});

test('two specs with one output name are refused before anything runs, naming both', async () => {
  await withTempDir(async (dir) => {
    writeSpec(dir, 'a/x.yaml', specText(1));
    writeSpec(dir, 'b/x.yaml', specText(2));
    writeSpec(dir, 'a/y.yaml', specText(3));
    writeSpec(dir, 'a/y.json', specText(4));
    await assert.rejects(expandPatterns(['a/*', 'b/*.yaml'], 'out', dir), (error: unknown) => {
      assert.ok(error instanceof UsageError);
      assert.match(error.message, /2 output name collision/);
      assert.match(error.message, /a\/x\.yaml and b\/x\.yaml would both be written as out\/x\.\*/);
      assert.match(error.message, /a\/y\.json and a\/y\.yaml/);
      return true;
    });
    // One pattern over both folders keeps them apart.
    const entries = await expandPatterns(['{a,b}/x.yaml'], 'out', dir);
    assert.deepEqual(entries.map((entry) => entry.stem), [join('out', 'a', 'x'), join('out', 'b', 'x')]);
  });
});

test('a pattern that matches nothing is an error naming it', async () => {
  await withTempDir(async (dir) => {
    writeSpec(dir, 'a/x.yaml', specText(1));
    await assert.rejects(expandPatterns(['a/*.yaml', 'nope/**/*.yaml'], 'out', dir), /no spec files match 'nope\/\*\*\/\*\.yaml'/);
    // Folders are not specs.
    await assert.rejects(expandPatterns(['a'], 'out', dir), /no spec files match 'a'/);
  });
});
