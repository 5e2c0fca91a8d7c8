import type { InstanceModel } from '../model/types.js';
import type { SeedTree } from '../common/file-tree.js';

/**
 * A datasource renderer: a pure function of the model. No filesystem, clock or randomness: an
 * injected `source:` file is passed on as the model holds it, unread.
 */
export type Renderer = (model: InstanceModel) => SeedTree;

/**
 * A datasource, as one entry of the registry (src/render/datasources/index.ts): its name is the
 * name the entry is exported under.
 */
export interface DatasourceEntry {
  /**
   * Labels cloud-init's ds-identify finds: the lower-case one is iso9660's default, the
   * upper-case one vfat's (FAT labels are upper case by convention). The match is case-sensitive.
   */
  readonly labels: readonly [lower: string, upper: string];
  /** How `inspect` names it. */
  readonly title: string;
  readonly render: Renderer;
  /** The file holding the network on its own (which `edit` replaces), when the datasource has one. */
  readonly networkFile?: string;
}
