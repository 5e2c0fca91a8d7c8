/**
 * The edits as build would make them: the values go through the same overlay (applySpecChanges),
 * validation and model as `cloudseed build`'s flags, so a key, password or `--net` is checked and rendered exactly as
 * build checks and renders it. Only the pieces the edit needs are kept from that model.
 */
import { resolve } from 'node:path';
import { SpecError, type Issue } from '../errors.js';
import { contentBytes } from '../input/source-file-reader.js';
import type { UserModel } from '../model/types.js';
import { buildCloudConfig } from '../render/cloud-config.js';
import { datasourceEntry, RENDERERS } from '../render/registry.js';
import { prepareModel } from '../seed.js';
import { applySpecChanges } from '../overlay/spec-changes.js';
import type { DatasourceName } from '../input/types.js';
import type { EditOptions, SeedEdits } from './types.js';

/** The validated changes, ready to be written into the seed's documents. */
export interface EditOverlay {
  readonly hostname?: string;
  /** The user `--user` names (password hashed), or undefined. */
  readonly user?: UserModel;
  /** Keys for the image's default user (`--ssh-key` without `--user`). */
  readonly defaultUserKeys: readonly string[];
  /** `write_files` entries as build renders them. */
  readonly writeFiles: readonly Record<string, unknown>[];
  /** The network file rendered for the seed's datasource (NoCloud network-config or network_data.json text). */
  readonly network?: string;
}

/** Build needs a host name; an edit that does not change it validates with this one and drops it. */
const STAND_IN_HOSTNAME = 'edit-stand-in';

/** Issues name the flag the user typed, not the spec key build would have put it under. */
const FLAG_PATHS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^hostname\b/, '--hostname'],
  [/^users\[\d+\]\.ssh_authorized_keys/, '--ssh-key'],
  [/^ssh\.authorized_keys/, '--ssh-key'],
  [/^users\[\d+\]\.(password|password_hash)/, '--password'],
  [/^users\[\d+\]/, '--user'],
  [/^network\b/, '--net'],
  [/^write_files\[(\d+)\](\.\w+)?/, '--write-file[$1]'],
];

function nameFlag(issue: Issue): Issue {
  const rule = FLAG_PATHS.find(([pattern]) => pattern.test(issue.path));
  return rule === undefined ? issue : { ...issue, path: issue.path.replace(rule[0], rule[1]) };
}

/** Sources are the caller's paths, read relative to the current directory as every flag's file is. */
function writeFilesSpec(files: SeedEdits['writeFiles']): Record<string, unknown> {
  return files === undefined || files.length === 0 ? {} : { write_files: files.map((file) => ({ path: file.path, source: resolve(file.source) })) };
}

export async function prepareOverlay(edits: SeedEdits, datasource: DatasourceName, options: EditOptions): Promise<EditOverlay> {
  const wantsNetwork = edits.net !== undefined && edits.net.length > 0;
  const networkFile = datasourceEntry(datasource).networkFile;
  if (wantsNetwork && networkFile === undefined) {
    throw new SpecError([{ path: '--net', message: `cannot change the network of an ${datasource} seed (its network is ENI text in meta_data.json); rebuild it instead` }]);
  }
  const { spec, issues } = applySpecChanges(
    { hostname: edits.hostname ?? STAND_IN_HOSTNAME, ...writeFilesSpec(edits.writeFiles) },
    { user: edits.user, password: edits.password, sshKeys: edits.sshKeys, net: edits.net },
  );
  if (issues.length > 0) throw new SpecError(issues);
  let model: Awaited<ReturnType<typeof prepareModel>>;
  try {
    // The caller named these files itself, as a build flag names its files: allowed wherever they lie.
    const allowedSources = (edits.writeFiles ?? []).map((file) => resolve(file.source));
    model = await prepareModel(spec, { datasource, saltSeed: options.saltSeed, allowedSources });
  } catch (error) {
    throw error instanceof SpecError ? new SpecError(error.issues.map(nameFlag)) : error;
  }
  const writeFiles = model.writeFiles.length === 0 ? [] : (buildCloudConfig(model)['write_files'] as Record<string, unknown>[]);
  const rendered = wantsNetwork && networkFile !== undefined ? RENDERERS[datasource](model).get(networkFile) : undefined;
  const network = rendered === undefined ? undefined : contentBytes(rendered);
  return {
    ...(edits.hostname === undefined ? {} : { hostname: edits.hostname }),
    ...(model.users[0] === undefined ? {} : { user: model.users[0] }),
    defaultUserKeys: model.ssh.authorizedKeys,
    writeFiles,
    ...(network === undefined ? {} : { network: new TextDecoder().decode(network) }),
  };
}
