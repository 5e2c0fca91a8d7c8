import type { InstanceModel } from '../model/types.js';
import type { FileTree } from '../common/file-tree.js';

/** A datasource renderer: a pure function of the model. No filesystem, clock or randomness. */
export type Renderer = (model: InstanceModel) => FileTree;
