/**
 * The parse stage: a loaded spec (with the `source:` files it names) in, `{ model, issues }` out.
 * The JSON Schema check comes first, since every later step reads a spec of its shape; then the
 * referenced files are read, the network is normalised once, the meaning is checked and the model
 * assembled, each step returning its values with its issues. A model comes out only when no step
 * found an issue, and every issue comes out at once.
 */
import type { Issue } from '../errors.js';
import type { InstanceIdDigest } from './instance-id.js';
import type { InstanceModel } from '../model/types.js';
import { MAX_SPEC_BYTES } from '../input/load.js';
import { CONTAINED_SOURCES, resolveSources, type SourcePolicy } from '../input/resolve-sources.js';
import type { Spec } from '../input/types.js';
import { assembleModel } from './model.js';
import { checkCloudConfigParts, checkPassedParts, checkPassedVendorData } from './cloud-config-text.js';
import { normalizeNetwork } from './network/normalize.js';
import { checkPlaceholders } from './placeholders.js';
import { checkPlainData } from '../common/plain-data.js';
import { checkSchema } from './schema.js';
import { checkSemantics } from './semantic.js';

export interface ParseOptions {
  /** Folder that relative `source:` paths are resolved against. */
  readonly baseDir: string;
  /** Derive password salts from this seed instead of the spec's `salt_seed` (reproducible builds). */
  readonly saltSeed?: string;
  /** Accept the templates' placeholder key and example password hash (placeholders.ts). */
  readonly allowPlaceholders?: boolean;
  /** Which `source:` files may be used besides those inside baseDir. Default: none. */
  readonly sourcePolicy?: SourcePolicy;
  /** See NormalizeOptions.deferSourceHash: for a writer that reads the injected files anyway. */
  readonly deferSourceHash?: boolean;
}

/**
 * A spec written out in full (aliases and shared references expanded): a few times what a spec
 * file may hold, so flags and options fit, and far from what would exhaust memory.
 */
const MAX_EXPANDED_SPEC = 4 * MAX_SPEC_BYTES;

export type ParseResult =
  | { readonly model: InstanceModel; readonly issues: readonly []; readonly pendingId?: InstanceIdDigest }
  | { readonly model?: undefined; readonly issues: readonly Issue[] };

export async function parseSpec(input: unknown, options: ParseOptions): Promise<ParseResult> {
  // Plain data before the schema: the validator cannot walk cycles, BigInt or Buffers.
  const dataIssues = checkPlainData(input, { maxExpandedSize: MAX_EXPANDED_SPEC, checkKinds: true });
  if (dataIssues.length > 0) return { issues: dataIssues };
  const schemaIssues = checkSchema(input);
  if (schemaIssues.length > 0) return { issues: schemaIssues };
  const spec = input as Spec;
  const { sources, injected, issues: sourceIssues } = await resolveSources(spec, options.baseDir, options.sourcePolicy ?? CONTAINED_SOURCES);
  const network = spec.network === undefined ? undefined : normalizeNetwork(spec.network);
  // A source that could not be read has no content to check.
  const partIssues = sourceIssues.length === 0 ? [...checkCloudConfigParts(spec, sources), ...checkPassedParts(spec, sources)] : [];
  const assembled = assembleModel(spec, sources, network?.network, { saltSeed: options.saltSeed, injected, deferSourceHash: options.deferSourceHash });
  const placeholderIssues = options.allowPlaceholders ? [] : checkPlaceholders(spec);
  const issues = [...checkSemantics(spec, network), ...checkPassedVendorData(spec), ...placeholderIssues, ...sourceIssues, ...partIssues, ...assembled.issues];
  if (issues.length > 0 || assembled.model === undefined) return { issues };
  return { model: assembled.model, issues: [], ...(assembled.pendingId === undefined ? {} : { pendingId: assembled.pendingId }) };
}
