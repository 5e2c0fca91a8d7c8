/**
 * The work one thread does: validate specs, then build them. It is created once per thread and fed
 * chunks of specs. The model made while validating is kept until it is built: reading, parsing
 * and checking the spec again would cost about as much as building its image.
 */
import type { InstanceModel } from '../model/types.js';
import { buildModel, prepareModel, type SeedOptions } from '../seed.js';
import { loadSpecFile } from '../input/load.js';
import { leadingZeroBytes } from '../output/sparse-write.js';
import { packError } from './transfer-error.js';
import type { BatchSeedOptions, BuildItem, BuildOutcome, ValidateItem, ValidateOutcome } from './types.js';

/** What every runner of a batch is started with (a worker gets it as workerData). */
export interface RunnerOptions {
  readonly seedOptions: BatchSeedOptions;
}

export class SpecRunner {
  private readonly models = new Map<number, InstanceModel>();

  constructor(private readonly options: RunnerOptions) {}

  async validate(items: readonly ValidateItem[]): Promise<ValidateOutcome[]> {
    const outcomes: ValidateOutcome[] = [];
    for (const { index, file } of items) {
      try {
        const model = await this.prepare(file);
        this.models.set(index, model);
        outcomes.push({ index, ok: true, filesystem: model.image.filesystem });
      } catch (error) {
        outcomes.push({ index, ok: false, error: packError(error) });
      }
    }
    return outcomes;
  }

  /** Reads, checks and models one spec; throws SpecError with every issue when it is invalid. */
  private async prepare(file: string): Promise<InstanceModel> {
    const spec = await loadSpecFile(file);
    const options: SeedOptions = { ...this.options.seedOptions, baseDir: spec.baseDir };
    return prepareModel(spec.data, options);
  }

  /** Builds each image; the calling thread writes them (see chunk-writer.ts). */
  async build(items: readonly BuildItem[]): Promise<BuildOutcome[]> {
    const outcomes: BuildOutcome[] = [];
    for (const { index, file } of items) {
      try {
        // A spec validated by another thread (work was rebalanced) is read again.
        const model = this.models.get(index) ?? (await this.prepare(file));
        this.models.delete(index);
        const seed = await buildModel(model, this.options.seedOptions);
        outcomes.push({ index, ok: true, image: seed.image, zeros: leadingZeroBytes(seed.image), instanceId: seed.instanceId, warnings: seed.warnings });
      } catch (error) {
        outcomes.push({ index, ok: false, error: packError(error) });
      }
    }
    return outcomes;
  }
}
