/**
 * The layer-3 settings every interface kind shares (DHCP, addresses, routes, nameservers, MTU),
 * normalized and checked. Issues are collected, never thrown, so the user sees all of them at once.
 */
import type { Issue } from '../../errors.js';
import type { InterfaceCommonSpec, NameserversSpec, RouteSpec } from '../../input/network.js';
import { checkSearchDomain } from '../../model/network/identifiers.js';
import { defaultDestination, familyName, isReservedIpv4Host, parseIpAddress, parseIpPrefix, prefixContains } from '../../model/network/ip.js';
import type { Dns, IpAddress, IpFamily, IpPrefix, Route } from '../../model/network/types.js';

export interface L3Config {
  readonly dhcp4: boolean;
  readonly dhcp6: boolean;
  readonly addresses: readonly IpPrefix[];
  readonly routes: readonly Route[];
  readonly dns: Dns;
  readonly mtu: number | null;
}

/** RFC 791 minimum IPv4 MTU; 9000 is the usual jumbo-frame ceiling of virtual NICs. */
const MTU_RANGE = { min: 68, max: 9000 };
/** RFC 8200 5: IPv6 needs links of at least 1280 bytes. */
const IPV6_MIN_MTU = 1280;

function normalizeAddresses(spec: readonly string[], path: string, issues: Issue[]): { addresses: IpPrefix[]; complete: boolean } {
  const addresses: IpPrefix[] = [];
  let complete = true;
  spec.forEach((text, index) => {
    const at = `${path}.addresses[${index}]`;
    const parsed = parseIpPrefix(text);
    if (!parsed.ok) {
      complete = false;
      issues.push({ path: at, message: parsed.message });
    } else if (isReservedIpv4Host(parsed.value)) {
      issues.push({ path: at, message: `${text} is the network or broadcast address of its subnet, not a host address` });
    } else if (addresses.some((known) => known.address === parsed.value.address)) {
      issues.push({ path: at, message: `${parsed.value.address} is listed twice` });
    } else {
      addresses.push(parsed.value);
    }
  });
  return { addresses, complete };
}

interface RouteInput {
  readonly path: string;
  readonly spec: RouteSpec;
  /** gateway4 / gateway6 only accept their own family. */
  readonly family?: IpFamily;
}

function routeInputs(spec: InterfaceCommonSpec, path: string): RouteInput[] {
  const inputs: RouteInput[] = [];
  if (spec.gateway4 !== undefined) inputs.push({ path: `${path}.gateway4`, spec: { to: 'default', via: spec.gateway4 }, family: 4 });
  if (spec.gateway6 !== undefined) inputs.push({ path: `${path}.gateway6`, spec: { to: 'default', via: spec.gateway6 }, family: 6 });
  (spec.routes ?? []).forEach((route, index) => {
    inputs.push({ path: `${path}.routes[${index}]`, spec: route });
  });
  return inputs;
}

function parseDestination(to: string, family: IpFamily): { prefix: IpPrefix } | { message: string } {
  if (to === 'default') return { prefix: defaultDestination(family) };
  const parsed = parseIpPrefix(to);
  if (!parsed.ok) return { message: `to: ${parsed.message}` };
  if (parsed.value.address !== parsed.value.network) {
    return { message: `to: ${to} has host bits set; the network is ${parsed.value.network}/${parsed.value.prefixLength}` };
  }
  return { prefix: parsed.value };
}

function normalizeRoute(input: RouteInput, name: string, addresses: readonly IpPrefix[], checkGateway: boolean): Route | string {
  const via = parseIpAddress(input.spec.via);
  if (!via.ok) return `via: ${via.message}`;
  const family = via.value.family;
  if (input.family !== undefined && input.family !== family) return `${input.spec.via} is not an ${familyName(input.family)} address`;
  const destination = parseDestination(input.spec.to, family);
  if ('message' in destination) return destination.message;
  if (destination.prefix.family !== family) {
    return `to (${input.spec.to}) and via (${input.spec.via}) are of different address families`;
  }
  const onLink = input.spec['on-link'] ?? false;
  const own = addresses.filter((prefix) => prefix.family === family);
  if (checkGateway && !onLink && !own.some((prefix) => prefixContains(prefix, via.value))) {
    const subnets = own.length > 0 ? `its ${familyName(family)} subnets: ${own.map((p) => `${p.network}/${p.prefixLength}`).join(', ')}` : `it has no static ${familyName(family)} address`;
    return `gateway ${via.value.address} is not inside any subnet of ${name} (${subnets}); add an address in that subnet, or set on-link: true if the gateway is reachable on the link anyway`;
  }
  return {
    path: input.path,
    family,
    to: destination.prefix,
    isDefault: destination.prefix.prefixLength === 0,
    via: via.value,
    metric: input.spec.metric ?? null,
    onLink,
  };
}

