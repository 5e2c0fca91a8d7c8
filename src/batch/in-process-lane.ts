/** One job: the runner works on the calling thread, which saves starting a worker. */
import type { Lane } from './lane.js';
import { SpecRunner, type RunnerOptions } from './runner.js';

export function createInProcessLane(options: RunnerOptions): Lane {
  const runner = new SpecRunner(options);
  return {
    validate: (items) => runner.validate(items),
    build: (items) => runner.build(items),
    close: async () => undefined,
  };
}
