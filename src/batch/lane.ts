/**
 * A lane runs chunks on the calling thread (jobs = 1) or in a worker thread, and answers them in
 * the order they were given.
 */
import type { BuildItem, BuildOutcome, ValidateItem, ValidateOutcome } from './types.js';

export interface Lane {
  /** Chunks it takes at once: a worker gets its next chunk while the main thread handles the last answer. */
  readonly depth: number;
  validate(items: readonly ValidateItem[]): Promise<ValidateOutcome[]>;
  build(items: readonly BuildItem[]): Promise<BuildOutcome[]>;
  close(): Promise<void>;
}

/** Messages to a worker; it answers each with the outcomes, in order. */
export type LaneRequest =
  | { readonly type: 'validate'; readonly items: readonly ValidateItem[] }
  | { readonly type: 'build'; readonly items: readonly BuildItem[] };
