/**
 * spec -> model: the values the renderers read, each parsed once with its issues (a mode, a size)
 * and every default applied once. Runs on a spec of the schema's shape with its referenced files
 * already read (src/input/resolve-sources.ts) and its network already normalised; the parse stage
 * (index.ts) keeps the model only when no check found an issue.
 */
import { DATASOURCE_LABELS, DEFAULT_DATASOURCE, DEFAULT_FILESYSTEM, DEFAULT_WRITER } from '../common/choices.js';
import { chooseNetworkConfigVersion } from './network/network-config-version.js';
import { parseImageSize } from './identity.js';
import { parsePermissions, partFilename } from './files.js';
import type { NetworkModel } from '../model/network/types.js';
import type { Issue } from '../errors.js';
import type { InjectedSources, SpecSources } from '../input/resolve-sources.js';
import { isUserSpec, type Spec, type UserDataPartSpec, type UserSpec } from '../input/types.js';
import { parseCloudInitVersion } from '../model/defaults.js';
import { readCloudConfigPart, detectPartType } from '../model/cloud-config-parts.js';
import { expandUserDataFile } from './user-data-file.js';
import { beginInstanceId, PENDING_INSTANCE_ID, type InstanceIdDigest } from './instance-id.js';
import { mergeCloudConfig } from '../render/merge.js';
import { deriveSalt, hashPassword, sha512Crypt } from './password.js';
import type { InstanceModel, UserDataPartModel, UserModel, WriteFileModel } from '../model/types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface NormalizeOptions {
  /** Derive password salts from this seed (reproducible builds); random salts otherwise. */
  readonly saltSeed?: string;
  /** Injected `files[].source` files, checked but not read (resolveSources). */
  readonly injected?: InjectedSources;
  /** Leave a derived id that needs source files read to the caller (InstanceIdDigest), who reads them anyway. */
  readonly deferSourceHash?: boolean;
}

const encoder = new TextEncoder();

function normalizeUser(user: UserSpec, saltSeed: string | undefined): UserModel {
  const groups = typeof user.groups === 'string' ? user.groups.split(',').map((g) => g.trim()).filter(Boolean) : (user.groups ?? []);
  const passwordHash =
    user.password !== undefined ? hashPassword(user.password, { saltSeed, context: `user:${user.name}` }) : user.password_hash;
  return {
    name: user.name,
    gecos: user.gecos,
    passwordHash,
    // A user given a password can log in with it; cloud-init locks passwords by default.
    lockPassword: user.lock_passwd ?? passwordHash === undefined,
    sshAuthorizedKeys: user.ssh_authorized_keys ?? [],
    sudo: user.sudo === false ? undefined : user.sudo,
    groups,
    primaryGroup: user.primary_group,
    shell: user.shell,
    homedir: user.homedir,
    system: user.system ?? false,
  };
}

/**
 * What stands for a password in the instance-id: the plain password hashed with a salt fixed per
 * user, so the id changes when the password does but never with the random salt. It costs an
 * attacker as much as cracking the hash that is in the image anyway.
 */
function passwordIdentity(user: UserSpec): string | undefined {
  if (user.password !== undefined) return sha512Crypt(user.password, deriveSalt('cloudseed-instance-id', user.name));
  return user.password_hash;
}

/** The bytes of one `user_data.parts` entry: its `source:` file (or path) as read, or its `content`. */
export function partContent(part: UserDataPartSpec, index: number, sources: SpecSources): Uint8Array {
  return sources.get(`user_data.parts[${index}]`) ?? encoder.encode(typeof part === 'string' ? '' : (part.content ?? ''));
}

/**
 * The parts one `user_data.parts` entry stands for: gzip and MIME files are split as cloud-init
 * splits them (user-data-file.ts), unless the entry names its type. `problem` when cloud-init
 * could not read the file either.
 */
export function normalizeParts(part: UserDataPartSpec, index: number, sources: SpecSources): { parts: UserDataPartModel[]; problem?: string } {
  const content = partContent(part, index, sources);
  const filename = partFilename(part, index);
  if (typeof part === 'object' && part.type) return { parts: [{ content, type: part.type, filename }] };
  const expanded = expandUserDataFile(content);
  if ('problem' in expanded) return { parts: [], problem: expanded.problem };
  const single = expanded.parts.length === 1;
  return {
    parts: expanded.parts.map((sub, j) => ({
      content: sub.content,
      type: sub.type ?? detectPartType(sub.content),
      filename: sub.filename ?? (single ? filename : `${filename}.${j + 1}`),
    })),
  };
}

/**
 * The network-config version as the instance-id sees it. It is rendered only by a NoCloud seed
 * with a network; for every other seed the id hashes 2, the default before v1 became it, so that
 * rebuilding a seed whose files did not change keeps its id (a new id makes cloud-init treat the
 * VM as a new instance and regenerate its host keys).
 */
function identityNetworkConfigVersion(content: Pick<InstanceModel, 'datasource' | 'network' | 'networkConfigVersion'>): 1 | 2 {
  return content.datasource === 'nocloud' && content.network !== undefined ? content.networkConfigVersion : 2;
}

/**
 * The extra cloud-config (user_data.cloud_config, then every cloud-config part that can be
 * merged at build time, in order) and the parts left for cloud-init (cloud-config-parts.ts).
 */
function splitExtraCloudConfig(spec: Spec, sources: SpecSources): { extra: Record<string, unknown>; parts: UserDataPartModel[] } {
  let extra: Record<string, unknown> = spec.user_data?.cloud_config ?? {};
  const parts: UserDataPartModel[] = [];
  (spec.user_data?.parts ?? []).forEach((entry, i) => {
    for (const part of normalizeParts(entry, i, sources).parts) {
      const read = part.type === 'text/cloud-config' ? readCloudConfigPart(part.content, `user_data.parts[${i}]`) : undefined;
      if (read?.merge) extra = mergeCloudConfig(extra, read.config);
      else parts.push(part);
    }
  });
  return { extra, parts };
}

