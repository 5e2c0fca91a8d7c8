/** Addresses as the server compares them: one spelling per address, so a mapping matches however it is written. */
import { createRequire } from 'node:module';
import { isIP } from 'node:net';

// ipaddr.js is CommonJS with `export =`; without esModuleInterop only require() types it correctly.
const ipaddr = createRequire(import.meta.url)('ipaddr.js') as typeof import('ipaddr.js');

const DOTTED_QUAD = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/**
 * Canonical text of an IP address: IPv4-mapped IPv6 (`::ffff:10.0.0.5`, what a dual-stack socket
 * reports for an IPv4 peer) becomes plain IPv4, IPv6 becomes its compressed lower-case form.
 * Undefined for text that is not an address.
 */
export function canonicalIp(text: string): string | undefined {
  // The common cases first, without a parse: this runs on every request.
  if (DOTTED_QUAD.test(text)) return isIP(text) === 4 ? text : undefined;
  if (text.startsWith('::ffff:') && DOTTED_QUAD.test(text.slice(7))) return isIP(text.slice(7)) === 4 ? text.slice(7) : undefined;
  // node's parser, not ipaddr.js's: ipaddr.js also takes legacy forms such as `10.1` or `0x0a.0.0.1`.
  if (isIP(text) === 0) return undefined;
  return ipaddr.process(text).toString();
}

/** Lower-case colon form of a MAC address, or undefined when the text is not one. */
export function canonicalMac(text: string): string | undefined {
  return /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(text) ? text.toLowerCase() : undefined;
}

/**
 * The host's IPv4 neighbour table (`/proc/net/arp`): IP -> MAC. A fixed system file, never a path
 * taken from a request. Empty where the file does not exist (not Linux).
 */
export function parseArpTable(text: string): Map<string, string> {
  const table = new Map<string, string>();
  for (const line of text.split('\n').slice(1)) {
    const [ip, , flags, mac] = line.trim().split(/\s+/);
    // Flags 0x0 is an incomplete entry: the MAC column is all zeros.
    if (ip === undefined || mac === undefined || flags === '0x0') continue;
    const canonical = canonicalMac(mac);
    const address = canonicalIp(ip);
    if (canonical !== undefined && address !== undefined) table.set(address, canonical);
  }
  return table;
}
