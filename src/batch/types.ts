/** The batch engine's vocabulary: what goes in, what each spec becomes, and what the caller hears. */
import type { Issue } from '../errors.js';
import type { FilesystemName } from '../pack/types.js';
import type { SeedOptions } from '../seed.js';

/** Build options every spec shares; the spec's own keys fill in the rest. */
export type BatchSeedOptions = Pick<
  SeedOptions,
  'datasource' | 'filesystem' | 'writer' | 'instanceId' | 'cloudInitVersion' | 'networkConfigVersion' | 'saltSeed' | 'allowPlaceholders' | 'allowOutsideSources' | 'tempDir'
>;

export interface BatchOptions {
  readonly outDir: string;
  /** Threads building at once. Default: os.availableParallelism(). 1 builds on the calling thread. */
  readonly jobs?: number;
  readonly seedOptions?: BatchSeedOptions;
  /** Replace existing images. Without it any existing output stops the run before anything is built. */
  readonly force?: boolean;
  /**
   * fsync every image before it is moved into place, so a power loss cannot leave an empty image
   * behind. Off by default, as for genisoimage or cloud-localds in a loop: the syncs contend with
   * the next files' creation in the same folder (figures in bench/notes.md). Readers see whole
   * images either way: each is renamed into place.
   */
  readonly fsync?: boolean;
  /** Skip invalid specs and keep building after a failure, instead of stopping the run. */
  readonly keepGoing?: boolean;
  /** Folder the patterns are relative to. Default: process.cwd(). */
  readonly cwd?: string;
  /** Called as specs start and finish, on the calling thread, for progress displays. */
  readonly onEvent?: (event: BatchEvent) => void;
}

/** One spec file matched by a pattern, and the image it becomes. */
export interface BatchEntry {
  /** The spec file as the pattern matched it (what the user reads). */
  readonly spec: string;
  /** The same file, absolute (what the threads open). */
  readonly file: string;
  /** The output path without its extension: out-dir + the spec's path below the pattern's base. */
  readonly stem: string;
}

export type SpecStatus = 'built' | 'invalid' | 'failed' | 'skipped';

/** What became of one spec. `skipped`: valid, but not built because the run stopped. */
export interface SpecResult {
  readonly spec: string;
  readonly status: SpecStatus;
  readonly output?: string;
  readonly instanceId?: string;
  readonly warnings?: readonly string[];
  /** Why the spec is invalid, located by spec paths (status `invalid`). */
  readonly issues?: readonly Issue[];
  /** Why the build failed (status `failed`): a SpecError, IoError, ToolError or other Error. */
  readonly error?: Error;
}

export interface BatchSummary {
  readonly total: number;
  readonly built: number;
  /** Specs that were invalid or failed to build. */
  readonly failed: number;
  readonly seconds: number;
  /** One result per spec, in the sorted order of the spec paths. */
  readonly results: readonly SpecResult[];
}

export type BatchPhase = 'validate' | 'build';

export type BatchEvent =
  | { readonly type: 'phase'; readonly phase: BatchPhase; readonly total: number }
  | { readonly type: 'started'; readonly phase: BatchPhase; readonly spec: string }
  /** The spec is valid; it is built in the next phase. */
  | { readonly type: 'validated'; readonly spec: string }
  /** The spec's final result (invalid specs finish in the validate phase). */
  | { readonly type: 'finished'; readonly phase: BatchPhase; readonly result: SpecResult };

/** Phase 1 answer for one spec: the filesystem names the output; issues make it invalid. */
export type ValidateOutcome =
  | { readonly index: number; readonly ok: true; readonly filesystem: FilesystemName }
  | { readonly index: number; readonly ok: false; readonly error: TransferredError };

/** Phase 2 answer for one spec: the image's bytes (moved, not copied, out of a worker) and a few facts. */
export type BuildOutcome =
  | {
      readonly index: number;
      readonly ok: true;
      readonly image: Uint8Array;
      /** leadingZeroBytes(image), worked out on the building thread so the writing thread never reads them. */
      readonly zeros: number;
      readonly instanceId: string;
      readonly warnings: readonly string[];
    }
  | { readonly index: number; readonly ok: false; readonly error: TransferredError };

export interface ValidateItem {
  readonly index: number;
  readonly file: string;
}

export interface BuildItem extends ValidateItem {
  readonly output: string;
}

/** An error as plain data (structured clone keeps neither classes nor `issues`). */
export interface TransferredError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly issues?: readonly Issue[];
}
