import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeDirEntry, DIR_ENTRY_SIZE } from '../../../src/codec/vfat/dir-entry.js';
import { assignShortNames, formatShortName, toExactShortName } from '../../../src/codec/vfat/short-name.js';
import { runTool, withTempDir } from '../../helpers/tools.js';

/** DIR_Name and whether long entries are needed, for each name of one directory. */
function assign(...names: string[]): [string, boolean][] {
  return assignShortNames(names).map(({ shortName, needsLongName }) => [shortName, needsLongName]);
}

test('an uppercase 8.3 name is its own short name and gets no long name', () => {
  assert.deepEqual(assign('README', 'LONGNAME.TXT', '0000', 'A-B_C~1.$%'), [
    ['README     ', false],
    ['LONGNAMETXT', false],
    ['0000       ', false],
    ['A-B_C~1 $% ', false],
  ]);
});

test('a lowercase name that fits 8.3 keeps its letters upper-cased, without a tail, and gets a long name', () => {
  assert.deepEqual(assign('a', 'x.y', 'Mixed.Txt'), [
    ['A          ', true],
    ['X       Y  ', true],
    ['MIXED   TXT', true],
  ]);
});

test('names longer than 8.3 get a numeric tail', () => {
  assert.deepEqual(assign('meta-data', 'user_data', 'meta_data.json', '2018-08-27', 'LONGNAME1.TXT'), [
    ['META-D~1   ', true],
    ['USER_D~1   ', true],
    ['META_D~1JSO', true],
    ['2018-0~1   ', true],
    ['LONGNA~1TXT', true],
  ]);
});

test('colliding aliases count up, and the tail eats into the base from ~10 on', () => {
  const names = Array.from({ length: 12 }, (_, i) => `generated-file-${i + 1}.txt`);
  const shortNames = assignShortNames(names).map(({ shortName }) => shortName);
  assert.deepEqual(shortNames.slice(0, 2), ['GENERA~1TXT', 'GENERA~2TXT']);
  assert.deepEqual(shortNames.slice(8), ['GENERA~9TXT', 'GENER~10TXT', 'GENER~11TXT', 'GENER~12TXT']);
  assert.equal(new Set(shortNames).size, names.length);
});

test('an alias never takes a name another entry has (as its 8.3 name, in any case)', () => {
  assert.deepEqual(assign('averyveryverylongfilename.extension', 'AVERYV~1.EXT', 'averyv~2.ext', 'averyveryverylongfilename.ext2'), [
    ['AVERYV~3EXT', true],
    ['AVERYV~1EXT', false],
    ['AVERYV~2EXT', true],
    ['AVERYV~4EXT', true],
  ]);
});

test('basis names: invalid characters become _, spaces and leading dots go, the last dot splits', () => {
  assert.deepEqual(assign('a+b,c;d=e[f]g.txt', 'long file name with spaces.txt', '.hidden', 'dot.in.many.places', 'émoji-ünïcode.txt'), [
    ['A_B_C_~1TXT', true],
    ['LONGFI~1TXT', true],
    ['HIDDEN~1   ', true],
    ['DOTINM~1PLA', true],
    ['_MOJI-~1TXT', true],
  ]);
});

test('toExactShortName refuses what does not fit 8.3', () => {
  for (const name of ['ninechars', 'a.json', 'a.b.c', 'a b', '.a', 'a+b', 'é', '']) assert.equal(toExactShortName(name), undefined, name);
});

test('formatShortName shows base.ext, honours the NT lowercase flags and the 0x05 escape', () => {
  assert.equal(formatShortName('META_D~1JSO'), 'META_D~1.JSO');
  assert.equal(formatShortName('README     '), 'README');
  assert.equal(formatShortName('USER    TXT', 0x08), 'user.TXT');
  assert.equal(formatShortName('USER    TXT', 0x18), 'user.txt');
  assert.equal(formatShortName('\x05BC       '), '\xe5BC');
});

// mtools' own tail numbering past ~2 depends on its history (it skipped ~4 in a longer run), so only
// basis names and the first collision are compared with it.
test('aliases agree with the ones mtools generates for the same names', () =>
  withTempDir((dir) => {
    const names = [
      '2018-08-27', 'LONGNAME1.TXT', 'a+b,c;d=e[f]g.txt', 'averyveryverylongfilename.extension',
      'averyveryverylongfilename.extension2', 'dot.in.many.places', 'long file name with spaces.txt', 'meta-data',
      'meta_data.json', 'network-config', 'user_data', 'vendor_data.json', '.hidden',
    ];
    const image = join(dir, 'names.img');
    runTool('mkfs.vfat', ['-C', image, '256']);
    for (const name of names) {
      const path = join(dir, 'source');
      runTool('sh', ['-c', 'printf x > "$1"', 'sh', path]);
      runTool('mcopy', ['-i', image, path, `::/${name}`]);
    }
    const mtoolsNames = readRootShortNames(new Uint8Array(readFileSync(image)));
    assert.deepEqual(assignShortNames(names).map(({ shortName }) => shortName), mtoolsNames);
  }));

/** DIR_Name of every short entry in the root of a mkfs.vfat image, in disk order (no label there). */
function readRootShortNames(image: Uint8Array): string[] {
  const view = new DataView(image.buffer);
  const rootStart = (view.getUint16(14, true) + image[16]! * view.getUint16(22, true)) * 512;
  const names: string[] = [];
  for (let offset = rootStart; image[offset] !== 0; offset += DIR_ENTRY_SIZE) {
    const entry = decodeDirEntry(image, offset);
    if (entry.attributes !== 0x0f) names.push(entry.name);
  }
  return names;
}
