/**
 * Strict IP address and prefix parsing. ipaddr.js alone is too lenient for configuration files:
 * its plain parsers accept `1.2.3`, `0x7f.0.0.1`, `01.2.3.4`, zone ids (`fe80::1%eth0`) and
 * prefixes with leading zeros (`/024`), which cloud-init, netplan or ifupdown then read differently
 * or reject on the guest. Only canonical dotted-decimal IPv4 and plain RFC 4291 IPv6 text pass.
 */
import ipaddr from 'ipaddr.js';
import type { IpAddress, IpFamily, IpPrefix } from './types.js';

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const MAX_PREFIX: Record<IpFamily, number> = { 4: 32, 6: 128 };
const PREFIX_DIGITS = /^(0|[1-9][0-9]{0,2})$/;
const DOTTED_DECIMAL = /^(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})$/;

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}

/**
 * Canonical dotted-decimal IPv4: four numbers 0-255 without leading zeros (what ipaddr.js's
 * isValidFourPartDecimal accepts, without building an address object to find out).
 */
function isDottedDecimalIpv4(text: string): boolean {
  const parts = DOTTED_DECIMAL.exec(text);
  return parts !== null && Number(parts[1]) <= 255 && Number(parts[2]) <= 255 && Number(parts[3]) <= 255 && Number(parts[4]) <= 255;
}

/** IPv6 text may end in an embedded IPv4 part (`::ffff:192.0.2.1`); that part must be strict too. */
function isStrictIpv6(text: string): boolean {
  if (!ipaddr.IPv6.isValid(text)) return false;
  const lastGroup = text.slice(text.lastIndexOf(':') + 1);
  return !lastGroup.includes('.') || isDottedDecimalIpv4(lastGroup);
}

/** A single address such as `192.0.2.1` or `2001:db8::1` (no prefix). */
export function parseIpAddress(text: string): Parsed<IpAddress> {
  if (text.includes('%')) return fail(`"${text}" has a zone id (%...), which is not allowed here`);
  if (text.includes('/')) return fail(`"${text}" must be a single address, without a /prefix`);
  if (text.includes(':')) {
    if (!isStrictIpv6(text)) return fail(`"${text}" is not a valid IPv6 address`);
    return { ok: true, value: { family: 6, address: ipaddr.IPv6.parse(text).toRFC5952String() } };
  }
  if (!isDottedDecimalIpv4(text)) {
    return fail(`"${text}" is not a valid IPv4 address (four decimal numbers 0-255 without leading zeros)`);
  }
  return { ok: true, value: { family: 4, address: text } };
}

/**
 * IPv4 arithmetic on 32-bit numbers. Only for text parseIpAddress accepted (four decimal numbers
 * 0-255), so no checks here; ipaddr.js would parse the same text again into objects, for
 * results that are one mask away. The digits are read in place: splitting the text made four
 * strings per address, and every address and route is read this way.
 */
function ipv4ToNumber(address: string): number {
  let value = 0;
  let part = 0;
  for (let index = 0; index < address.length; index++) {
    const code = address.charCodeAt(index);
    if (code === 0x2e) {
      value = value * 256 + part;
      part = 0;
    } else {
      part = part * 10 + (code - 0x30);
    }
  }
  return value * 256 + part;
}

function numberToIpv4(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

function ipv4Mask(prefixLength: number): number {
  return prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
}

/** The 33 IPv4 netmasks, by prefix length: constants of the format, written out once at load. */
const IPV4_NETMASKS: readonly string[] = Array.from({ length: 33 }, (_, prefixLength) => numberToIpv4(ipv4Mask(prefixLength)));

function netmaskOf(family: IpFamily, prefixLength: number): string {
  return family === 4 ? (IPV4_NETMASKS[prefixLength] as string) : ipaddr.IPv6.subnetMaskFromPrefixLength(prefixLength).toRFC5952String();
}

function networkOf(family: IpFamily, address: string, prefixLength: number): string {
  if (family === 6) return ipaddr.IPv6.networkAddressFromCIDR(`${address}/${prefixLength}`).toRFC5952String();
  const value = ipv4ToNumber(address);
  const network = (value & ipv4Mask(prefixLength)) >>> 0;
  // Accepted IPv4 text is canonical, so an address without host bits is already its network's text.
  return network === value ? address : numberToIpv4(network);
}

/** Builds the prefix record from an already valid address and prefix length. */
export function makePrefix(address: IpAddress, prefixLength: number): IpPrefix {
  return {
    family: address.family,
    address: address.address,
    prefixLength,
    netmask: netmaskOf(address.family, prefixLength),
    network: networkOf(address.family, address.address, prefixLength),
    cidr: `${address.address}/${prefixLength}`,
  };
}

/** An address or network with its prefix length: `192.0.2.10/24`, `2001:db8::/32`. */
export function parseIpPrefix(text: string): Parsed<IpPrefix> {
  const slash = text.indexOf('/');
  if (slash < 0) {
    return fail(`"${text}" has no prefix length (write it as ${text}/${text.includes(':') ? '64' : '24'}, for example)`);
  }
  const address = parseIpAddress(text.slice(0, slash));
  if (!address.ok) return address;
  const prefixText = text.slice(slash + 1);
  const max = MAX_PREFIX[address.value.family];
  if (!PREFIX_DIGITS.test(prefixText) || Number(prefixText) > max) {
    return fail(`"${text}" has an invalid prefix length "/${prefixText}" (a number 0-${max} without leading zeros)`);
  }
  return { ok: true, value: makePrefix(address.value, Number(prefixText)) };
}

/** The default-route destination of a family: `0.0.0.0/0` or `::/0`. */
export function defaultDestination(family: IpFamily): IpPrefix {
  return makePrefix({ family, address: family === 4 ? '0.0.0.0' : '::' }, 0);
}

/** True when `address` lies inside the network of `prefix` (same family). */
export function prefixContains(prefix: IpPrefix, address: IpAddress): boolean {
  if (prefix.family !== address.family) return false;
  if (prefix.family === 4) {
    const mask = ipv4Mask(prefix.prefixLength);
    return ((ipv4ToNumber(address.address) & mask) >>> 0) === ((ipv4ToNumber(prefix.network) & mask) >>> 0);
  }
  return ipaddr.parse(address.address).match(ipaddr.parse(prefix.network), prefix.prefixLength);
}

/** True for IPv4 host addresses that are their subnet's network or broadcast address (not assignable). */
export function isReservedIpv4Host(prefix: IpPrefix): boolean {
  if (prefix.family !== 4 || prefix.prefixLength > 30) return false;
  const broadcast = (ipv4ToNumber(prefix.network) | ~ipv4Mask(prefix.prefixLength)) >>> 0;
  return prefix.address === prefix.network || ipv4ToNumber(prefix.address) === broadcast;
}

export function familyName(family: IpFamily): string {
  return family === 4 ? 'IPv4' : 'IPv6';
}
