/**
 * A lane backed by a worker thread. This module is also the worker's entry point: loaded in a
 * thread marked as a batch worker, it starts serving (src/common/worker-bootstrap.ts).
 */
import { isMainThread, Worker, workerData } from 'node:worker_threads';
import { workerBootstrapCode } from '../common/worker-bootstrap.js';
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

interface Pending {
  resolve(outcomes: never[]): void;
  reject(error: Error): void;
}

export function createWorkerLane(options: RunnerOptions): Lane {
  const data: WorkerData = { cloudseedBatchWorker: true, options };
  const worker = new Worker(workerBootstrapCode(import.meta.url), { eval: true, workerData: data });
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
