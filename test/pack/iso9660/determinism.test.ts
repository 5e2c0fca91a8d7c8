/** Same input, same bytes; a different epoch changes nothing but dates. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { writeIso9660 } from '../../../src/pack/iso9660/index.js';
import { randomTree } from '../../helpers/random-tree.js';
import { SAMPLE_TREES } from './sample-trees.js';

/** ECMA-119 9.1.5 as the test computes it, independent of the writer's encoder. */
function recordingDate(epoch: number): number[] {
  const d = new Date(epoch * 1000);
  return [
    d.getUTCFullYear() - 1900,
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    0,
  ];
}

/** ECMA-119 8.4.26.1 digits (without the trailing offset byte, which is 0 in both). */
function volumeDate(epoch: number): number[] {
  const text = `${new Date(epoch * 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14)}00`;
  return [...text].map((char) => char.charCodeAt(0));
}

/** Byte offsets covered by an occurrence of `a` in `first` facing `b` at the same place in `second`. */
function markPairs(first: Uint8Array, second: Uint8Array, a: number[], b: number[], marks: Uint8Array): void {
  for (let offset = 0; offset + a.length <= first.length; offset++) {
    if (a.every((byte, i) => first[offset + i] === byte) && b.every((byte, i) => second[offset + i] === byte)) {
      marks.fill(1, offset, offset + a.length);
    }
  }
}

test('the same tree and options give identical bytes', () => {
  for (const sample of SAMPLE_TREES) {
    const options = { label: sample.label, epoch: 1_600_000_000 };
    assert.deepEqual(writeIso9660(sample.tree, options), writeIso9660(sample.tree, options), sample.name);
  }
});

test('the order of the input map does not matter', () => {
  const tree = randomTree(42, { maxFiles: 20 });
  const reversed = new Map([...tree].reverse());
  const options = { label: 'cidata', epoch: 0 };
  assert.deepEqual(writeIso9660(reversed, options), writeIso9660(tree, options));
});

test('a different epoch changes only date bytes', () => {
  const [e1, e2] = [1_500_000_000, 1_712_345_678];
  for (const sample of [...SAMPLE_TREES, { name: 'random 7', label: 'cidata', tree: randomTree(7, { maxDepth: 5 }) }]) {
    const first = writeIso9660(sample.tree, { label: sample.label, epoch: e1 });
    const second = writeIso9660(sample.tree, { label: sample.label, epoch: e2 });
    assert.equal(first.length, second.length, sample.name);
    const marks = new Uint8Array(first.length);
    markPairs(first, second, recordingDate(e1), recordingDate(e2), marks);
    markPairs(first, second, volumeDate(e1), volumeDate(e2), marks);
    const differing: number[] = [];
    first.forEach((byte, offset) => {
      if (byte !== second[offset]) differing.push(offset);
    });
    assert.ok(differing.length > 0, `${sample.name}: the epoch shows somewhere`);
    const unexplained = differing.filter((offset) => marks[offset] !== 1);
    assert.deepEqual(unexplained, [], `${sample.name}: bytes that changed but are not dates`);
  }
});
