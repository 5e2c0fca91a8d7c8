/** What checkIso9660Limits refuses, and that the writer refuses the same. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SpecError } from '../../../src/errors.js';
import { checkIso9660Limits, MAX_IMAGE_SIZE, writeIso9660 } from '../../../src/pack/iso9660/index.js';
import { fileTree, type FileTree } from '../../../src/common/file-tree.js';
import { randomTree } from '../../helpers/random-tree.js';
import { SAMPLE_TREES } from './sample-trees.js';

const OPTIONS = { label: 'cidata', epoch: 0 };

function issuesOf(tree: FileTree, options = OPTIONS): { path: string; message: string }[] {
  return checkIso9660Limits(tree, options).map(({ path, message }) => ({ path, message }));
}

test('sample and random trees (7 folders deep at most) pass', () => {
  for (const sample of SAMPLE_TREES)
    assert.deepEqual(issuesOf(sample.tree, { ...OPTIONS, label: sample.label }), [], sample.name);
  for (let seed = 1; seed <= 50; seed++)
    assert.deepEqual(issuesOf(randomTree(seed, { maxDepth: 7 })), [], `seed ${seed}`);
});

test('more than 7 nested folders is refused, naming the first folder too deep', () => {
  const issues = issuesOf(fileTree([['1/2/3/4/5/6/7/8/file', 'x']]));
  assert.equal(issues.length, 1);
  assert.equal(issues[0]?.path, 'image:/1/2/3/4/5/6/7/8');
  assert.match(issues[0]?.message ?? '', /nested 8 folders deep.*ECMA-119 6\.8\.2\.1/);
  assert.deepEqual(issuesOf(fileTree([['1/2/3/4/5/6/7/file', 'x']])), []);
});

test('names Joliet cannot hold are refused', () => {
  const cases: [string, RegExp][] = [
    ['a'.repeat(65), /65 UTF-16 units; Joliet holds at most 64/],
    ['😀'.repeat(33), /66 UTF-16 units/],
    ['what?', /character Joliet/],
    ['a:b', /character Joliet/],
    ['semi;colon', /character Joliet/],
    ['back\\slash', /character Joliet/],
    ['tab\there', /character Joliet/],
    ['nul\0byte', /NUL/],
    ['lone\ud800surrogate', /lone UTF-16 surrogate/],
  ];
  for (const [name, message] of cases) {
    const issues = issuesOf(fileTree([[`dir/${name}`, 'x']]));
    assert.equal(issues.length, 1, name);
    assert.equal(issues[0]?.path, `image:/dir/${name}`);
    assert.match(issues[0]?.message ?? '', message, name);
  }
  assert.deepEqual(
    issuesOf(
      fileTree([
        ['a'.repeat(64), 'x'],
        ['😀'.repeat(32), 'y'],
      ]),
    ),
    [],
  );
});

test('empty names, "." and ".." are refused', () => {
  for (const path of ['/lead', 'trail/', 'dou//ble', './x', 'a/../b']) {
    const issues = issuesOf(new Map([[path, new Uint8Array(1)]]));
    assert.ok(issues.length >= 1, path);
    assert.match(issues[0]?.message ?? '', /empty name|as a name/, path);
  }
});

test('a path that is both a file and a folder is refused', () => {
  const issues = issuesOf(
    fileTree([
      ['a/b', 'file'],
      ['a/b/c', 'under a file'],
    ]),
  );
  assert.deepEqual(issues, [{ path: 'image:/a/b', message: 'is both a file and a folder (image:/a/b/c)' }]);
});

test('a file over 4 GiB - 1 is refused without touching its bytes', () => {
  const huge = { length: 2 ** 32 } as Uint8Array;
  const issues = issuesOf(new Map([['big.img', huge]]));
  assert.equal(issues.length, 1);
  assert.match(issues[0]?.message ?? '', /4294967296 bytes; .* at most 4294967295/);
});

test('an image over the in-memory cap is refused', () => {
  const half = { length: MAX_IMAGE_SIZE / 2 } as Uint8Array;
  const issues = issuesOf(
    new Map([
      ['a', half],
      ['b', half],
    ]),
  );
  assert.equal(issues.length, 1);
  assert.equal(issues[0]?.path, 'image:/');
  assert.match(issues[0]?.message ?? '', /capped at 1073741824 \(1 GiB\)/);
});

test('labels: up to 16 printable ASCII characters; epochs within ISO 9660 dates', () => {
  assert.deepEqual(issuesOf(new Map(), { label: 'config-2', epoch: 0 }), []);
  assert.deepEqual(issuesOf(new Map(), { label: 'sixteen-chars-ok', epoch: -2_208_988_800 }), []);
  assert.equal(issuesOf(new Map(), { label: 'seventeen-chars-x', epoch: 0 })[0]?.path, 'label');
  assert.equal(issuesOf(new Map(), { label: 'ünï', epoch: 0 })[0]?.path, 'label');
  assert.equal(issuesOf(new Map(), { label: 'cidata', epoch: 1.5 })[0]?.path, 'epoch');
  assert.equal(issuesOf(new Map(), { label: 'cidata', epoch: 2 ** 33 })[0]?.path, 'epoch');
  assert.deepEqual(checkIso9660Limits(new Map()), [], 'options are optional');
});

test('the writer refuses what the check refuses', () => {
  assert.throws(
    () =>
      writeIso9660(
        fileTree([
          ['a/b', '1'],
          ['a/b/c', '2'],
        ]),
        OPTIONS,
      ),
    SpecError,
  );
  assert.throws(() => writeIso9660(new Map(), { label: 'x'.repeat(17), epoch: 0 }), SpecError);
});
