/** The batch engine: many specs -> many images on a pool of threads (see run-batch.ts). */
export { runBatch } from './run-batch.js';
export type { BatchEvent, BatchOptions, BatchPhase, BatchSeedOptions, BatchSummary, SpecResult, SpecStatus } from './types.js';