function normalizeRoutes(spec: InterfaceCommonSpec, path: string, name: string, addresses: readonly IpPrefix[], checkGateway: boolean, issues: Issue[]): Route[] {
  const routes: Route[] = [];
  for (const input of routeInputs(spec, path)) {
    const route = normalizeRoute(input, name, addresses, checkGateway);
    if (typeof route === 'string') {
      issues.push({ path: input.path, message: route });
      continue;
    }
    const twin = routes.find((known) => known.to.cidr === route.to.cidr && known.metric === route.metric);
    if (twin) {
      issues.push({ path: input.path, message: `a route to ${route.to.cidr} with the same metric is already set by ${twin.path}; give one of them a different metric` });
      continue;
    }
    routes.push(route);
  }
  return routes;
}

/** Parses a nameservers section (per interface or global). */
export function normalizeDns(spec: NameserversSpec | undefined, path: string, issues: Issue[]): Dns {
  const nameservers: IpAddress[] = [];
  (spec?.addresses ?? []).forEach((text, index) => {
    const parsed = parseIpAddress(text);
    if (parsed.ok) nameservers.push(parsed.value);
    else issues.push({ path: `${path}.addresses[${index}]`, message: parsed.message });
  });
  const search = spec?.search ?? [];
  search.forEach((domain, index) => {
    const message = checkSearchDomain(domain);
    if (message) issues.push({ path: `${path}.search[${index}]`, message });
  });
  return { nameservers, search };
}

export function hasDns(dns: Dns): boolean {
  return dns.nameservers.length > 0 || dns.search.length > 0;
}

function checkMtu(mtu: number, usesIpv6: boolean, path: string, issues: Issue[]): void {
  if (mtu < MTU_RANGE.min || mtu > MTU_RANGE.max) {
    issues.push({ path, message: `MTU ${mtu} is outside ${MTU_RANGE.min}..${MTU_RANGE.max}` });
  } else if (usesIpv6 && mtu < IPV6_MIN_MTU) {
    issues.push({ path, message: `MTU ${mtu} is below ${IPV6_MIN_MTU}, the minimum for an interface with IPv6` });
  }
}

/**
 * DHCP together with static addresses of the same family is refused. Netplan can express it, but
 * cloud-init turns it into a DHCP subnet plus a static one whose precedence differs per backend
 * (ifupdown aliases, sysconfig, network_data.json's accept-ra toggling for IPv6), so the four
 * renderings would not mean the same thing on the guest.
 */
function checkDhcpWithStatic(spec: InterfaceCommonSpec, addresses: readonly IpPrefix[], path: string, issues: Issue[]): void {
  for (const [key, family] of [['dhcp4', 4], ['dhcp6', 6]] as const) {
    if (spec[key] === true && addresses.some((address) => address.family === family)) {
      issues.push({ path: `${path}.${key}`, message: `${key} together with static ${familyName(family)} addresses is contradictory (cloud-init's non-netplan renderings disagree on it); use one or the other` });
    }
  }
}

export function normalizeL3(spec: InterfaceCommonSpec, path: string, name: string, issues: Issue[]): L3Config {
  const { addresses, complete } = normalizeAddresses(spec.addresses ?? [], path, issues);
  checkDhcpWithStatic(spec, addresses, path, issues);
  // With an unparsable address the subnet check would only add noise.
  const routes = normalizeRoutes(spec, path, name, addresses, complete, issues);
  const dns = normalizeDns(spec.nameservers, `${path}.nameservers`, issues);
  if (hasDns(dns) && addresses.length === 0 && complete) {
    issues.push({ path: `${path}.nameservers`, message: `nameservers need a static address on ${name}: cloud-init drops them on DHCP-only interfaces when it converts v1 or network_data.json (DHCP supplies DNS there)` });
  }
  const dhcp6 = spec.dhcp6 ?? false;
  if (spec.mtu !== undefined) {
    checkMtu(spec.mtu, dhcp6 || addresses.some((address) => address.family === 6), `${path}.mtu`, issues);
  }
  return { dhcp4: spec.dhcp4 ?? false, dhcp6, addresses, routes, dns, mtu: spec.mtu ?? null };
}
