/**
 * Handing chunks of specs to lanes. A chunk per message keeps the thread messaging cheap; several
 * chunks per lane keep the lanes evenly busy to the end and the progress display moving.
 */

/** Chunks per lane in a phase, when there are enough specs. */
const CHUNKS_PER_LANE = 8;
/** Specs per message at most: past this the messaging cost no longer shows. */
const MAX_CHUNK = 64;

export function chooseChunkSize(total: number, lanes: number): number {
  return Math.max(1, Math.min(MAX_CHUNK, Math.ceil(total / (lanes * CHUNKS_PER_LANE))));
}

/** The next chunk for a lane, or undefined when the lane's work is done. */
export type TakeChunk<I> = (lane: number) => I[] | undefined;

/** One queue for every lane: whoever is free takes the next chunk. */
export function takeFromShared<I>(items: readonly I[], size: number): TakeChunk<I> {
  let next = 0;
  return () => {
    if (next >= items.length) return undefined;
    next += size;
    return items.slice(next - size, next);
  };
}

/**
 * A queue per lane (the specs it validated, whose parsed form it still holds); a lane that runs
 * dry takes from the far end of the longest other queue, so no lane idles while work remains.
 */
export function takeOwnFirst<I>(queues: I[][], size: number): TakeChunk<I> {
  return (lane) => {
    const own = queues[lane]!;
    if (own.length > 0) return own.splice(0, size);
    const longest = queues.reduce((best, queue) => (queue.length > best.length ? queue : best), own);
    if (longest.length === 0) return undefined;
    return longest.splice(Math.max(0, longest.length - size), size);
  };
}

/** Runs chunks on every lane at once, each lane one chunk at a time, until no work is left or stop() says so. */
export async function drainChunks<I>(
  laneCount: number,
  take: TakeChunk<I>,
  run: (lane: number, items: I[]) => Promise<void>,
  stop: () => boolean = () => false,
): Promise<void> {
  await Promise.all(
    Array.from({ length: laneCount }, async (_, lane) => {
      while (!stop()) {
        const items = take(lane);
        if (items === undefined) return;
        await run(lane, items);
      }
    }),
  );
}
