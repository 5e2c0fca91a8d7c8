/**
 * The work one thread does: validate specs, then build them. It is created once per thread and fed
 * chunks of specs. A spec parsed while validating is kept until it is built: reading and parsing
 * it again would cost about half as much as building its image.
 */
import { SpecError } from '../errors.js';
import type { FilesystemName } from '../pack/types.js';
import { buildSeed, validateSpec } from '../seed.js';
import { loadSpecFile, type LoadedSpec } from '../spec/load.js';
import { ChunkWriter } from './chunk-writer.js';
import type { InterruptGuard } from './interrupt-guard.js';
import { packError } from './transfer-error.js';
import type { BatchSeedOptions, BuildItem, BuildOutcome, ValidateItem, ValidateOutcome } from './types.js';

/** What every runner of a batch is started with (a worker gets it as workerData). */
export interface RunnerOptions {
  readonly seedOptions: BatchSeedOptions;
  readonly force: boolean;
  readonly guard: InterruptGuard;
}

/** The normalizer's default (src/model/normalize.ts) when neither the flag nor the spec names one. */
const DEFAULT_FILESYSTEM: FilesystemName = 'iso9660';

function chosenFilesystem(data: unknown, seedOptions: BatchSeedOptions): FilesystemName {
  return seedOptions.filesystem ?? (data as { filesystem?: FilesystemName }).filesystem ?? DEFAULT_FILESYSTEM;
}

export class SpecRunner {
  private readonly loaded = new Map<number, LoadedSpec>();

  constructor(private readonly options: RunnerOptions) {}

  async validate(items: readonly ValidateItem[]): Promise<ValidateOutcome[]> {
    const outcomes: ValidateOutcome[] = [];
    for (const { index, file } of items) {
      try {
        const spec = await loadSpecFile(file);
        const { issues } = await validateSpec(spec.data, { ...this.options.seedOptions, baseDir: spec.baseDir });
        if (issues.length > 0) throw new SpecError(issues);
        this.loaded.set(index, spec);
        outcomes.push({ index, ok: true, filesystem: chosenFilesystem(spec.data, this.options.seedOptions) });
      } catch (error) {
        outcomes.push({ index, ok: false, error: packError(error) });
      }
    }
    return outcomes;
  }

  /** Builds and writes each image here, so only its instance-id goes back across threads. */
  async build(items: readonly BuildItem[]): Promise<BuildOutcome[]> {
    const outcomes: BuildOutcome[] = [];
    const writer = new ChunkWriter(this.options.force, this.options.guard);
    const slots = new Map<number, number>();
    for (const [position, { index, file, output }] of items.entries()) {
      try {
        // A spec validated by another thread (work was rebalanced) is read again.
        const spec = this.loaded.get(index) ?? (await loadSpecFile(file));
        this.loaded.delete(index);
        const seed = await buildSeed(spec.data, { ...this.options.seedOptions, baseDir: spec.baseDir });
        slots.set(position, writer.stage(output, seed.image));
        outcomes.push({ index, ok: true, instanceId: seed.instanceId, warnings: seed.warnings });
      } catch (error) {
        outcomes.push({ index, ok: false, error: packError(error) });
      }
    }
    const writeErrors = await writer.commit();
    return outcomes.map((outcome, position) => {
      const slot = slots.get(position);
      const error = slot === undefined ? undefined : writeErrors[slot];
      return error ? { index: outcome.index, ok: false, error: packError(error) } : outcome;
    });
  }
}
