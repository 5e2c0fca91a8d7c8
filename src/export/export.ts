/**
 * The export stage: after render and pack, a seed in the form an orchestrator takes (a base64
 * string, Kubernetes Secrets, snippet files, guestinfo keys, a tar or a qcow2).
 */
import { SpecError } from '../errors.js';
import { prepareModel } from '../seed.js';
import type { DatasourceName } from '../input/types.js';
import { EXPORTERS } from './registry.js';
import { EXPORT_TARGET_NAMES, exportTargetInfo, type ExportTargetName } from './targets.js';
import type { ExportedSeed, ExportOptions } from './types.js';
import { writeExport } from './write.js';
import { collectWarnings } from '../render/warnings.js';

function specKey(spec: unknown, key: string): unknown {
  return spec !== null && typeof spec === 'object' && !Array.isArray(spec) ? (spec as Record<string, unknown>)[key] : undefined;
}

/** The spec's datasource when the target reads it, else the target's own; another one is an error. */
function chooseDatasource(spec: unknown, target: ExportTargetName, options: ExportOptions): DatasourceName {
  const { datasources } = exportTargetInfo(target);
  const asked = options.datasource ?? specKey(spec, 'datasource');
  if (asked === undefined) return datasources[0]!;
  if (typeof asked === 'string' && (datasources as readonly string[]).includes(asked)) return asked as DatasourceName;
  throw new SpecError([
    { path: 'datasource', message: `the ${target} target takes ${datasources.join(' or ')} seeds, not ${String(asked)}` },
  ]);
}

const NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

function checkTargetOptions(options: ExportOptions): void {
  if (options.name !== undefined && !NAME.test(options.name)) {
    throw new SpecError([{ path: 'name', message: 'must be lowercase letters, digits and -, at most 63 characters, starting and ending with a letter or digit' }]);
  }
  if (options.storage !== undefined && !/^[A-Za-z][A-Za-z0-9_.-]*$/.test(options.storage)) {
    throw new SpecError([{ path: 'storage', message: 'must be a Proxmox storage ID (letters, digits, -, _ and ., starting with a letter)' }]);
  }
  if (options.encoding !== undefined && options.encoding !== 'gzip+base64' && options.encoding !== 'base64') {
    throw new SpecError([{ path: 'encoding', message: 'must be gzip+base64 or base64' }]);
  }
}

/**
 * Builds the seed for `target` and returns its files in the form that consumer takes, with what
 * the consumer will drop or override as warnings. With `options.output` the files are also
 * written there, atomically (never over an existing file without `force`, never through a
 * symlink, owner-only since they carry the seed).
 *
 * @throws {SpecError} when the spec is invalid, names a datasource the target cannot take, or
 *   the seed is too large for the consumer (nothing is written).
 * @throws {IoError} when the output exists without `force`, or cannot be written.
 * @example
 * const { files } = await exportSeed(spec, 'ironic');
 * const configdrive = new TextDecoder().decode(files[0].content); // for `baremetal node deploy --config-drive`
 */
export async function exportSeed(spec: unknown, target: ExportTargetName, options: ExportOptions = {}): Promise<ExportedSeed> {
  if (!(EXPORT_TARGET_NAMES as readonly string[]).includes(target)) {
    throw new SpecError([{ path: 'target', message: `must be one of ${EXPORT_TARGET_NAMES.join(', ')}` }]);
  }
  checkTargetOptions(options);
  const datasource = chooseDatasource(spec, target, options);
  const model = await prepareModel(spec, { ...options, datasource });
  const product = await EXPORTERS[target](model, options);
  const exported: ExportedSeed = {
    target,
    layout: exportTargetInfo(target).layout,
    datasource: model.datasource,
    instanceId: model.instanceId,
    instanceIdDerived: model.instanceIdDerived,
    files: product.files,
    warnings: [...collectWarnings(model), ...product.warnings],
    notes: product.notes,
  };
  if (options.output === undefined) return exported;
  await writeExport(exported, options.output, { force: options.force });
  return { ...exported, output: options.output };
}
