/** The contract between the export stage and its targets. */
import type { InstanceModel } from '../model/types.js';
import type { SeedOptions } from '../seed.js';
import type { ExportTargetName } from './targets.js';

/** Options of {@link exportSeed}: the seed options plus the targets' own. */
export interface ExportOptions extends SeedOptions {
  /**
   * Base name of what the target creates (Kubernetes Secrets, Proxmox snippet files).
   * Default: the host name. Lowercase letters, digits and '-', at most 63 characters.
   */
  readonly name?: string;
  /** Proxmox storage that holds the snippets (it needs the `snippets` content type). Default: local. */
  readonly storage?: string;
  /** VMware guestinfo encoding. Default: gzip+base64. */
  readonly encoding?: 'gzip+base64' | 'base64';
  /** Write the export here (a file, or a folder for targets with several files). */
  readonly output?: string;
  /** Replace existing output files. */
  readonly force?: boolean;
}

/** One file of an export, by its name relative to the output folder (or the output file itself). */
export interface ExportFile {
  readonly name: string;
  readonly content: Uint8Array;
}

/** What a target returns. */
export interface ExportProduct {
  readonly files: readonly ExportFile[];
  /** What the consumer drops or overrides from this seed: always worth a warning. */
  readonly warnings: readonly string[];
  /** How to hand the output over (command lines, API fields); never secrets. */
  readonly notes: readonly string[];
}

/** A target: a function of a checked model (its datasource already the target's). */
export type Exporter = (model: InstanceModel, options: ExportOptions) => Promise<ExportProduct> | ExportProduct;

/** The answer of {@link exportSeed}. */
export interface ExportedSeed extends ExportProduct {
  readonly target: ExportTargetName;
  readonly layout: 'file' | 'folder';
  readonly datasource: InstanceModel['datasource'];
  readonly instanceId: string;
  readonly instanceIdDerived: boolean;
  /** Where the files were written, when `output` was given. */
  readonly output?: string;
}
