/** cloud-init releases whose network-config handling the renderers depend on, as [major, minor]. */
export type CloudInitVersion = readonly [number, number];

/**
 * Before 23.1, cloud-init's own v2 parser (used when the guest renders ENI, networkd or sysconfig
 * rather than handing the file to netplan, e.g. Debian 11 and 12) turned a `::/0` route into
 * `::/64` (LP: #2003562, commit 7d57fcff); `gateway6` was the only IPv6 default route it kept.
 * From 23.1 on, `gateway6` logs a deprecation instead.
 */
export const IPV6_DEFAULT_ROUTE_FIXED: CloudInitVersion = [23, 1];

export function isAtLeast(version: CloudInitVersion, target: CloudInitVersion): boolean {
  return version[0] !== target[0] ? version[0] > target[0] : version[1] >= target[1];
}
