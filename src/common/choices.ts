/**
 * The lists of choices every stage agrees on, with their defaults: datasources with the labels
 * cloud-init finds them by, filesystems and writers. The spec types, the CLI's
 * `--datasource/--fs/--writer` choices, the JSON Schema enums (written into
 * schemas/spec.schema.json by scripts/compile-schema.mjs) and the registries all come from here.
 *
 * The datasources' names, labels (lower case for iso9660, upper case for vfat) and titles are
 * written by scripts/compile-schema.mjs from the one registry, src/render/datasources/index.ts,
 * so adding a datasource there is the only edit it takes.
 */
import { DATASOURCE_LABELS } from './generated-datasources.js';

export { DATASOURCE_LABELS, DATASOURCE_TITLES } from './generated-datasources.js';

export type DatasourceName = keyof typeof DATASOURCE_LABELS;
export const DATASOURCES = Object.keys(DATASOURCE_LABELS) as DatasourceName[];
export const DEFAULT_DATASOURCE: DatasourceName = 'nocloud';

export const FILESYSTEMS = ['iso9660', 'vfat'] as const;
export type FilesystemName = (typeof FILESYSTEMS)[number];
export const DEFAULT_FILESYSTEM: FilesystemName = 'iso9660';

export const WRITERS = ['native', 'xorriso'] as const;
export type WriterName = (typeof WRITERS)[number];
export const DEFAULT_WRITER: WriterName = 'native';

/** The spec keys whose JSON Schema enum is one of the lists above. */
export const SCHEMA_ENUMS = { datasource: DATASOURCES, filesystem: FILESYSTEMS, writer: WRITERS } as const;
