/**
 * The public API of the cloudseed library: build cloud-init seed images (NoCloud `cidata`,
 * OpenStack `config-2`, oVirt Run Once) as iso9660 or vfat from a short spec, and read them back.
 *
 * Nothing here prints, exits or reads the terminal: invalid input is a {@link SpecError} carrying
 * every issue, a failing external tool a {@link ToolError}, a failing file operation or an
 * unreadable image an {@link IoError}; all extend {@link CloudseedError}.
 *
 * @example
 * import { editSeed, readSeed, validateSpec, writeSeed } from 'cloudseed';
 *
 * const spec = { hostname: 'web01', users: [{ name: 'admin', ssh_authorized_keys: ['ssh-ed25519 AAAA... me'] }] };
 * const { ok, issues } = await validateSpec(spec);
 * if (ok) await writeSeed(spec, 'seed.iso');
 *
 * const report = readSeed(image); // any seed image: label, datasource, instance-id, users, network, warnings
 * const edited = await editSeed(image, { hostname: 'web02' }); // same filesystem and label, a new instance-id
 *
 * @packageDocumentation
 */
export { buildSeed, renderSeed, validateSpec } from './seed.js';
export { writeSeed } from './write-seed.js';
export type { WriteSeedOptions, WrittenSeed } from './write-seed.js';
export type { BuiltSeed, RenderedSeed, SeedOptions, ValidationResult } from './seed.js';
export { exportSeed } from './export/export.js';
export { EXPORT_TARGETS } from './export/targets.js';
export type { ExportTargetInfo, ExportTargetName } from './export/targets.js';
export type { ExportedSeed, ExportFile, ExportOptions } from './export/types.js';
export { readSeed } from './read/seed.js';
export type {
  NetworkFormat,
  NetworkInterfaceSummary,
  NetworkSummary,
  PasswordKind,
  ReadSeedOptions,
  SeedFile,
  SeedFilesystem,
  SeedReport,
  SeedUser,
  SeedWarning,
  SeedWarningCode,
  SshKeySummary,
} from './read/seed.js';
export { editSeed } from './edit/edit.js';
export type { EditedSeed, EditOptions, GuestFile, InstanceIdPolicy, SeedEdits } from './edit/types.js';
export { loadSpecFile, parseSpecText } from './input/load.js';
export type { LoadedSpec } from './input/load.js';
export type { DatasourceName, Spec } from './input/types.js';
export type { FilesystemName, WriterName } from './pack/types.js';
export type { FileContent, FileTree, SeedTree, SourceFile } from './common/file-tree.js';
export type { InstanceModel } from './model/types.js';
// UsageError stays with the CLI: the library has no command line to misuse.
export { CloudseedError, IoError, SpecError, ToolError } from './errors.js';
export type { Issue } from './errors.js';
