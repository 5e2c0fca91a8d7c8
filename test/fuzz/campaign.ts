/**
 * A fuzz campaign: a range of seeds through the loader target (its built seeds' documents then
 * checked by PyYAML and json in one batch) and through both writer targets. Shared by `npm run
 * fuzz` (test/fuzz/run.ts) and the small budget inside `npm test`.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FilesystemName } from '../../src/pack/types.js';
import { checkDocuments, type BuiltFiles } from './check-documents.js';
import { runImageCases } from './image-reader-target.js';
import { runLoaderCase } from './loader-target.js';
import { runWriterCase } from './writer-target.js';

export interface CampaignOptions {
  /** First seed; case i uses seed + i. */
  readonly seed: number;
  readonly loaderCases: number;
  /** Cases per filesystem. */
  readonly writerCases: number;
  /** Mutated seed images per filesystem through the reader, in a child bounded in time and memory (0: none). */
  readonly imageCases?: number;
  /** Scratch folder for images and extractions. */
  readonly dir: string;
  readonly onProgress?: (message: string) => void;
}

export interface CampaignReport {
  /** Outcome -> count, e.g. `loader:built`, `vfat:refused`. */
  readonly counts: Readonly<Record<string, number>>;
  /** One line per failed case, with what replays it. */
  readonly failures: readonly string[];
}

const FILESYSTEMS: readonly FilesystemName[] = ['iso9660', 'vfat'];

export async function runCampaign(options: CampaignOptions): Promise<CampaignReport> {
  const counts: Record<string, number> = {};
  const failures: string[] = [];
  const count = (key: string): void => {
    counts[key] = (counts[key] ?? 0) + 1;
  };
  const built: BuiltFiles[] = [];
  for (let i = 0; i < options.loaderCases; i++) {
    const seed = options.seed + i;
    const result = await runLoaderCase(seed);
    if (result.failure) failures.push(`loader seed ${seed} (makeSpecCase(${seed})): ${result.failure}`);
    else count(`loader:${result.outcome}`);
    if (result.files) built.push({ seed, files: result.files });
    if ((i + 1) % 1000 === 0) options.onProgress?.(`loader: ${i + 1}/${options.loaderCases}`);
  }
  for (const problem of checkDocuments(built)) {
    failures.push(`loader seed ${problem.seed} (makeSpecCase(${problem.seed})): ${problem.path} does not load as cloud-init reads it: ${problem.error}`);
  }
  for (const filesystem of FILESYSTEMS) {
    for (let i = 0; i < options.writerCases; i++) {
      const seed = options.seed + i;
      const dir = join(options.dir, `${filesystem}-${seed}`);
      const result = await runWriterCase(seed, filesystem, dir);
      rmSync(dir, { recursive: true, force: true });
      if (result.failure) failures.push(`${filesystem} writer seed ${seed} (makeHostileTree(${seed})): ${result.failure}`);
      else count(`${filesystem}:${result.outcome}`);
      if ((i + 1) % 500 === 0) options.onProgress?.(`${filesystem} writer: ${i + 1}/${options.writerCases}`);
    }
  }
  // Batches, so that a failure's replay range stays short and progress shows.
  const IMAGE_BATCH = 1000;
  const imageCases = options.imageCases ?? 0;
  for (let done = 0; done < imageCases; done += IMAGE_BATCH) {
    const report = runImageCases(options.seed + done, Math.min(IMAGE_BATCH, imageCases - done));
    for (const [key, n] of Object.entries(report.counts)) counts[key] = (counts[key] ?? 0) + n;
    failures.push(...report.failures);
    options.onProgress?.(`image reader: ${Math.min(done + IMAGE_BATCH, imageCases)}/${imageCases}`);
  }
  return { counts, failures };
}
