/** Netmasks as the prefix length they stand for ("255.255.255.0" -> 24, "ffff:ffff::" -> 32). */
import { createRequire } from 'node:module';

// ipaddr.js is CommonJS with `export =`; without esModuleInterop only require() types it correctly.
const ipaddr = createRequire(import.meta.url)('ipaddr.js') as typeof import('ipaddr.js');

/** Undefined for anything that is not a contiguous IPv4 or IPv6 mask. */
export function prefixLength(netmask: unknown): number | undefined {
  if (typeof netmask !== 'string' || !ipaddr.isValid(netmask)) return undefined;
  return ipaddr.parse(netmask).prefixLengthFromSubnetMask() ?? undefined;
}
