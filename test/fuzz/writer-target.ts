/**
 * The writers' fuzz target: a hostile tree packed the way buildSeed packs (limits first, then
 * the native writer). A case passes when the writer refuses with a SpecError, or writes an image
 * that independent readers read back byte for byte: xorriso (Rock Ridge and Joliet) for iso9660,
 * fsck.fat and mtools for vfat.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SpecError } from '../../src/errors.js';
import type { FilesystemName } from '../../src/pack/types.js';
import { packTree } from '../../src/pack/registry.js';
import { assertSameTree as assertSameIsoTree, extractWithXorriso, writeImageFile } from '../pack/iso9660/iso-tools.js';
import { assertFsckClean, assertSameTree as assertSameFatTree, extractWithMtools } from '../pack/vfat/vfat-tools.js';
import { makeHostileTree } from './tree-cases.js';

export type WriterOutcome = 'refused' | 'agreed';

export interface WriterResult {
  readonly outcome?: WriterOutcome;
  readonly failure?: string;
}

const LABELS: Record<FilesystemName, string> = { iso9660: 'cidata', vfat: 'CIDATA' };

function judge(filesystem: FilesystemName, image: Uint8Array, tree: ReturnType<typeof makeHostileTree>, dir: string): void {
  const path = writeImageFile(dir, 'image', image);
  if (filesystem === 'iso9660') {
    assertSameIsoTree(extractWithXorriso(path, join(dir, 'rock-ridge')), tree, 'xorriso, Rock Ridge');
    assertSameIsoTree(extractWithXorriso(path, join(dir, 'joliet'), 'joliet'), tree, 'xorriso, Joliet');
  } else {
    assertFsckClean(path);
    assertSameFatTree(extractWithMtools(path, dir), tree, 'mtools');
  }
}

/** Runs one case in `dir` (a fresh folder per case). */
export async function runWriterCase(seed: number, filesystem: FilesystemName, dir: string): Promise<WriterResult> {
  const tree = makeHostileTree(seed);
  mkdirSync(dir, { recursive: true });
  // Folded so that any seed (nightly seeds are large) dates the image before 2155, ISO 9660's last year.
  const epoch = 1_600_000_000 + (seed % 1_000_000_000);
  let image: Uint8Array;
  try {
    image = await packTree(tree, { image: { filesystem, writer: 'native', label: LABELS[filesystem] }, epoch });
  } catch (error) {
    if (error instanceof SpecError) return { outcome: 'refused' };
    return { failure: `packTree threw ${(error as Error).stack ?? String(error)}` };
  }
  try {
    judge(filesystem, image, tree, dir);
    return { outcome: 'agreed' };
  } catch (error) {
    return { failure: `the readers disagree with the ${filesystem} writer: ${(error as Error).message}` };
  }
}
