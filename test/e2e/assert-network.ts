/**
 * The network the spec describes (netplan v2 subset), checked against what the guest actually
 * configured: `ip -j addr` / `ip -j route` after cloud-init rendered and ifupdown applied it.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type {
  BondSpec,
  EthernetSpec,
  InterfaceCommonSpec,
  NetworkSpec,
  RouteSpec,
  VlanSpec,
} from '../../src/input/network.js';
import type { GuestFacts, LinkAddresses, RouteFact } from './facts.js';

// ipaddr.js is CommonJS; this project imports it the same way in src/model/network/ip.ts.
const ipaddr = createRequire(import.meta.url)('ipaddr.js') as typeof import('ipaddr.js');
type IpAddress = ReturnType<typeof ipaddr.parse>;

/** Every ethernet, bond and VLAN of the spec is up with its addresses, routes, MTU and nameservers. */
export function assertNetwork(facts: GuestFacts, network: NetworkSpec): void {
  for (const [name, ethernet] of Object.entries(network.ethernets ?? {})) {
    assertInterface(facts, findEthernet(facts, name, ethernet), ethernet, network);
  }
  for (const [name, bond] of Object.entries(network.bonds ?? {})) {
    assertInterface(facts, findLink(facts, name), bond, network);
    assertBond(facts, name, bond);
  }
  for (const [name, vlan] of Object.entries(network.vlans ?? {})) {
    assertInterface(facts, findLink(facts, name), vlan, network);
    assertVlan(facts, name, vlan);
  }
}

function assertBond(facts: GuestFacts, name: string, bond: BondSpec): void {
  const kernel = facts.network.bonds[name];
  assert.ok(kernel, `${name} is not a bond`);
  assert.deepEqual(kernel.slaves.split(' ').filter(Boolean).sort(), [...bond.interfaces].sort(), `${name}: members`);
  const parameters = bond.parameters ?? {};
  // The kernel prints the mode's name and number: "active-backup 1".
  if (parameters.mode !== undefined) assert.equal(kernel.mode.split(' ')[0], parameters.mode, `${name}: mode`);
  if (parameters.primary !== undefined) assert.equal(kernel.primary, parameters.primary, `${name}: primary`);
  if (parameters['mii-monitor-interval'] !== undefined) {
    assert.equal(Number(kernel.miimon), parameters['mii-monitor-interval'], `${name}: miimon`);
  }
}

function assertVlan(facts: GuestFacts, name: string, vlan: VlanSpec): void {
  assert.deepEqual(facts.network.vlans[name], { id: vlan.id, link: vlan.link }, `${name}: VLAN id and link`);
}

/** An ethernet matched by MAC must also carry the name the spec gives it. */
function findEthernet(facts: GuestFacts, name: string, ethernet: EthernetSpec): LinkAddresses {
  const expectedName = ethernet['set-name'] ?? name;
  const mac = ethernet.match?.macaddress ?? ethernet.macaddress;
  if (mac === undefined) return findLink(facts, expectedName);
  const link = facts.network.addresses.find(
    (candidate) => (candidate.permaddr ?? candidate.address)?.toLowerCase() === mac.toLowerCase(),
  );
  assert.ok(link, `no NIC with MAC ${mac}`);
  assert.equal(link.ifname, expectedName, `name of the NIC with MAC ${mac}`);
  return link;
}

function findLink(facts: GuestFacts, name: string): LinkAddresses {
  const link = facts.network.addresses.find((candidate) => candidate.ifname === name);
  const names = facts.network.addresses.map((candidate) => candidate.ifname).join(', ');
  assert.ok(link, `no interface ${name} in the guest (has ${names})`);
  return link;
}

function assertInterface(facts: GuestFacts, link: LinkAddresses, config: InterfaceCommonSpec, network: NetworkSpec): void {
  const present = new Set(link.addr_info.map((info) => `${canonicalIp(info.local)}/${info.prefixlen}`));
  for (const address of config.addresses ?? []) {
    assert.ok(present.has(canonicalCidr(address)), `${link.ifname}: lacks ${address} (has ${[...present].join(' ')})`);
  }
  if (config.dhcp4) {
    assert.ok(link.addr_info.some((info) => info.family === 'inet'), `${link.ifname}: no DHCPv4 address`);
  }
  if (config.mtu !== undefined) assert.equal(link.mtu, config.mtu, `${link.ifname}: MTU`);
  for (const route of routesOf(config)) assertRoute(facts, link.ifname, route);
  const nameservers = config.nameservers ?? (config.addresses?.length ? network.nameservers : undefined);
  for (const server of nameservers?.addresses ?? []) assertNameserver(facts, server);
}

function routesOf(config: InterfaceCommonSpec): RouteSpec[] {
  const gateways = [config.gateway4, config.gateway6].filter((via): via is string => via !== undefined);
  return [...(config.routes ?? []), ...gateways.map((via) => ({ to: 'default', via }))];
}

function assertRoute(facts: GuestFacts, ifname: string, route: RouteSpec): void {
  const v6 = ipaddr.parse(route.via).kind() === 'ipv6';
  const table = v6 ? facts.network.routes6 : facts.network.routes4;
  const destination = routeDestination(route.to, v6);
  const found = table.find(
    (entry: RouteFact) => entry.dst === destination && entry.gateway !== undefined && canonicalIp(entry.gateway) === canonicalIp(route.via),
  );
  assert.ok(found, `${ifname}: no route to ${route.to} via ${route.via} in ${JSON.stringify(table)}`);
  if (route.metric !== undefined) assert.equal(found.metric, route.metric, `${ifname}: metric of the route to ${route.to}`);
}

/** `ip -j route` prints a default route as `default` and a host route without its prefix length. */
function routeDestination(to: string, v6: boolean): string {
  if (to === 'default' || to === '0.0.0.0/0' || to === '::/0') return 'default';
  const [address, prefix] = ipaddr.parseCIDR(to);
  const full = v6 ? 128 : 32;
  return prefix === full ? formatIp(address) : `${formatIp(address)}/${prefix}`;
}

/**
 * The guest has no resolvconf, so ifupdown leaves resolv.conf alone: a nameserver counts as
 * applied when it is in resolv.conf or in the configuration cloud-init rendered.
 */
function assertNameserver(facts: GuestFacts, server: string): void {
  const texts = [facts.network.resolv_conf ?? '', ...Object.values(facts.network.files).map((text) => text ?? '')];
  assert.ok(texts.some((text) => text.includes(server)), `nameserver ${server} neither in resolv.conf nor in the rendered network files`);
}

/** RFC 5952 text for IPv6 (what `ip` prints), dotted quad for IPv4. */
function canonicalIp(address: string): string {
  return formatIp(ipaddr.parse(address));
}

function canonicalCidr(cidr: string): string {
  const [address, prefix] = ipaddr.parseCIDR(cidr);
  return `${formatIp(address)}/${prefix}`;
}

function formatIp(address: IpAddress): string {
  return address instanceof ipaddr.IPv6 ? address.toRFC5952String() : address.toString();
}
