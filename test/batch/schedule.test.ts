/** Chunking and lane scheduling, without threads. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseChunkSize, drainChunks, takeFromShared, takeOwnFirst } from '../../src/batch/schedule.js';

test('chunks: a quarter of what is left per lane, at least one spec, at most 64', () => {
  assert.equal(chooseChunkSize(1, 2), 1);
  assert.equal(chooseChunkSize(30, 2), 4);
  assert.equal(chooseChunkSize(400, 2), 50);
  assert.equal(chooseChunkSize(10_000, 2), 64);
});

test('a shared queue hands out every item once, in order, in shrinking chunks', () => {
  const items = Array.from({ length: 20 }, (_, n) => n);
  const take = takeFromShared(items, 1);
  const sizes: number[] = [];
  const seen: number[] = [];
  for (let chunk = take(0); chunk !== undefined; chunk = take(0)) {
    sizes.push(chunk.length);
    seen.push(...chunk);
  }
  assert.deepEqual(seen, items);
  assert.deepEqual(sizes, [5, 4, 3, 2, 2, 1, 1, 1, 1]);
});

test('a lane takes its own items first, then the far end of the longest other queue', () => {
  const queues = [[1, 2], [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21], [30]];
  const take = takeOwnFirst(queues);
  assert.deepEqual(take(0), [1, 2]);
  assert.deepEqual(take(0), [20, 21], 'stolen from the end of the longest queue');
  assert.deepEqual(take(2), [30]);
  assert.deepEqual(take(2), [19]);
  assert.deepEqual(take(1), [10], 'its own queue, from the front');
  const rest: number[] = [];
  for (let chunk = take(1); chunk !== undefined; chunk = take(1)) rest.push(...chunk);
  assert.deepEqual(rest, [11, 12, 13, 14, 15, 16, 17, 18]);
  assert.equal(take(0), undefined);
});

test('drainChunks runs every chunk, one at a time per lane, and stops when asked', async () => {
  const seen: number[][] = [];
  let running = 0;
  await drainChunks(2, takeFromShared([1, 2, 3, 4, 5, 6], 2), async (_lane, items) => {
    running++;
    assert.ok(running <= 2);
    await new Promise((resolve) => setTimeout(resolve, 1));
    seen.push(items);
    running--;
  });
  assert.deepEqual(seen.flat().sort(), [1, 2, 3, 4, 5, 6]);
  let count = 0;
  await drainChunks(1, takeFromShared([1, 2, 3, 4], 4), async () => void count++, () => count >= 2);
  assert.equal(count, 2);
});

test('drainChunks with depth 2 gives each lane two chunks at once, and no more', async () => {
  const running = [0, 0];
  const most = [0, 0];
  const seen: number[] = [];
  await drainChunks(
    2,
    takeFromShared(Array.from({ length: 40 }, (_, n) => n), 2),
    async (lane, items) => {
      running[lane]!++;
      most[lane] = Math.max(most[lane]!, running[lane]!);
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen.push(...items);
      running[lane]!--;
    },
    undefined,
    2,
  );
  assert.deepEqual(most, [2, 2]);
  most.fill(0);
  await drainChunks(
    2,
    takeFromShared(Array.from({ length: 40 }, (_, n) => n), 2),
    async (lane) => {
      running[lane]!++;
      most[lane] = Math.max(most[lane]!, running[lane]!);
      await new Promise((resolve) => setTimeout(resolve, 1));
      running[lane]!--;
    },
    undefined,
    [1, 2],
  );
  assert.deepEqual(most, [1, 2], 'a depth per lane');
  assert.deepEqual(seen.sort((a, b) => a - b), Array.from({ length: 40 }, (_, n) => n));
});
