/**
 * The cloud-config of an oVirt Run Once payload: the one every datasource carries, with oVirt's
 * defaults (ovirt-defaults.ts) under the spec's settings, and oVirt's single user.
 *
 * oVirt has one user (the Run Once "user name", root unless changed) with one password, written as
 * the top-level `user` and `password` keys. The spec's first user becomes that user:
 * - its settings go to `user:` as a mapping (the string form is deprecated since cloud-init 22.2
 *   and 25.x reports it as such). `user:` replaces the image's default user, so this user also
 *   receives public_keys (ssh.authorized_keys);
 * - its password hash goes to the top-level `password` key. cc_set_passwords sets it for the
 *   default user and treats it as a hash when it looks like one (`$1$`, `$2a$`, `$2y$`, `$5$`,
 *   `$6$`): checked in cloud-init 17.1, 20.4, 22.4 and 25.1. cloud-init before 17.1 would set the
 *   hash text itself as the password.
 * The other users go to `users:` as for every datasource.
 */
import type { InstanceModel, UserModel } from '../../model/types.js';
import { buildCloudConfig, renderUser } from '../cloud-config.js';
import { mergeCloudConfig } from '../merge.js';
import { OVIRT_OUTPUT, OVIRT_RUNCMD, OVIRT_SSH } from './ovirt-defaults.js';

/** The `user:` mapping: everything about the first user except the password, which is `password:`. */
function renderOvirtUser(user: UserModel): Record<string, unknown> {
  const { hashed_passwd: _moved, ...rest } = renderUser(user);
  return rest;
}

/** oVirt's top-level keys, before the spec's own extra cloud-config (which may override any of them). */
function buildOvirtKeys(user: UserModel | undefined): Record<string, unknown> {
  const keys: Record<string, unknown> = {};
  if (user !== undefined) keys['user'] = renderOvirtUser(user);
  if (user?.passwordHash !== undefined) keys['password'] = user.passwordHash;
  // oVirt always writes it: a password given at Run Once must not expire at first login.
  keys['chpasswd'] = { expire: false };
  keys['output'] = { ...OVIRT_OUTPUT };
  return keys;
}

export function buildOvirtCloudConfig(model: InstanceModel): Record<string, unknown> {
  const [first, ...others] = model.users;
  return buildCloudConfig({
    ...model,
    users: others,
    ssh: {
      ...model.ssh,
      passwordAuth: model.ssh.passwordAuth ?? OVIRT_SSH.passwordAuth,
      disableRoot: model.ssh.disableRoot ?? OVIRT_SSH.disableRoot,
      deleteHostKeys: model.ssh.deleteHostKeys ?? OVIRT_SSH.deleteHostKeys,
    },
    runcmd: [OVIRT_RUNCMD, ...model.runcmd],
    extraCloudConfig: mergeCloudConfig(buildOvirtKeys(first), model.extraCloudConfig),
  });
}
