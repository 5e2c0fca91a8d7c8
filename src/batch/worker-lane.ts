/**
 * A lane backed by a worker thread. The worker is started from a one-line bootstrap so the same
 * code runs built (dist/batch/worker.js) and from source under tsx (src/batch/worker.ts): on
 * Node 20 a worker does not inherit tsx's loader hooks, so from source it registers them itself.
 */
import { Worker } from 'node:worker_threads';
import type { Lane, LaneRequest } from './lane.js';
import type { RunnerOptions } from './runner.js';

const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(FROM_SOURCE ? './worker.ts' : './worker.js', import.meta.url).href;

function bootstrapCode(): string {
  const loadWorker = `import(${JSON.stringify(WORKER_URL)})`;
  if (!FROM_SOURCE) return loadWorker;
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return ${loadWorker}; })`;
}

interface Pending {
  resolve(outcomes: never[]): void;
  reject(error: Error): void;
}

export function createWorkerLane(options: RunnerOptions): Lane {
  const worker = new Worker(bootstrapCode(), { eval: true, workerData: options });
  let pending: Pending | undefined;
  let failure: Error | undefined;
  const fail = (error: Error): void => {
    failure ??= error;
    pending?.reject(failure);
    pending = undefined;
  };
  worker.on('message', (outcomes: never[]) => {
    pending?.resolve(outcomes);
    pending = undefined;
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`a batch worker stopped unexpectedly (exit code ${code})`)));

  function send<T>(request: LaneRequest): Promise<T[]> {
    if (failure) return Promise.reject(failure);
    return new Promise<T[]>((resolve, reject) => {
      pending = { resolve: resolve as (outcomes: never[]) => void, reject };
      worker.postMessage(request);
    });
  }

  return {
    validate: (items) => send({ type: 'validate', items }),
    build: (items) => send({ type: 'build', items }),
    close: async () => {
      failure ??= new Error('the batch worker was closed');
      await worker.terminate();
    },
  };
}
