/**
 * The `#cloud-config` every datasource carries as user-data. Keys are chosen in the form every
 * supported cloud-init (20.4, 22.4, 25.x) accepts without deprecation warnings:
 * - passwords via `users[].hashed_passwd`, not `chpasswd.list` (deprecated in 22.3) nor
 *   `chpasswd.users` (unknown before 22.3); `chpasswd` keeps only `expire: false`;
 * - `lock_passwd` with an underscore (the hyphenated form is deprecated).
 */
import type { InstanceModel, UserModel, WriteFileModel } from '../model/types.js';
import { mergeCloudConfig } from './merge.js';
import { compact } from './compact.js';

/** One entry of the cloud-config `users` list (the ovirt renderer also uses it for the `user` key). */
export function renderUser(user: UserModel): Record<string, unknown> {
  return compact({
    name: user.name,
    gecos: user.gecos,
    primary_group: user.primaryGroup,
    groups: user.groups.length > 0 ? [...user.groups] : undefined,
    shell: user.shell,
    homedir: user.homedir,
    system: user.system || undefined,
    sudo: user.sudo,
    lock_passwd: user.lockPassword,
    hashed_passwd: user.passwordHash,
    ssh_authorized_keys: user.sshAuthorizedKeys.length > 0 ? [...user.sshAuthorizedKeys] : undefined,
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Text content stays readable in the YAML; anything else (binary, invalid UTF-8, NUL) goes as base64. */
function renderWriteFile(file: WriteFileModel): Record<string, unknown> {
  let text: string | undefined;
  try {
    text = utf8.decode(file.content);
  } catch {
    text = undefined;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters decide whether text is written plain or base64: matching them is the point
  const readable = text !== undefined && !/[\0-\x08\x0b-\x1f\x7f]/.test(text);
  return compact({
    path: file.path,
    content: readable ? text : Buffer.from(file.content).toString('base64'),
    encoding: readable ? undefined : 'b64',
    permissions: file.permissions,
    owner: file.owner,
    append: file.append || undefined,
    defer: file.defer || undefined,
  });
}

/**
 * Users for the `users:` list. `default` keeps the image's default user: when the spec lists it,
 * and when keys are meant for it. Without a `users:` key cloud-init keeps it anyway.
 */
function renderUsers(model: InstanceModel): unknown[] | undefined {
  if (model.users.length === 0 && !model.keepDefaultUser) return undefined;
  const keepDefault = model.keepDefaultUser === true || model.ssh.authorizedKeys.length > 0;
  return [...(keepDefault ? ['default'] : []), ...model.users.map(renderUser)];
}

export function buildCloudConfig(model: InstanceModel): Record<string, unknown> {
  const anyPassword = model.users.some((user) => user.passwordHash !== undefined);
  const generated = compact({
    hostname: model.hostname,
    fqdn: model.fqdn,
    // Without an /etc/hosts entry, `hostname -f` finds no fqdn on guests without DNS for it.
    manage_etc_hosts: model.fqdn === undefined ? undefined : true,
    preserve_hostname: false,
    users: renderUsers(model),
    ssh_authorized_keys: model.ssh.authorizedKeys.length > 0 ? [...model.ssh.authorizedKeys] : undefined,
    ssh_pwauth: model.ssh.passwordAuth,
    disable_root: model.ssh.disableRoot,
    ssh_deletekeys: model.ssh.deleteHostKeys,
    // Without this, cloud-init would force a password change at first login.
    chpasswd: anyPassword ? { expire: false } : undefined,
    timezone: model.timezone,
    locale: model.locale,
    package_update: model.packageUpdate,
    package_upgrade: model.packageUpgrade,
    packages: model.packages.length > 0 ? [...model.packages] : undefined,
    bootcmd: model.bootcmd.length > 0 ? [...model.bootcmd] : undefined,
    write_files: model.writeFiles.length > 0 ? model.writeFiles.map(renderWriteFile) : undefined,
    runcmd: model.runcmd.length > 0 ? [...model.runcmd] : undefined,
  });
  // Nothing to merge, nothing to copy: `generated` is this call's own object.
  return Object.keys(model.extraCloudConfig).length === 0 ? generated : mergeCloudConfig(generated, model.extraCloudConfig);
}
