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
  /**
   * A time budget: each part (loader, each writer, the image reader) stops at its share of it,
   * an equal share of what is left when the part starts. The counts are then upper bounds.
   */
  readonly budgetMs?: number;
  readonly onProgress?: (message: string) => void;
}

export interface CampaignReport {
  /** Outcome -> count, e.g. `loader:built`, `vfat:refused`. */
  readonly counts: Readonly<Record<string, number>>;
  /** One line per failed case, with what replays it. */
  readonly failures: readonly string[];
}

const FILESYSTEMS: readonly FilesystemName[] = ['iso9660', 'vfat'];
/** The loader, one writer per filesystem, the image reader. */
const PARTS = 2 + FILESYSTEMS.length;

/** Hands each part its deadline: `next()` answers a test for whether the part's share is spent. */
function partClock(budgetMs: number | undefined): { next(): () => boolean } {
  const end = budgetMs === undefined ? Number.POSITIVE_INFINITY : performance.now() + budgetMs;
  let partsLeft = PARTS;
  return {
    next() {
      const now = performance.now();
      const deadline = now + (end - now) / Math.max(1, partsLeft--);
      return () => performance.now() > deadline;
    },
  };
}

export async function runCampaign(options: CampaignOptions): Promise<CampaignReport> {
  const counts: Record<string, number> = {};
  const failures: string[] = [];
  const count = (key: string): void => {
    counts[key] = (counts[key] ?? 0) + 1;
  };
  const clock = partClock(options.budgetMs);
  const built: BuiltFiles[] = [];
  const loaderSpent = clock.next();
  for (let i = 0; i < options.loaderCases && !loaderSpent(); i++) {
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
    const writerSpent = clock.next();
    for (let i = 0; i < options.writerCases && !writerSpent(); i++) {
      const seed = options.seed + i;
      const dir = join(options.dir, `${filesystem}-${seed}`);
      const result = await runWriterCase(seed, filesystem, dir);
      rmSync(dir, { recursive: true, force: true });
      if (result.failure) failures.push(`${filesystem} writer seed ${seed} (makeHostileTree(${seed})): ${result.failure}`);
      else count(`${filesystem}:${result.outcome}`);
      if ((i + 1) % 500 === 0) options.onProgress?.(`${filesystem} writer: ${i + 1}/${options.writerCases}`);
    }
  }
  // Batches, so that a failure's replay range stays short and progress shows (and, with a
  // budget, the reader stops near its share).
  const IMAGE_BATCH = options.budgetMs === undefined ? 1000 : 100;
  const imageCases = options.imageCases ?? 0;
  const readerSpent = clock.next();
  for (let done = 0; done < imageCases && !readerSpent(); done += IMAGE_BATCH) {
    const report = runImageCases(options.seed + done, Math.min(IMAGE_BATCH, imageCases - done));
    for (const [key, n] of Object.entries(report.counts)) counts[key] = (counts[key] ?? 0) + n;
    failures.push(...report.failures);
    options.onProgress?.(`image reader: ${Math.min(done + IMAGE_BATCH, imageCases)}/${imageCases}`);
  }
  return { counts, failures };
}
