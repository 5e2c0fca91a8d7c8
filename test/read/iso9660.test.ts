/** readIso9660 on images made by xorrisofs, genisoimage and our writer. */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { IoError } from '../../src/errors.js';
import { writeIso9660 } from '../../src/pack/iso9660/index.js';
import { fileTree, type FileTree } from '../../src/common/file-tree.js';
import { readIso9660 } from '../../src/read/iso9660.js';
import { randomTree, seededRandom } from '../helpers/random-tree.js';
import { runTool, withTempDir } from '../helpers/tools.js';
import { assertSameTree } from '../pack/iso9660/iso-tools.js';
import { SAMPLE_TREES } from '../pack/iso9660/sample-trees.js';

const CONFIG_DRIVE = SAMPLE_TREES.find((sample) => sample.name === 'config-drive')!.tree;
const UNICODE = SAMPLE_TREES.find((sample) => sample.name === 'unicode')!.tree;

function writeSourceFolder(root: string, tree: FileTree): void {
  for (const [path, content] of tree) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** Builds an image from `tree` with an external tool and reads it back with readIso9660. */
async function readToolImage(
  tool: string,
  args: readonly string[],
  tree: FileTree,
  prepare?: (source: string) => void,
) {
  return withTempDir((dir) => {
    const source = join(dir, 'source');
    mkdirSync(source);
    writeSourceFolder(source, tree);
    prepare?.(source);
    const image = join(dir, 'seed.iso');
    runTool(tool, [...args, '-o', image, source]);
    return readIso9660(new Uint8Array(readFileSync(image)));
  });
}

test('xorrisofs -R -J -V cidata: Rock Ridge names, label, both extensions', async () => {
  for (const tree of [CONFIG_DRIVE, UNICODE, randomTree(3, { maxDepth: 7, maxFiles: 30 })]) {
    const read = await readToolImage('xorrisofs', ['-R', '-J', '-V', 'cidata'], tree);
    assert.equal(read.label, 'cidata');
    assert.deepEqual(read.extensions, { joliet: true, rockRidge: true });
    assertSameTree(read.tree, tree, 'xorrisofs');
  }
});

test('genisoimage -R -J -V config-2 (what vdsm runs as mkisofs)', async () => {
  const read = await readToolImage('genisoimage', ['-R', '-J', '-V', 'config-2'], CONFIG_DRIVE);
  assert.equal(read.label, 'config-2');
  assert.deepEqual(read.extensions, { joliet: true, rockRidge: true });
  assertSameTree(read.tree, CONFIG_DRIVE, 'genisoimage');
});

test('genisoimage -J only: Joliet names', async () => {
  const read = await readToolImage('genisoimage', ['-J', '-V', 'config-2'], CONFIG_DRIVE);
  assert.deepEqual(read.extensions, { joliet: true, rockRidge: false });
  assertSameTree(read.tree, CONFIG_DRIVE, 'genisoimage -J');
});

test('genisoimage without extensions: the bare level 1 names', async () => {
  const read = await readToolImage(
    'genisoimage',
    ['-V', 'cidata'],
    fileTree([
      ['meta-data', 'a'],
      ['openstack/latest/user_data', 'b'],
    ]),
  );
  assert.deepEqual(read.extensions, { joliet: false, rockRidge: false });
  assert.deepEqual([...read.tree.keys()], ['META_DAT', 'OPENSTAC/LATEST/USER_DAT']);
});

test('genisoimage -R relocates folders deeper than 8 levels; the reader puts them back', async () => {
  const deep = fileTree([
    ['1/2/3/4/5/6/7/8/9/deep.txt', 'deep'],
    ['1/top.txt', 'top'],
  ]);
  const read = await readToolImage('genisoimage', ['-R', '-V', 'cidata'], deep);
  assertSameTree(read.tree, deep, 'relocated');
});

test('symbolic links are left out of the tree', async () => {
  const tree = fileTree([['meta-data', 'x']]);
  const read = await readToolImage('xorrisofs', ['-R', '-J'], tree, (source) =>
    symlinkSync('meta-data', join(source, 'link')),
  );
  assertSameTree(read.tree, tree, 'with a symlink');
});

test('our own images read back whole', () => {
  for (const sample of SAMPLE_TREES) {
    const read = readIso9660(writeIso9660(sample.tree, { label: sample.label, epoch: 0 }));
    assert.equal(read.label, sample.label);
    assert.deepEqual(read.extensions, { joliet: true, rockRidge: true });
    assertSameTree(read.tree, sample.tree, sample.name);
  }
});

test('a Rock Ridge name that would escape the extraction folder is refused', () => {
  const image = writeIso9660(fileTree([['meta-data', 'x']]), { label: 'cidata', epoch: 0 });
  const nm = Buffer.from(image).indexOf('NM\x0e\x01\x00meta-data');
  assert.ok(nm > 0, 'found the NM entry');
  image.set(new TextEncoder().encode('../../etc'), nm + 5);
  assert.throws(
    () => readIso9660(image),
    (error: unknown) => error instanceof IoError && /unsafe name "\.\.\/\.\.\/etc"/.test(error.message),
  );
});

test('damaged images raise IoError, never a crash', () => {
  const good = writeIso9660(CONFIG_DRIVE, { label: 'config-2', epoch: 0 });
  assert.throws(() => readIso9660(new Uint8Array(40 * 2048)), IoError);
  assert.throws(() => readIso9660(good.subarray(0, 20 * 2048)), IoError);
  const pastEnd = good.slice();
  // Point the primary root record (PVD offset 156, extent at +2) past the end of the image.
  pastEnd.set([0xff, 0xff, 0xff, 0x00], 16 * 2048 + 156 + 2);
  assert.throws(() => readIso9660(pastEnd), IoError);
});

test('randomly corrupted metadata gives a tree or an IoError, nothing else', () => {
  const SECTOR = 2048;
  for (let seed = 1; seed <= 300; seed++) {
    const image = writeIso9660(randomTree(seed, { maxDepth: 4 }), { label: 'cidata', epoch: 0 });
    const random = seededRandom(seed);
    const metadataEnd = Math.min(image.length, 36 * SECTOR);
    for (let i = 0; i < 1 + random() * 20; i++) {
      image[16 * SECTOR + Math.floor(random() * (metadataEnd - 16 * SECTOR))] = Math.floor(random() * 256);
    }
    try {
      readIso9660(image);
    } catch (error) {
      assert.ok(error instanceof IoError, `seed ${seed}: ${String(error)}`);
    }
  }
});
