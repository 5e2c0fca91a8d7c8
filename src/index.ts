/** The public API of the cloudseed library. */
export { buildSeed, prepareModel, renderSeed, resolveEpoch, validateSpec } from './seed.js';
export type { BuiltSeed, RenderedSeed, SeedOptions } from './seed.js';
export { readSeed } from './read/seed.js';
export type { SeedImage } from './read/seed.js';
export { parseSpecText, loadSpecFile } from './spec/load.js';
export type { Spec } from './spec/types.js';
export type { FileTree } from './render/file-tree.js';
export type { InstanceModel } from './model/types.js';
export { CloudseedError, IoError, SpecError, ToolError, UsageError } from './errors.js';
export type { Issue } from './errors.js';
