import type { DatasourceName } from '../spec/types.js';
import { renderNoCloud } from './datasources/nocloud.js';
import type { Renderer } from './types.js';

/** One renderer per datasource; a new datasource is a file in datasources/ and a line here. */
export const RENDERERS = {
  nocloud: renderNoCloud,
} satisfies Partial<Record<DatasourceName, Renderer>>;
