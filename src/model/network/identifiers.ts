/**
 * Checks for the non-IP identifiers of the network section: MAC addresses, interface names and
 * DNS search domains. Each returns an error message, or null when the value is fine.
 */

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;
/** Linux IFNAMSIZ is 16 bytes including the terminating NUL. */
const MAX_INTERFACE_NAME = 15;
const INTERFACE_NAME = /^[A-Za-z0-9_.-]+$/;
/** RFC 1035 2.3.4: 63 octets per label, 253 characters for the dotted name. */
const MAX_LABEL = 63;
const MAX_DOMAIN = 253;
const LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/;

export function checkMac(text: string): string | null {
  if (!MAC.test(text)) return `"${text}" is not a MAC address (six hex pairs separated by colons, 52:54:00:12:34:56)`;
  // IEEE 802: the least significant bit of the first octet marks a group (multicast) address.
  if ((parseInt(text.slice(0, 2), 16) & 1) === 1) return `"${text}" is a multicast MAC address, which no NIC can have`;
  if (/^(00:){5}00$/.test(text)) return `"${text}" is the all-zero MAC address`;
  return null;
}

/** A name the guest's kernel accepts for a network interface; ':' is refused too (ifupdown alias syntax). */
export function checkInterfaceName(name: string): string | null {
  if (name.length > MAX_INTERFACE_NAME) return `interface name "${name}" is longer than ${MAX_INTERFACE_NAME} characters (Linux limit)`;
  if (!INTERFACE_NAME.test(name) || name === '.' || name === '..') {
    return `interface name "${name}" may only contain letters, digits, '_', '.' and '-'`;
  }
  return null;
}

export function checkSearchDomain(domain: string): string | null {
  const labels = domain.split('.');
  if (domain.length > MAX_DOMAIN || !labels.every((label) => label.length <= MAX_LABEL && LABEL.test(label))) {
    return `"${domain}" is not a valid DNS domain name (dot-separated labels of letters, digits and inner hyphens, at most ${MAX_LABEL} characters each)`;
  }
  return null;
}
