/** A worker thread of the batch: one runner, initialised once, answering chunk after chunk. */
import { parentPort } from 'node:worker_threads';
import type { LaneRequest } from './lane.js';
import { SpecRunner, type RunnerOptions } from './runner.js';

export function serveLane(options: RunnerOptions): void {
  const runner = new SpecRunner(options);
  const port = parentPort!;
  port.on('message', (request: LaneRequest) => {
    const answer = request.type === 'validate' ? runner.validate(request.items) : runner.build(request.items);
    // The runner turns every spec's error into an outcome; anything else is a bug and crashes the worker.
    void answer.then((outcomes) => port.postMessage(outcomes));
  });
}
