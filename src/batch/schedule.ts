/**
 * Handing chunks of specs to lanes. A chunk per message keeps the thread messaging cheap. Chunks
 * shrink as the work runs out (guided scheduling), so at the end of a phase no lane idles long
 * while another finishes a big chunk: each phase ends in a barrier.
 */

/** A chunk is at most this share of what is left, per lane. */
const SHARE_PER_LANE = 1 / 4;
/** Specs per message at most: past this the messaging cost no longer shows. */
const MAX_CHUNK = 64;

export function chooseChunkSize(remaining: number, lanes: number): number {
  return Math.max(1, Math.min(MAX_CHUNK, Math.ceil((remaining * SHARE_PER_LANE) / lanes)));
}

/** The next chunk for a lane, or undefined when the lane's work is done. */
export type TakeChunk<I> = (lane: number) => I[] | undefined;

/** One queue for every lane: whoever is free takes the next chunk. */
export function takeFromShared<I>(items: readonly I[], lanes: number): TakeChunk<I> {
  let next = 0;
  return () => {
    if (next >= items.length) return undefined;
    const start = next;
    next += chooseChunkSize(items.length - start, lanes);
    return items.slice(start, next);
  };
}

/**
 * A queue per lane (the specs it validated, whose parsed form it still holds); a lane that runs
 * dry takes from the far end of the longest other queue, so no lane idles while work remains.
 */
export function takeOwnFirst<I>(queues: I[][]): TakeChunk<I> {
  return (lane) => {
    const own = queues[lane]!;
    // Sized by what is left in all queues: a lane's own queue is its share of that.
    const size = chooseChunkSize(queues.reduce((sum, queue) => sum + queue.length, 0), queues.length);
    if (own.length > 0) return own.splice(0, size);
    const longest = queues.reduce((best, queue) => (queue.length > best.length ? queue : best), own);
    if (longest.length === 0) return undefined;
    return longest.splice(Math.max(0, longest.length - size), size);
  };
}

/**
 * Runs chunks on every lane at once, each lane `depth` chunks at a time (one number for every lane,
 * or one per lane), until no work is left or stop() says so. A depth of 2 lets a worker start its
 * next chunk while the main thread is still busy with the answer to the last one.
 */
export async function drainChunks<I>(
  laneCount: number,
  take: TakeChunk<I>,
  run: (lane: number, items: I[]) => Promise<void>,
  stop: () => boolean = () => false,
  depth: number | readonly number[] = 1,
): Promise<void> {
  const feed = async (lane: number): Promise<void> => {
    while (!stop()) {
      const items = take(lane);
      if (items === undefined) return;
      await run(lane, items);
    }
  };
  const feeds: Promise<void>[] = [];
  for (let lane = 0; lane < laneCount; lane++) {
    const count = typeof depth === 'number' ? depth : (depth[lane] ?? 1);
    for (let slot = 0; slot < count; slot++) feeds.push(feed(lane));
  }
  await Promise.all(feeds);
}
