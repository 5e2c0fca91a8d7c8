/**
 * The pipeline, end to end: spec -> validate -> model -> render -> pack. Library entry points
 * (re-exported by src/index.ts) and the CLI both go through here.
 */
import { SpecError, throwIfIssues, type Issue } from './errors.js';
import { DEFAULT_EPOCH } from './model/defaults.js';
import { normalizeSpec } from './model/normalize.js';
import type { ImageModel, InstanceModel } from './model/types.js';
import { packTree } from './pack/registry.js';
import type { FilesystemName, WriterName } from './pack/types.js';
import type { FileTree } from './render/file-tree.js';
import { RENDERERS } from './render/registry.js';
import { collectWarnings } from './render/warnings.js';
import { resolveSources } from './spec/resolve-sources.js';
import type { DatasourceName, Spec } from './spec/types.js';
import { checkSchema } from './validate/schema.js';
import { checkSemantics } from './validate/semantic.js';

/** Options of the library calls. Image and identity options override the same spec keys. */
export interface SeedOptions {
  readonly datasource?: DatasourceName;
  readonly filesystem?: FilesystemName;
  readonly writer?: WriterName;
  readonly instanceId?: string;
  readonly label?: string;
  /** Fixed vfat image size: bytes, or a string such as "1440K". */
  readonly size?: number | string;
  readonly cloudInitVersion?: string;
  readonly networkConfigVersion?: 1 | 2;
  /** Derive password salts from this seed so rebuilds are byte-identical. */
  readonly saltSeed?: string;
  /** Folder that relative `source:` paths are resolved against. Default: the current directory. */
  readonly baseDir?: string;
  /** Seconds since 1970 for every timestamp. Default: SOURCE_DATE_EPOCH, else 2020-01-01. */
  readonly epoch?: number;
}

export interface RenderedSeed {
  readonly files: FileTree;
  readonly instanceId: string;
  /** True when the instance-id was derived from the content (it changes exactly when the content does). */
  readonly instanceIdDerived: boolean;
  /** Things the spec asked for that the user should hear about (e.g. a clear-text admin_pass). */
  readonly warnings: readonly string[];
  readonly model: InstanceModel;
}

export interface BuiltSeed extends RenderedSeed {
  readonly image: Uint8Array;
}

const OVERRIDES: ReadonlyArray<readonly [keyof SeedOptions, keyof Spec]> = [
  ['datasource', 'datasource'],
  ['filesystem', 'filesystem'],
  ['writer', 'writer'],
  ['instanceId', 'instance_id'],
  ['label', 'label'],
  ['size', 'size'],
  ['cloudInitVersion', 'cloud_init_version'],
  ['networkConfigVersion', 'network_config_version'],
  ['saltSeed', 'salt_seed'],
];

/** Options win over the spec's keys; the result is validated as one spec, so errors name spec keys. */
function applyOptions(spec: unknown, options: SeedOptions): unknown {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) return spec;
  const merged: Record<string, unknown> = { ...(spec as Record<string, unknown>) };
  for (const [option, key] of OVERRIDES) {
    if (options[option] !== undefined) merged[key] = options[option];
  }
  return merged;
}

/** SOURCE_DATE_EPOCH (reproducible-builds.org) when set, else the fixed default. */
export function resolveEpoch(options: SeedOptions, env: NodeJS.ProcessEnv = process.env): number {
  if (options.epoch !== undefined) return options.epoch;
  const fromEnv = env['SOURCE_DATE_EPOCH'];
  if (fromEnv === undefined || fromEnv === '') return DEFAULT_EPOCH;
  if (!/^\d{1,11}$/.test(fromEnv)) {
    throw new SpecError([{ path: 'SOURCE_DATE_EPOCH', message: `'${fromEnv.slice(0, 40)}' is not a number of seconds since 1970` }]);
  }
  return Number(fromEnv);
}

/** Every issue with the spec (shape, meaning, referenced files); empty when it is valid. */
export async function validateSpec(spec: unknown, options: SeedOptions = {}): Promise<Issue[]> {
  const merged = applyOptions(spec, options);
  const schemaIssues = checkSchema(merged);
  if (schemaIssues.length > 0) return schemaIssues;
  const { issues: sourceIssues } = await resolveSources(merged as Spec, options.baseDir ?? process.cwd());
  return [...checkSemantics(merged as Spec), ...sourceIssues];
}

/** Validates the spec and builds the model. Throws SpecError with every issue found. */
export async function prepareModel(spec: unknown, options: SeedOptions = {}): Promise<InstanceModel> {
  const merged = applyOptions(spec, options);
  throwIfIssues(checkSchema(merged));
  const valid = merged as Spec;
  const { sources, issues } = await resolveSources(valid, options.baseDir ?? process.cwd());
  throwIfIssues([...checkSemantics(valid), ...issues]);
  return normalizeSpec(valid, sources, { saltSeed: options.saltSeed });
}

/** Renders the seed's file tree (no image). */
export async function renderSeed(spec: unknown, options: SeedOptions = {}): Promise<RenderedSeed> {
  const model = await prepareModel(spec, options);
  return {
    files: RENDERERS[model.datasource](model),
    instanceId: model.instanceId,
    instanceIdDerived: model.instanceIdDerived,
    warnings: collectWarnings(model),
    model,
  };
}

/**
 * Writers report what an image cannot hold by their own names (`image:/` for the whole volume,
 * `epoch`); these are the settings the user gave: the vfat `size` and SOURCE_DATE_EPOCH.
 */
function nameImageIssues(error: unknown, image: ImageModel, options: SeedOptions): unknown {
  if (!(error instanceof SpecError)) return error;
  return new SpecError(
    error.issues.map((issue) => {
      if (issue.path === 'image:/' && image.size !== undefined) return { ...issue, path: 'size' };
      if (issue.path === 'epoch' && options.epoch === undefined) return { ...issue, path: 'SOURCE_DATE_EPOCH' };
      return issue;
    }),
  );
}

/** Renders the seed and packs it into an image (iso9660 or vfat) in memory. */
export async function buildSeed(spec: unknown, options: SeedOptions = {}): Promise<BuiltSeed> {
  const epoch = resolveEpoch(options);
  const rendered = await renderSeed(spec, options);
  const { image: imageModel } = rendered.model;
  const image = await packTree(rendered.files, { image: imageModel, epoch }).catch((error: unknown) => {
    throw nameImageIssues(error, imageModel, options);
  });
  return { ...rendered, image };
}
