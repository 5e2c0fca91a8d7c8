/**
 * The batch engine: patterns -> validated specs -> images, on a pool of threads. It prints nothing:
 * the caller hears about progress through onEvent and gets a summary with one result per spec.
 *
 * Phase 1 validates every spec before phase 2 writes anything, so without keepGoing one bad spec
 * means no image at all, and every bad spec is reported at once.
 */
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { IoError, SpecError, UsageError } from '../errors.js';
import { describeWriteError } from '../output/atomic-write.js';
import { newTempTag } from '../output/temp-names.js';
import type { FilesystemName } from '../pack/types.js';
import { ChunkWriter } from './chunk-writer.js';
import { expandPatterns } from './expand.js';
import { createInterruptGuard, removeTempFilesOnExit, type InterruptGuard } from './interrupt-guard.js';
import type { Lane } from './lane.js';
import { checkOutDir, createOutputFolders, nameOutput, refuseExistingOutputs, refuseUnsafeOutputs } from './outputs.js';
import type { RunnerOptions } from './runner.js';
import { drainChunks, takeFromShared, takeOwnFirst } from './schedule.js';
import { unpackError } from './transfer-error.js';
import type { BatchEntry, BatchEvent, BatchOptions, BatchSeedOptions, BatchSummary, BuildItem, BuildOutcome, SpecResult, TransferredError } from './types.js';

/**
 * One job runs on this thread; more run on workers only. This thread writes every image: as one of
 * the lanes it fell behind the workers, which then took over specs it had validated and had to
 * read and check them again (more work per spec than a worker's start saves; bench/notes.md).
 */
async function openLanes(jobs: number, options: RunnerOptions): Promise<Lane[]> {
  if (jobs === 1) {
    const { createInProcessLane } = await import('./in-process-lane.js');
    return [createInProcessLane(options)];
  }
  const { createWorkerLane } = await import('./worker-lane.js');
  return Array.from({ length: jobs }, () => createWorkerLane(options));
}

/**
 * The folder worker threads stage xorriso trees in. A worker stopped with the process (Ctrl-C)
 * runs no 'exit' listener, so the xorriso writer's own clean-up cannot run there: this thread
 * removes the whole folder instead, on exit as at the end. A xorriso still running then finds its
 * staging gone and fails; its output was inside too.
 */
function openWorkerTempDir(seedOptions: BatchSeedOptions): { readonly path: string; close(): void } {
  const parent = seedOptions.tempDir ?? tmpdir();
  let path: string;
  try {
    path = mkdtempSync(join(parent, 'cloudseed-batch-'));
  } catch (error) {
    throw new IoError(`cannot make a temp folder in ${parent}: ${describeWriteError(error)}`);
  }
  const remove = (): void => {
    try {
      // On exit the workers still run for a moment and may be making folders and files in it.
      // Moved away first, the folder is out of their reach: every path they hold now fails.
      const away = `${path}.removed`;
      renameSync(path, away);
      rmSync(away, { recursive: true, force: true });
    } catch {
      // Leaving a temp folder is not worth failing the batch or the exit over.
    }
  };
  process.on('exit', remove);
  return {
    path,
    close: () => {
      process.off('exit', remove);
      remove();
    },
  };
}

function failedResult(entry: BatchEntry, transferred: TransferredError, phase: 'validate' | 'build'): SpecResult {
  const error = unpackError(transferred);
  if (phase === 'validate' && error instanceof SpecError) return { spec: entry.spec, status: 'invalid', issues: error.issues };
  return { spec: entry.spec, status: 'failed', error };
}

interface BatchState {
  readonly entries: readonly BatchEntry[];
  readonly lanes: readonly Lane[];
  readonly guard: InterruptGuard;
  readonly results: (SpecResult | undefined)[];
  readonly emit: (event: BatchEvent) => void;
}

/** Phase 1: which lane holds each valid spec and the filesystem that names its image. */
async function validateAll(state: BatchState): Promise<{ owners: number[]; filesystems: (FilesystemName | undefined)[] }> {
  const { entries, lanes, results, emit } = state;
  const owners = new Array<number>(entries.length);
  const filesystems = new Array<FilesystemName | undefined>(entries.length);
  emit({ type: 'phase', phase: 'validate', total: entries.length });
  const items = entries.map((entry, index) => ({ index, file: entry.file }));
  await drainChunks(lanes.length, takeFromShared(items, lanes.length), async (lane, chunk) => {
    for (const { index } of chunk) emit({ type: 'started', phase: 'validate', spec: entries[index]!.spec });
    for (const outcome of await lanes[lane]!.validate(chunk)) {
      owners[outcome.index] = lane;
      if (outcome.ok) {
        filesystems[outcome.index] = outcome.filesystem;
        emit({ type: 'validated', spec: entries[outcome.index]!.spec });
        continue;
      }
      const result = failedResult(entries[outcome.index]!, outcome.error, 'validate');
      results[outcome.index] = result;
      emit({ type: 'finished', phase: 'validate', result });
    }
  }, undefined, lanes.map((lane) => lane.depth));
  return { owners, filesystems };
}

/** What a lane answered for one spec, its image written: the spec's result. */
function builtResult(entry: BatchEntry, item: BuildItem, outcome: BuildOutcome, writeError: IoError | undefined): SpecResult {
  if (!outcome.ok) return failedResult(entry, outcome.error, 'build');
  if (writeError) return { spec: entry.spec, status: 'failed', error: writeError };
  return { spec: entry.spec, status: 'built', output: item.output, instanceId: outcome.instanceId, warnings: outcome.warnings };
}

