/**
 * The cloud-config of an oVirt Run Once payload: the one every datasource carries, with oVirt's
 * defaults (ovirt-defaults.ts) under the spec's settings, and oVirt's single user.
 *
 * oVirt has one user (the Run Once "user name", root unless changed) with one password. oVirt's
 * engine writes them as the top-level `user: NAME` and `password: CLEARTEXT`; the spec's first user
 * becomes that user, written in the form every supported cloud-init (20.4 to 25.x) reads without a
 * warning:
 * - its settings go to `user:` as a mapping (the string form is deprecated since cloud-init 22.2
 *   and 25.x reports it as such). `user:` replaces the image's default user, so this user also
 *   receives public_keys (ssh.authorized_keys);
 * - its password hash goes into that mapping as `hashed_passwd`, not to the top-level `password`.
 *   cloud-init creates (or updates) the user before cc_set_passwords runs, and from 24.3 on it
 *   logs a WARNING, which makes the boot "degraded", when a user has `lock_passwd: false` but no
 *   password of its own in that entry. `hashed_passwd` is also read as a hash by every version,
 *   where a top-level `password` is set as literal text by cloud-init before 17.1.
 * The other users go to `users:` as for every datasource.
 */
import type { InstanceModel, UserModel } from '../../model/types.js';
import { buildCloudConfig, renderUser } from '../cloud-config.js';
import { mergeCloudConfig } from '../merge.js';
import { OVIRT_RUNCMD, OVIRT_SSH } from './ovirt-defaults.js';

/** oVirt's top-level keys, before the spec's own extra cloud-config (which may override any of them). */
function buildOvirtKeys(user: UserModel | undefined): Record<string, unknown> {
  const keys: Record<string, unknown> = {};
  if (user !== undefined) keys['user'] = renderUser(user);
  // oVirt always writes it: a password given at Run Once must not expire at first login.
  if (user?.passwordHash !== undefined) keys['chpasswd'] = { expire: false };
  // oVirt's `output: {all: ">> /var/log/cloud-init-output.log"}` is left out: cloud-init logs a
  // WARNING ("Stdout, stderr changing to ...") in every stage where user-data changes the output
  // setting (22.4 and 25.1 alike; 25.x then reports the boot degraded), and cloud-init's own
  // cloud.cfg.d/05_logging.cfg already appends the output to that log (through tee).
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
