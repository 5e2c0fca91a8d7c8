/**
 * The datasources, from the registry in datasources/index.ts (one entry per datasource carries its
 * name, labels, title and renderer). scripts/compile-schema.mjs writes the names, labels and titles
 * into src/common/generated-datasources.ts, from which the spec types, the CLI choices and the
 * schema enum derive: input and parse, which must not import render, get them from common.
 * `npm run typecheck` and `npm run build` run that script first.
 */
import { DEFAULT_DATASOURCE, type DatasourceName } from '../common/choices.js';
import * as registered from './datasources/index.js';
import type { DatasourceEntry, Renderer } from './types.js';

// A plain object of the registry's exports: every entry is used, so nothing is lost to tree shaking.
const entries = { ...registered };

/** The default datasource first, then the others by name (a module's exports come sorted). */
const ORDER = [DEFAULT_DATASOURCE, ...Object.keys(entries).filter((name) => name !== DEFAULT_DATASOURCE)] as (keyof typeof entries)[];

export const DATASOURCE_REGISTRY = Object.fromEntries(ORDER.map((name) => [name, entries[name]])) as typeof entries satisfies Record<DatasourceName, DatasourceEntry>;

/** One renderer per datasource, from the entries above. */
export const RENDERERS: Record<DatasourceName, Renderer> = Object.fromEntries(ORDER.map((name) => [name, entries[name].render])) as Record<DatasourceName, Renderer>;

/** The entry of a datasource, typed as the interface (optional fields readable on every entry). */
export function datasourceEntry(name: DatasourceName): DatasourceEntry {
  return DATASOURCE_REGISTRY[name];
}
