/**
 * Reads any seed image back (ours or another tool's: cloud-localds, genisoimage, xorriso,
 * mkfs.vfat + mcopy, multipass's Joliet-only discs) and reports what cloud-init would make of
 * it: filesystem and label, the datasource its label rules pick, files, instance-id, hostname,
 * users with key fingerprints, network, and warnings. Pure: bytes in, report out.
 */
import { IoError } from '../errors.js';
import type { FileTree } from '../common/file-tree.js';
import { readConfigDriveContent } from './config-drive-content.js';
import { detectDatasource } from './datasource.js';
import { readImage, type ReadImage } from './image.js';
import { readNoCloudContent } from './nocloud-content.js';
import type { ReadSeedOptions, SeedContent, SeedReport, SeedWarning } from './report-types.js';
import type { DatasourceName } from '../input/types.js';

export type * from './report-types.js';

const NO_CONTENT: SeedContent = { users: [], warnings: [] };

function readContent(datasource: DatasourceName | undefined, tree: FileTree): SeedContent {
  if (datasource === 'nocloud') return readNoCloudContent(tree);
  return datasource === undefined ? NO_CONTENT : readConfigDriveContent(tree);
}

/** Windows guests (cloudbase-init) ignore Rock Ridge and read config drives through Joliet only. */
function checkJoliet(image: ReadImage, datasource: DatasourceName | undefined): SeedWarning[] {
  const isConfigDrive = datasource === 'configdrive' || datasource === 'ovirt';
  if (!isConfigDrive || image.filesystem.type !== 'iso9660' || image.filesystem.nameTables.joliet) return [];
  return [{ code: 'no-joliet', message: 'iso9660 config drive without Joliet: cloudbase-init (Windows) sees only 8.3 upper-case names' }];
}

function sameTree(a: FileTree, b: FileTree): boolean {
  if (a.size !== b.size) return false;
  return [...a].every(([path, bytes]) => {
    const other = b.get(path);
    return other !== undefined && Buffer.compare(bytes, other) === 0;
  });
}

/** cloud-init runs per-instance modules once per instance-id: a changed seed with the same id is not applied again. */
function checkPrevious(instanceId: string | undefined, tree: FileTree, previous: Uint8Array | undefined): SeedWarning[] {
  if (previous === undefined || instanceId === undefined) return [];
  let before: ReadImage;
  try {
    before = readImage(previous);
  } catch (error) {
    throw error instanceof IoError ? new IoError(`previous image: ${error.message}`) : error;
  }
  const beforeId = readContent(detectDatasource(before, before.tree).datasource, before.tree).instanceId;
  if (beforeId !== instanceId || sameTree(before.tree, tree)) return [];
  return [
    {
      code: 'same-instance-id',
      message: `instance-id '${instanceId}' is the same as the previous image's but the content changed: cloud-init will not run per-instance modules (users, keys, write_files...) again`,
    },
  ];
}

/**
 * Reads any seed image (ours or another tool's, iso9660 or FAT12/16/32) with our own readers and
 * says what cloud-init would make of it: label, datasource, files, instance-id, hostname, users
 * with key fingerprints, network summary, and warnings. Pure: it never touches disk.
 *
 * @param options.previous the image this one replaces: warns when the instance-id is the same
 *   but the content is not (cloud-init would not run per-instance modules again).
 * @throws IoError when the bytes are not a readable iso9660 or FAT image.
 * @example
 * const report = readSeed(new Uint8Array(await readFile('seed.iso')));
 * const found = report.datasource !== undefined; // false: cloud-init would not use this image
 */
export function readSeed(image: Uint8Array, options: ReadSeedOptions = {}): SeedReport {
  const read = readImage(image);
  const detection = detectDatasource(read, read.tree);
  const content = readContent(detection.datasource, read.tree);
  return {
    filesystem: read.filesystem,
    label: read.label,
    ...(detection.datasource === undefined ? {} : { datasource: detection.datasource }),
    files: [...read.tree].map(([path, bytes]) => ({ path, size: bytes.length })),
    ...(content.instanceId === undefined ? {} : { instanceId: content.instanceId }),
    ...(content.hostname === undefined ? {} : { hostname: content.hostname }),
    users: content.users,
    ...(content.network === undefined ? {} : { network: content.network }),
    warnings: [
      ...detection.warnings,
      ...checkJoliet(read, detection.datasource),
      ...content.warnings,
      ...checkPrevious(content.instanceId, read.tree, options.previous),
    ],
    tree: read.tree,
  };
}

/** The report as `inspect --json` prints it: everything but the file contents; absent facts are null. */
export function toSeedReportJson(report: SeedReport): Record<string, unknown> {
  const { tree: _contents, ...rest } = report;
  return {
    ...rest,
    datasource: report.datasource ?? null,
    instanceId: report.instanceId ?? null,
    hostname: report.hostname ?? null,
    network: report.network ?? null,
  };
}
