/**
 * One job: the runner on the calling thread, which saves starting a worker. A chunk runs without
 * giving the event loop a turn, so one is let in before each: output and signals (Ctrl-C) would
 * otherwise wait until the whole phase is done.
 */
import { setImmediate } from 'node:timers/promises';
import type { Lane } from './lane.js';
import { SpecRunner, type RunnerOptions } from './runner.js';

export function createInProcessLane(options: RunnerOptions): Lane {
  const runner = new SpecRunner(options);
  return {
    depth: 1,
    validate: async (items) => {
      await setImmediate();
      return runner.validate(items);
    },
    build: async (items) => {
      await setImmediate();
      return runner.build(items);
    },
    close: async () => undefined,
  };
}
