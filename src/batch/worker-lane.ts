/**
 * A lane backed by a worker thread. This module is also the worker's entry point: loaded in a
 * thread marked as a batch worker, it starts serving. So the worker is found wherever this code
 * lies: src/batch (tsx), dist/batch (tsc), or a chunk of the bundled CLI, whose name is a hash.
 */
import { isMainThread, Worker, workerData } from 'node:worker_threads';
import type { Lane, LaneRequest } from './lane.js';
import type { RunnerOptions } from './runner.js';

interface WorkerData {
  readonly cloudseedBatchWorker: true;
  readonly options: RunnerOptions;
}

if (!isMainThread && (workerData as Partial<WorkerData> | null)?.cloudseedBatchWorker === true) {
  const { options } = workerData as WorkerData;
  void import('./worker.js').then(({ serveLane }) => serveLane(options));
}

function bootstrapCode(): string {
  const loadThisModule = `import(${JSON.stringify(import.meta.url)})`;
  if (!import.meta.url.endsWith('.ts')) return loadThisModule;
  // From source: on Node 20 a worker does not inherit tsx's loader hooks, so it registers them.
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return ${loadThisModule}; })`;
}

interface Pending {
  resolve(outcomes: never[]): void;
  reject(error: Error): void;
}

export function createWorkerLane(options: RunnerOptions): Lane {
  const data: WorkerData = { cloudseedBatchWorker: true, options };
  const worker = new Worker(bootstrapCode(), { eval: true, workerData: data });
  // The worker answers requests in the order they were sent; more than one may wait, so it
  // always has the next chunk at hand while the main thread handles the last answer.
  const pending: Pending[] = [];
  let failure: Error | undefined;
  const fail = (error: Error): void => {
    failure ??= error;
    for (const waiting of pending.splice(0)) waiting.reject(failure);
  };
  worker.on('message', (outcomes: never[]) => {
    pending.shift()?.resolve(outcomes);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`a batch worker stopped unexpectedly (exit code ${code})`)));

  function send<T>(request: LaneRequest): Promise<T[]> {
    if (failure) return Promise.reject(failure);
    return new Promise<T[]>((resolve, reject) => {
      pending.push({ resolve: resolve as (outcomes: never[]) => void, reject });
      worker.postMessage(request);
    });
  }

  return {
    depth: 2,
    validate: (items) => send({ type: 'validate', items }),
    build: (items) => send({ type: 'build', items }),
    close: async () => {
      failure ??= new Error('the batch worker was closed');
      await worker.terminate();
    },
  };
}
