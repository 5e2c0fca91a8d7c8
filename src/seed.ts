/**
 * The pipeline, end to end: spec -> parse (model + issues) -> render -> pack -> output. Library entry
 * points (re-exported by src/index.ts) and the CLI both go through here. Nothing here prints or
 * exits: every failure is a typed error from src/errors.ts.
 */
import { SpecError, type Issue } from './errors.js';
import { DEFAULT_EPOCH } from './model/defaults.js';
import { type ParseOptions, parseSpec } from './parse/index.js';
import type { ImageModel, InstanceModel } from './model/types.js';
import { packTree, readIntoMemory, streamTree } from './pack/registry.js';
import type { InstanceIdDigest } from './parse/instance-id.js';
import type { FilesystemName, WriterName } from './pack/types.js';
import type { FileTree, SeedTree } from './common/file-tree.js';
import { materializeTree } from './input/source-file-reader.js';
import { RENDERERS } from './render/registry.js';
import { collectWarnings } from './render/warnings.js';
import type { DatasourceName, Spec } from './input/types.js';

/** Options of the library calls. Image and identity options override the same spec keys. */
export interface SeedOptions {
  /** Spec key `datasource`: which cloud-init datasource the seed is for. Default: nocloud. */
  readonly datasource?: DatasourceName;
  /** Spec key `filesystem`. Default: iso9660. */
  readonly filesystem?: FilesystemName;
  /** Spec key `writer`: the built-in writer, or the xorrisofs program (iso9660 only). Default: native. */
  readonly writer?: WriterName;
  /** Spec key `instance_id`. Default: derived from the content, so it changes exactly when the content does. */
  readonly instanceId?: string;
  /** Spec key `label`. Default: the label the datasource's cloud-init looks for. */
  readonly label?: string;
  /** Spec key `size`: fixed vfat image size, bytes or a string such as "1440K". Default: as small as fits. */
  readonly size?: number | string;
  /** Spec key `cloud_init_version`: the oldest cloud-init the seed must work on, e.g. "22.1". Default: "20.4". */
  readonly cloudInitVersion?: string;
  /** Spec key `network_config_version`: the network-config format of NoCloud seeds. Default: 1 (2 when the network has on-link routes). */
  readonly networkConfigVersion?: 1 | 2;
  /** Spec key `salt_seed`: derive password salts from this string so rebuilds are byte-identical. */
  readonly saltSeed?: string;
  /**
   * Folder that relative `source:` paths are resolved against, and that every `source:` file must
   * lie in (after symlinks) unless `allowOutsideSources` is set. Default: the current directory.
   */
  readonly baseDir?: string;
  /**
   * Accept the templates' placeholder SSH key and example password hashes. Default: false, so a
   * spec still holding one (say, copied from a template) is refused with what to replace.
   */
  readonly allowPlaceholders?: boolean;
  /** Allow `source:` files outside `baseDir` (files under /proc, /sys and /dev stay refused). Default: false. */
  readonly allowOutsideSources?: boolean;
  /** Absolute paths of files allowed wherever they lie: the CLI passes the files its own flags name. */
  readonly allowedSources?: readonly string[];
  /** Seconds since 1970 for every timestamp in the image. Default: SOURCE_DATE_EPOCH, else 2020-01-01. */
  readonly epoch?: number;
  /**
   * Folder in which the xorriso writer makes its private staging folder (removed when the image is
   * made, or when the process exits). Default: the system's temp folder (os.tmpdir()).
   */
  readonly tempDir?: string;
}

/** The answer of {@link validateSpec}. */
export interface ValidationResult {
  /** True exactly when `issues` is empty. */
  readonly ok: boolean;
  /** Every problem found, each located by a spec path such as `users[0].ssh_authorized_keys[1]`. */
  readonly issues: readonly Issue[];
}

/** The answer of {@link renderSeed}: the seed's files and what the caller should know about them. */
export interface RenderedSeed {
  /** The files of the seed, by '/'-separated path relative to the image root. */
  readonly files: FileTree;
  readonly datasource: DatasourceName;
  readonly instanceId: string;
  /** True when the instance-id was derived from the content (it changes exactly when the content does). */
  readonly instanceIdDerived: boolean;
  /** Things the spec asked for that the user should hear about (e.g. a clear-text admin_pass). */
  readonly warnings: readonly string[];
  /**
   * The normalized description every file was rendered from (user passwords only as hashes; a
   * Windows `admin_pass` the spec opted into is in clear). For advanced use: its shape follows
   * the renderers and may change in minor versions.
   */
  readonly model: InstanceModel;
}

