/**
 * The lists of choices every stage agrees on: datasources with the labels cloud-init finds them by
 * (derived from the datasource registry), filesystems and writers. The spec types, the CLI's
 * `--datasource/--fs/--writer` choices, the JSON Schema enums (written into schemas/spec.schema.json by scripts/compile-schema.mjs) and the
 * registries (typed by these names, so the compiler asks for an entry) all come from here.
 */

/**
 * The datasources with the labels cloud-init's ds-identify finds them by (lower case for iso9660,
 * upper case for vfat) and their titles: written by scripts/compile-schema.mjs from the one
 * registry in src/render/registry.ts, so adding a datasource there is the only edit it takes.
 */
export { DATASOURCE_LABELS, DATASOURCE_TITLES } from './generated-datasources.js';
import { DATASOURCE_LABELS } from './generated-datasources.js';

export type DatasourceName = keyof typeof DATASOURCE_LABELS;
export const DATASOURCES = Object.keys(DATASOURCE_LABELS) as DatasourceName[];
export const DEFAULT_DATASOURCE: DatasourceName = 'nocloud';

export const FILESYSTEMS = ['iso9660', 'vfat'] as const;
export type FilesystemName = (typeof FILESYSTEMS)[number];

export const WRITERS = ['native', 'xorriso'] as const;
export type WriterName = (typeof WRITERS)[number];

/** The spec keys whose JSON Schema enum is one of the lists above. */
export const SCHEMA_ENUMS = { datasource: DATASOURCES, filesystem: FILESYSTEMS, writer: WRITERS } as const;
