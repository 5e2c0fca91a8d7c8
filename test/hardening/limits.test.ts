/**
 * Limits found at validation, before anything is rendered or packed (the bad-input corpus covers
 * the rest through the CLI: per-file and total source size, NAME_MAX, vfat size, writer).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateSpec } from '../../src/seed.js';

test('more injected files than four-digit content names allow', async () => {
  const files = Array.from({ length: 10_000 }, (_, i) => ({ path: `/srv/f${i}`, content: 'x' }));
  const { issues } = await validateSpec({ hostname: 'a', datasource: 'configdrive', files });
  assert.deepEqual(issues, [{ path: 'files', message: 'has 10000 entries; a config drive holds at most 9999 injected files' }]);
});

test('guest paths longer than PATH_MAX, counted in UTF-8 bytes', async () => {
  const name = '\u00e9'.repeat(100); // 200 bytes: within NAME_MAX
  const path = `/${Array.from({ length: 21 }, () => name).join('/')}`; // 21 * 201 = 4221 bytes
  const { issues } = await validateSpec({ hostname: 'a', write_files: [{ path, content: 'x' }, { path: `/${name}`, content: 'x' }] });
  assert.deepEqual(issues, [{ path: 'write_files[0].path', message: 'is 4221 bytes long; Linux paths hold at most 4095' }]);
});
