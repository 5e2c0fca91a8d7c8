import type { DatasourceName } from '../input/types.js';
import { renderConfigDrive } from './datasources/configdrive.js';
import { renderNoCloud } from './datasources/nocloud.js';
import { renderOvirt } from './datasources/ovirt.js';
import type { Renderer } from './types.js';

/** One renderer per datasource; a new datasource is a file in datasources/ and a line here. */
export const RENDERERS = {
  nocloud: renderNoCloud,
  configdrive: renderConfigDrive,
  ovirt: renderOvirt,
} satisfies Record<DatasourceName, Renderer>;
