/** A worker thread of the batch: one runner, initialised once, answering chunk after chunk. */
import { parentPort } from 'node:worker_threads';
import type { LaneRequest } from './lane.js';
import { SpecRunner, type RunnerOptions } from './runner.js';
import type { BuildOutcome, ValidateOutcome } from './types.js';

/** The memory of images that own all of it moves to the main thread instead of being copied. */
function movableImages(outcomes: readonly (BuildOutcome | ValidateOutcome)[]): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const outcome of outcomes) {
    if (!outcome.ok || !('image' in outcome)) continue;
    const { buffer, byteOffset, byteLength } = outcome.image;
    if (buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength) buffers.push(buffer);
  }
  return buffers;
}

export function serveLane(options: RunnerOptions): void {
  const runner = new SpecRunner(options);
  const port = parentPort!;
  port.on('message', (request: LaneRequest) => {
    const answer: Promise<(BuildOutcome | ValidateOutcome)[]> = request.type === 'validate' ? runner.validate(request.items) : runner.build(request.items);
    // The runner turns every spec's error into an outcome; anything else is a bug and crashes the worker.
    void answer.then((outcomes) => port.postMessage(outcomes, movableImages(outcomes)));
  });
}