/** Writes the images of one answered chunk on this thread: one write error (or undefined) per outcome. */
async function writeImages(writer: ChunkWriter, chunk: readonly BuildItem[], outcomes: readonly BuildOutcome[]): Promise<(IoError | undefined)[]> {
  const errors = new Array<IoError | undefined>(outcomes.length);
  const slots = new Map<number, number>();
  outcomes.forEach((outcome, position) => {
    if (!outcome.ok) return;
    try {
      slots.set(writer.stage(chunk[position]!.output, outcome.image, outcome.zeros), position);
    } catch (error) {
      errors[position] = error as IoError;
    }
  });
  (await writer.commit()).forEach((error, slot) => {
    errors[slots.get(slot)!] = error;
  });
  return errors;
}

/**
 * Phase 2: each lane builds the specs it validated first, and this thread writes the images.
 * Without keepGoing a failure stops new chunks, and images answered after it are not written.
 */
async function buildAll(state: BatchState, queues: BuildItem[][], options: BatchOptions): Promise<void> {
  const { entries, lanes, results, emit, guard } = state;
  const total = queues.reduce((sum, queue) => sum + queue.length, 0);
  emit({ type: 'phase', phase: 'build', total });
  let stopped = false;
  const inFlight = new Set<string>();
  const onExit = (): void => removeTempFilesOnExit(guard, inFlight);
  process.on('exit', onExit);
  try {
    await drainChunks(
      lanes.length,
      takeOwnFirst(queues),
      async (lane, chunk) => {
        for (const { index } of chunk) emit({ type: 'started', phase: 'build', spec: entries[index]!.spec });
        const outcomes = await lanes[lane]!.build(chunk);
        if (stopped) return;
        for (const { output } of chunk) inFlight.add(output);
        const writer = new ChunkWriter(options.force ?? false, options.fsync ?? false, guard);
        const writeErrors = await writeImages(writer, chunk, outcomes);
        for (const { output } of chunk) inFlight.delete(output);
        outcomes.forEach((outcome, position) => {
          const result = builtResult(entries[outcome.index]!, chunk[position]!, outcome, writeErrors[position]);
          if (result.status !== 'built' && !options.keepGoing) stopped = true;
          results[outcome.index] = result;
          emit({ type: 'finished', phase: 'build', result });
        });
      },
      () => stopped,
      lanes.map((lane) => lane.depth),
    );
  } finally {
    process.off('exit', onExit);
  }
}

async function runPhases(state: BatchState, options: BatchOptions): Promise<void> {
  const { entries, lanes, results } = state;
  const { owners, filesystems } = await validateAll(state);
  if (results.some((result) => result !== undefined) && !options.keepGoing) return;
  const queues: BuildItem[][] = lanes.map(() => []);
  entries.forEach((entry, index) => {
    const filesystem = filesystems[index];
    if (filesystem !== undefined) queues[owners[index]!]!.push({ index, file: entry.file, output: nameOutput(entry.stem, filesystem) });
  });
  const outputs = queues.flat().map((item) => item.output);
  refuseUnsafeOutputs(options.outDir, outputs);
  if (!options.force) refuseExistingOutputs(outputs);
  createOutputFolders(outputs);
  await buildAll(state, queues, options);
}

function resolveJobs(jobs: number | undefined): number {
  if (jobs === undefined) return availableParallelism();
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`jobs must be a positive integer, not ${jobs}`);
  return jobs;
}

/**
 * Builds one image per spec file matched by the patterns, into options.outDir.
 *
 * @throws {UsageError} when a pattern matches nothing or two specs would share an output name.
 * @throws {IoError} when an output exists without force, or the out-dir cannot be created.
 * Invalid specs and failed builds are not thrown: they are results (status `invalid` / `failed`).
 */
export async function runBatch(patterns: readonly string[], options: BatchOptions): Promise<BatchSummary> {
  const startedAt = performance.now();
  const jobs = resolveJobs(options.jobs);
  checkOutDir(options.outDir);
  const guard = createInterruptGuard(newTempTag());
  const seedOptions = options.seedOptions ?? {};
  const workerTemp = jobs > 1 ? openWorkerTempDir(seedOptions) : undefined;
  // Threads start while the patterns are expanded: both take tens of milliseconds.
  const lanes = await openLanes(jobs, { seedOptions: workerTemp ? { ...seedOptions, tempDir: workerTemp.path } : seedOptions });
  try {
    const entries = await expandPatterns(patterns, options.outDir, options.cwd ?? process.cwd());
    const used = lanes.slice(0, entries.length);
    const results = new Array<SpecResult | undefined>(entries.length);
    await runPhases({ entries, lanes: used, guard, results, emit: options.onEvent ?? (() => undefined) }, options);
    const final = entries.map((entry, index): SpecResult => results[index] ?? { spec: entry.spec, status: 'skipped' });
    const built = final.filter((result) => result.status === 'built').length;
    const failed = final.filter((result) => result.status === 'invalid' || result.status === 'failed').length;
    return { total: final.length, built, failed, seconds: (performance.now() - startedAt) / 1000, results: final };
  } finally {
    await Promise.all(lanes.map((lane) => lane.close()));
    workerTemp?.close();
  }
}