/** The answer of {@link buildSeed}: the rendered seed and its image. */
export interface BuiltSeed extends RenderedSeed {
  /** The whole image, ready to be written to a file or attached to a VM. */
  readonly image: Uint8Array;
  readonly filesystem: FilesystemName;
  /** The volume label written into the image (cloud-init finds the seed by it). */
  readonly label: string;
}

/**
 * A built seed whose image is still to be written: its size and its bytes as chunks in order.
 * `files` leaves injected `source:` files unread: their entries are `{ field, name, realPath, size }`.
 */
export interface StreamedSeed extends Omit<BuiltSeed, 'image' | 'files'> {
  /** The image's size in bytes. */
  readonly size: number;
  readonly files: SeedTree;
  /** Written once, in order; source files are read while they are written. */
  readonly chunks: Iterable<Uint8Array>;
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

function parseOptions(options: SeedOptions): ParseOptions {
  return {
    baseDir: options.baseDir ?? process.cwd(),
    saltSeed: options.saltSeed,
    allowPlaceholders: options.allowPlaceholders,
    sourcePolicy: { allowOutside: options.allowOutsideSources === true, allowedFiles: new Set(options.allowedSources ?? []) },
  };
}

/** SOURCE_DATE_EPOCH (reproducible-builds.org) when set, else the fixed default. */
export function resolveEpoch(options: SeedOptions, env: Readonly<Record<string, string | undefined>> = process.env): number {
  if (options.epoch !== undefined) return options.epoch;
  const fromEnv = env['SOURCE_DATE_EPOCH'];
  if (fromEnv === undefined || fromEnv === '') return DEFAULT_EPOCH;
  if (!/^\d{1,11}$/.test(fromEnv)) {
    throw new SpecError([{ path: 'SOURCE_DATE_EPOCH', message: `'${fromEnv.slice(0, 40)}' is not a number of seconds since 1970` }]);
  }
  return Number(fromEnv);
}

/**
 * Checks a spec (shape, meaning, referenced `source:` files) and reports every issue at once.
 * Invalid input is an answer, not an error: this resolves with `ok: false` rather than throwing.
 *
 * @param spec A parsed spec: a plain object, as from `JSON.parse` or a YAML parser.
 * @example
 * const { ok, issues } = await validateSpec({ hostname: 'web01', users: [{ name: 'admin' }] });
 * const problems = issues.map((issue) => `${issue.path}: ${issue.message}`); // e.g. 'users[0].shell: must be string'
 */
export async function validateSpec(spec: unknown, options: SeedOptions = {}): Promise<ValidationResult> {
  const { issues } = await parseSpec(applyOptions(spec, options), parseOptions(options));
  return { ok: issues.length === 0, issues };
}

/**
 * Validates the spec and builds the model every renderer reads.
 *
 * @throws {SpecError} with every issue found when the spec is invalid.
 */
export async function prepareModel(spec: unknown, options: SeedOptions = {}): Promise<InstanceModel> {
  return (await parseChecked(spec, options, false)).model;
}

/** The checked model, and with `deferSourceHash` a derived instance-id still to be hashed from the injected files. */
export async function parseChecked(spec: unknown, options: SeedOptions, deferSourceHash: boolean): Promise<{ model: InstanceModel; pendingId?: InstanceIdDigest }> {
  const parsed = await parseSpec(applyOptions(spec, options), { ...parseOptions(options), deferSourceHash });
  if (parsed.model === undefined) throw new SpecError(parsed.issues);
  return parsed;
}

/**
 * Renders the seed's files without packing an image (for a `seedfrom` folder, an HTTP server,
 * or a look at what the image would hold). The answer is more than the bare file tree on purpose:
 * `files` is the FileTree, and beside it come the instance-id (often derived, so a caller cannot
 * know it otherwise) and the warnings (the library never prints them).
 *
 * @throws {SpecError} with every issue found when the spec is invalid.
 * @example
 * const { files, instanceId } = await renderSeed({ hostname: 'web01' });
 * const metaData = new TextDecoder().decode(files.get('meta-data'));
 */
export async function renderSeed(spec: unknown, options: SeedOptions = {}): Promise<RenderedSeed> {
  return renderModel(await prepareModel(spec, options));
}

/** The render step on a model that {@link prepareModel} already checked; injected source files are read into `files`. */
export function renderModel(model: InstanceModel): RenderedSeed {
  const rendered = renderUnread(model);
  return { ...rendered, files: materializeTree(rendered.files, 'renderSeed, render, export and serve') };
}

/** The render step with injected source files left on disk, for the writers that stream them. */
export function renderUnread(model: InstanceModel): Omit<RenderedSeed, 'files'> & { readonly files: SeedTree } {
  return {
    files: RENDERERS[model.datasource](model),
    datasource: model.datasource,
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
export function nameImageIssues(error: unknown, image: ImageModel, options: SeedOptions): unknown {
  if (!(error instanceof SpecError)) return error;
  return new SpecError(
    error.issues.map((issue) => {
      if (issue.path === 'image:/' && image.size !== undefined) return { ...issue, path: 'size' };
      if (issue.path === 'epoch' && options.epoch === undefined) return { ...issue, path: 'SOURCE_DATE_EPOCH' };
      return issue;
    }),
  );
}

/**
 * Renders the seed and packs it into an image (iso9660 or vfat) in memory. Nothing touches the
 * disk except reading the spec's `source:` files (and xorrisofs's temp files with `writer: 'xorriso'`).
 * The image is capped at 1 GiB in memory: larger payloads (configdrive `files:` with `source:`)
 * go to a file with `writeSeed` (src/write-seed.ts), which streams them.
 *
 * @throws {SpecError} when the spec is invalid or the files do not fit the image (e.g. a fixed `size`, or over 1 GiB).
 * @throws {ToolError} when `writer: 'xorriso'` is asked for and xorrisofs is missing or fails.
 * @example
 * const seed = await buildSeed({ hostname: 'web01', users: [{ name: 'admin', ssh_authorized_keys: [key] }] });
 * await writeFile('seed.iso', seed.image); // or writeSeed(), which never leaves half a file
 */
export async function buildSeed(spec: unknown, options: SeedOptions = {}): Promise<BuiltSeed> {
  return buildModel(await prepareModel(spec, options), options);
}

/**
 * Render and pack on a model that {@link prepareModel} already checked: batch validates every
 * spec first and keeps the models, so it must not pay validation twice.
 */
export async function buildModel(model: InstanceModel, options: SeedOptions = {}): Promise<BuiltSeed> {
  const epoch = resolveEpoch(options);
  const rendered = renderUnread(model);
  const { image: imageModel } = model;
  const request = { image: imageModel, epoch, tempDir: options.tempDir };
  let files: FileTree;
  let image: Uint8Array;
  try {
    // Source files are read once: the seed's `files` and the packed image share the bytes.
    files = readIntoMemory(rendered.files, request);
    image = await packTree(files, request);
  } catch (error) {
    throw nameImageIssues(error, imageModel, options);
  }
  return { ...rendered, files, image, filesystem: imageModel.filesystem, label: imageModel.label };
}

/**
 * Renders and lays out the seed without writing it: the answer carries the image as chunks, which
 * stream injected source files from disk as they are consumed (native iso9660 writer; the other
 * writers give their in-memory image as one chunk). Every check that can fail before the bytes
 * (the spec, the filesystem's limits) has run when this resolves; a source file that changed
 * since it was checked fails while the chunks are read.
 *
 * @throws {SpecError} as {@link buildSeed} does, but without the in-memory cap on the native iso9660 writer.
 */
export async function streamSeed(spec: unknown, options: SeedOptions = {}): Promise<StreamedSeed> {
  return streamModel(await prepareModel(spec, options), options);
}

/** streamSeed on a checked model (writeSeed's path). */
export async function streamModel(model: InstanceModel, options: SeedOptions): Promise<StreamedSeed> {
  const epoch = resolveEpoch(options);
  const rendered = renderUnread(model);
  const { image: imageModel } = model;
  const stream = await streamTree(rendered.files, { image: imageModel, epoch, tempDir: options.tempDir }).catch((error: unknown) => {
    throw nameImageIssues(error, imageModel, options);
  });
  return { ...rendered, ...stream, filesystem: imageModel.filesystem, label: imageModel.label };
}
