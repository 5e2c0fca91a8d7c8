/** Netmasks as the prefix length they stand for ("255.255.255.0" -> 24, "ffff:ffff::" -> 32). */
import ipaddr from 'ipaddr.js';

/** Undefined for anything that is not a contiguous IPv4 or IPv6 mask. */
export function prefixLength(netmask: unknown): number | undefined {
  if (typeof netmask !== 'string' || !ipaddr.isValid(netmask)) return undefined;
  return ipaddr.parse(netmask).prefixLengthFromSubnetMask() ?? undefined;
}
