/**
 * Lone surrogates are refused with the path of the value that holds them (or of the mapping,
 * for a key). The walk spells out a path only when it finds one, so the paths are pinned here.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateSpec } from '../../src/seed.js';

const CANNOT = 'which no UTF-8 file can hold';

test('every lone surrogate is reported in document order, by the path of its value, or of the mapping for a key', async () => {
  const { issues } = await validateSpec({
    hostname: 'a',
    runcmd: ['ok', ['echo', 'x\ud800']],
    user_data: { cloud_config: { 'bad\udc00key': 1, nested: { 'odd key': ['\udbff'] } } },
    write_files: [{ path: '/etc/x', content: 'y\udfff' }],
  });
  assert.deepEqual(issues, [
    { path: 'runcmd[1][1]', message: `holds a lone surrogate (U+D800), ${CANNOT}` },
    { path: 'user_data.cloud_config', message: `a key holds a lone surrogate (U+DC00), ${CANNOT}` },
    { path: 'user_data.cloud_config.nested["odd key"][0]', message: `holds a lone surrogate (U+DBFF), ${CANNOT}` },
    { path: 'write_files[0].content', message: `holds a lone surrogate (U+DFFF), ${CANNOT}` },
  ]);
});
