/**
 * encodeIso9660Chunks is writeIso9660 in pieces: joined, the chunks are the same image (which the
 * interop tests check against xorriso and isoinfo), and no file's data is copied on the way.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeIso9660Chunks, writeIso9660 } from '../../../src/pack/iso9660/index.js';
import { randomTree } from '../../helpers/random-tree.js';
import { SAMPLE_TREES } from './sample-trees.js';

const OPTIONS = { label: 'cidata', epoch: 1577836800 };

function join(chunks: Iterable<Uint8Array>): Uint8Array {
  const parts = [...chunks];
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

test('the chunks joined are the image, for sample and random trees', () => {
  const trees = [...SAMPLE_TREES.map((sample) => sample.tree), ...Array.from({ length: 40 }, (_, seed) => randomTree(seed))];
  for (const tree of trees) {
    const stream = encodeIso9660Chunks(tree, OPTIONS);
    const image = writeIso9660(tree, OPTIONS);
    assert.deepEqual(join(stream.chunks), image);
    assert.equal(stream.size, image.length);
  }
});

test('file contents are yielded as they are, not copied', () => {
  const big = new Uint8Array(5000).fill(7);
  const chunks = [...encodeIso9660Chunks(new Map([['a', big], ['empty', new Uint8Array(0)]]), OPTIONS).chunks];
  assert.ok(chunks.includes(big));
});

test('a tree the writer refuses is refused before any chunk', () => {
  assert.throws(() => encodeIso9660Chunks(new Map([['a/../b', new Uint8Array(1)]]), OPTIONS), { name: 'SpecError' });
});
