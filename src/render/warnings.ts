/**
 * Things a build does that the user should hear about although the spec asked for them. Pure: the
 * CLI prints them, library callers decide for themselves.
 */
import { IPV6_DEFAULT_ROUTE_FIXED, isAtLeast } from '../model/network/cloud-init-versions.js';
import { allInterfaces } from '../model/network/lookup.js';
import type { InstanceModel } from '../model/types.js';

/**
 * NoCloud network-config v2 forms that make cloud-init 22.4+ log a warning or deprecation (and 25.x
 * report the boot degraded), where the seed still works: see docs/datasources.md.
 */
function networkConfigWarnings(model: InstanceModel): string[] {
  if (model.datasource !== 'nocloud' || model.network === undefined || model.networkConfigVersion !== 2) return [];
  const routes = allInterfaces(model.network).flatMap((iface) => iface.routes);
  const warnings: string[] = [];
  if (!isAtLeast(model.cloudInitVersion, IPV6_DEFAULT_ROUTE_FIXED) && routes.some((route) => route.family === 6 && route.isDefault)) {
    warnings.push(
      `network-config v2 for cloud-init before ${IPV6_DEFAULT_ROUTE_FIXED.join('.')} writes the IPv6 default route as gateway6, which cloud-init 22.4+ logs as deprecated (25.x reports the boot degraded); leave network_config_version unset (v1) or set cloud_init_version to ${IPV6_DEFAULT_ROUTE_FIXED.join('.')} or later`,
    );
  }
  if (routes.some((route) => route.onLink)) {
    warnings.push('on-link routes need network-config v2, whose schema in cloud-init 24.x+ refuses on-link: the route works, but cloud-init logs a warning at every boot (25.x reports it degraded)');
  }
  return warnings;
}

/**
 * cloud-init 24.3+ creates a user with `lock_passwd: false` but no password in the same entry with
 * a WARNING ("Not unlocking password"), even when cc_set_passwords sets one later; root already
 * exists, so cloud-init does not create it. See docs/datasources.md.
 */
function unlockWithoutPasswordWarnings(model: InstanceModel): string[] {
  return model.users
    .filter((user) => !user.lockPassword && user.passwordHash === undefined && user.name !== 'root')
    .map((user) => `user ${user.name} has lock_passwd: false but no password, which cloud-init 24.3+ logs as a WARNING ("Not unlocking password"); give the user a password or leave lock_passwd unset`);
}

export function collectWarnings(model: InstanceModel): string[] {
  const warnings: string[] = [];
  if (model.adminPass !== undefined) {
    warnings.push('admin_pass is written in clear text into meta_data.json (windows.admin_pass_in_clear)');
  }
  return [...warnings, ...unlockWithoutPasswordWarnings(model), ...networkConfigWarnings(model)];
}
