/** Chunking and lane scheduling, without threads. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseChunkSize, drainChunks, takeFromShared, takeOwnFirst } from '../../src/batch/schedule.js';

test('chunks: several per lane, at least one spec, at most 64', () => {
  assert.equal(chooseChunkSize(1, 2), 1);
  assert.equal(chooseChunkSize(30, 2), 2);
  assert.equal(chooseChunkSize(1000, 2), 63);
  assert.equal(chooseChunkSize(10_000, 2), 64);
});

test('a shared queue hands out every item once, in order', () => {
  const take = takeFromShared([1, 2, 3, 4, 5], 2);
  assert.deepEqual([take(0), take(1), take(0), take(1)], [[1, 2], [3, 4], [5], undefined]);
});

test('a lane takes its own items first, then the far end of the longest other queue', () => {
  const queues = [[1, 2], [10, 11, 12, 13, 14], [20]];
  const take = takeOwnFirst(queues, 2);
  assert.deepEqual(take(0), [1, 2]);
  assert.deepEqual(take(0), [13, 14]);
  assert.deepEqual(take(2), [20]);
  assert.deepEqual(take(2), [11, 12]);
  assert.deepEqual(take(1), [10]);
  assert.equal(take(0), undefined);
});

test('drainChunks runs every chunk, one at a time per lane, and stops when asked', async () => {
  const seen: number[][] = [];
  let running = 0;
  await drainChunks(2, takeFromShared([1, 2, 3, 4, 5, 6], 1), async (_lane, items) => {
    running++;
    assert.ok(running <= 2);
    await new Promise((resolve) => setTimeout(resolve, 1));
    seen.push(items);
    running--;
  });
  assert.deepEqual(seen.flat().sort(), [1, 2, 3, 4, 5, 6]);
  let count = 0;
  await drainChunks(1, takeFromShared([1, 2, 3, 4], 1), async () => void count++, () => count >= 2);
  assert.equal(count, 2);
});
