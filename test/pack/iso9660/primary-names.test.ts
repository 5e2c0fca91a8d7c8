/** Level 1 names for the primary tree and the ECMA-119 9.3 record order. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareIdentifiers } from '../../../src/pack/iso9660/identifier-order.js';
import { assignPrimaryNames } from '../../../src/pack/iso9660/primary-names.js';

const files = (...names: string[]) => names.map((name) => ({ name, isDirectory: false }));

test('files become uppercase 8.3 d-character names with version 1', () => {
  assert.deepEqual(assignPrimaryNames(files('meta-data', 'meta_data.json', 'README', '.profile', 'a.b.c', 'é.txt')), [
    'META_DAT.;1',
    'META_DAT.JSO;1',
    'README.;1',
    '_PROFILE.;1',
    'A_B.C;1',
    '_.TXT;1',
  ]);
});

test('folders have no extension and no version', () => {
  assert.deepEqual(
    assignPrimaryNames([
      { name: 'openstack', isDirectory: true },
      { name: '2018-08-27', isDirectory: true },
      { name: 'a.b', isDirectory: true },
    ]),
    ['OPENSTAC', '2018_08_', 'A_B'],
  );
});

test('collisions get a counter in the name part, files and folders sharing one namespace', () => {
  assert.deepEqual(
    assignPrimaryNames([
      ...files(
        'averyveryverylongfilename.extension',
        'averyveryverylongfilename.extension2',
        'averyveryverylongfilenamf.ext',
      ),
      { name: 'readme', isDirectory: true },
      ...files('README', 'readme.', 'Readme'),
    ]),
    ['AVERYVER.EXT;1', 'AVERYVE1.EXT;1', 'AVERYVE2.EXT;1', 'README', 'README1.;1', 'README2.;1', 'README3.;1'],
  );
});

test('names stay unique over many collisions', () => {
  const names = assignPrimaryNames(files(...Array.from({ length: 1200 }, (_, i) => `same-prefix-${i}.json`)));
  assert.equal(new Set(names).size, names.length);
  for (const name of names) assert.match(name, /^[A-Z0-9_]{1,8}\.[A-Z0-9_]{0,3};1$/);
});

test('ECMA-119 9.3 order: name, then extension, padded with spaces; "." sorts before letters', () => {
  const sorted = ['B.;1', 'A.TXT;1', 'AB.;1', 'A.;1', 'A_.;1', 'A0.;1'].sort(compareIdentifiers);
  assert.deepEqual(sorted, ['A.;1', 'A.TXT;1', 'A0.;1', 'AB.;1', 'A_.;1', 'B.;1']);
  assert.ok(compareIdentifiers('A.;2', 'A.;1') < 0, 'higher version first');
  assert.ok(compareIdentifiers('DIR', 'DIRA') < 0);
});