function assembleWriteFiles(spec: Spec, sources: SpecSources, issues: Issue[]): WriteFileModel[] {
  const files: WriteFileModel[] = [];
  (spec.write_files ?? []).forEach((entry, i) => {
    const permissions = parsePermissions(entry.permissions, `write_files[${i}].permissions`);
    if ('issue' in permissions) {
      issues.push(permissions.issue);
      return;
    }
    files.push({
      path: entry.path,
      content: sources.get(`write_files[${i}]`) ?? encoder.encode(entry.content ?? ''),
      permissions: permissions.value,
      owner: entry.owner,
      append: entry.append ?? false,
      defer: entry.defer ?? false,
    });
  });
  return files;
}

/** The model's keys that are not its content: the id is derived from everything else. */
const NOT_CONTENT: ReadonlySet<string> = new Set(['instanceId', 'instanceIdDerived', 'image']);

/**
 * What the instance-id is derived from: the model itself (NOT_CONTENT aside), unless the id sees
 * a value other than the model's (identityNetworkConfigVersion, passwordIdentity); only then is
 * it a copy.
 */
function identity(model: InstanceModel, users: readonly UserSpec[]): InstanceModel {
  const networkConfigVersion = identityNetworkConfigVersion(model);
  const passwordChanges = users.some((user) => user.password !== undefined);
  if (networkConfigVersion === model.networkConfigVersion && !passwordChanges) return model;
  return {
    ...model,
    networkConfigVersion,
    users: users.map((user, i) => ({ ...model.users[i]!, passwordHash: passwordIdentity(user) })),
  };
}

/** The model, or (with the issues found on the way) none when a value could not be parsed. */
export interface AssembledModel {
  readonly model?: InstanceModel;
  readonly issues: readonly Issue[];
  /** With `deferSourceHash`, a derived id still to be hashed: the model holds PENDING_INSTANCE_ID until then. */
  readonly pendingId?: InstanceIdDigest;
}

/** `network` is the spec's network as normalizeNetwork returned it (undefined without one). */
export function assembleModel(spec: Spec, sources: SpecSources, network: NetworkModel | undefined, options: NormalizeOptions = {}): AssembledModel {
  const issues: Issue[] = [];
  const writeFiles = assembleWriteFiles(spec, sources, issues);
  const size = parseImageSize(spec);
  if ('issue' in size) issues.push(size.issue);
  // A missing hostname is reported by checkIdentity; without one there is no model to give.
  if (issues.length > 0 || 'issue' in size || spec.hostname === undefined) return { issues };
  const saltSeed = options.saltSeed ?? spec.salt_seed;
  const datasource = spec.datasource ?? DEFAULT_DATASOURCE;
  const filesystem = spec.filesystem ?? DEFAULT_FILESYSTEM;
  const users = (spec.users ?? []).filter(isUserSpec);
  const adminPass = spec.windows?.admin_pass_in_clear ? spec.windows.admin_pass : undefined;
  const extra = splitExtraCloudConfig(spec, sources);
  const model: Mutable<InstanceModel> = {
    datasource,
    hostname: spec.hostname,
    fqdn: spec.fqdn,
    cloudInitVersion: parseCloudInitVersion(spec.cloud_init_version),
    networkConfigVersion: chooseNetworkConfigVersion(spec.network_config_version, network),
    users: users.map((user) => normalizeUser(user, saltSeed)),
    // Left out unless listed, so instance-ids of specs without it stay as they were.
    keepDefaultUser: spec.users?.includes('default') || undefined,
    ssh: {
      passwordAuth: spec.ssh?.password_auth,
      authorizedKeys: spec.ssh?.authorized_keys ?? [],
      disableRoot: spec.ssh?.disable_root,
      deleteHostKeys: spec.ssh?.delete_host_keys,
    },
    network,
    timezone: spec.timezone,
    locale: spec.locale,
    packages: spec.packages ?? [],
    packageUpdate: spec.package_update,
    packageUpgrade: spec.package_upgrade,
    bootcmd: spec.bootcmd ?? [],
    runcmd: spec.runcmd ?? [],
    writeFiles,
    extraCloudConfig: extra.extra,
    userDataParts: extra.parts,
    meta: spec.meta ?? {},
    // Only when given: an absent key keeps every other seed's derived instance-id unchanged.
    ...(spec.meta_data !== undefined && Object.keys(spec.meta_data).length > 0 ? { metaData: spec.meta_data } : {}),
    files: (spec.files ?? []).map((entry, i) => ({
      path: entry.path,
      content: options.injected?.get(`files[${i}]`) ?? encoder.encode(entry.content ?? ''),
    })),
    vendorData: spec.vendor_data,
    adminPass,
    instanceId: spec.instance_id ?? PENDING_INSTANCE_ID,
    instanceIdDerived: spec.instance_id === undefined,
    image: {
      filesystem,
      writer: spec.writer ?? DEFAULT_WRITER,
      label: spec.label ?? DATASOURCE_LABELS[datasource][filesystem === 'vfat' ? 1 : 0],
      size: size.value,
    },
  };
  if (spec.instance_id !== undefined) return { model, issues };
  const derived = beginInstanceId(identity(model, users), options.deferSourceHash ?? false, NOT_CONTENT);
  if (typeof derived === 'object') return { model, issues, pendingId: derived };
  model.instanceId = derived;
  return { model, issues };
}
