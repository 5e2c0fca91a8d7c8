/**
 * The lists of choices every stage agrees on: datasources with the labels cloud-init finds them by,
 * filesystems and writers. The spec types, the CLI's `--datasource/--fs/--writer` choices, the JSON
 * Schema enums (written into schemas/spec.schema.json by scripts/compile-schema.mjs) and the
 * registries (typed by these names, so the compiler asks for an entry) all come from here.
 */

/**
 * Labels cloud-init's ds-identify finds, per datasource: the lower-case one is iso9660's default,
 * the upper-case one vfat's (FAT labels are upper case by convention). The match is case-sensitive
 * (dscheck_NoCloud, check_configdrive_v2). oVirt's Run Once payload is a config drive to cloud-init.
 */
export const DATASOURCE_LABELS = {
  nocloud: ['cidata', 'CIDATA'],
  configdrive: ['config-2', 'CONFIG-2'],
  ovirt: ['config-2', 'CONFIG-2'],
} as const satisfies Record<string, readonly [lower: string, upper: string]>;

export type DatasourceName = keyof typeof DATASOURCE_LABELS;
export const DATASOURCES = Object.keys(DATASOURCE_LABELS) as DatasourceName[];
export const DEFAULT_DATASOURCE: DatasourceName = 'nocloud';

export const FILESYSTEMS = ['iso9660', 'vfat'] as const;
export type FilesystemName = (typeof FILESYSTEMS)[number];

export const WRITERS = ['native', 'xorriso'] as const;
export type WriterName = (typeof WRITERS)[number];

/** The spec keys whose JSON Schema enum is one of the lists above. */
export const SCHEMA_ENUMS = { datasource: DATASOURCES, filesystem: FILESYSTEMS, writer: WRITERS } as const;
