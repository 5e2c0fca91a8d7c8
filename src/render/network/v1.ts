/**
 * cloud-init network config version 1 (`{version: 1, config: [...]}`), for NoCloud seeds that ask
 * for it. Devices come first (physical, then bonds, then VLANs, so every reference points back),
 * then a `nameserver` entry for the global nameservers.
 *
 * The first default route of each family without a metric becomes the `gateway` of the subnet that
 * contains it: cloud-init's ENI renderer (Debian 11/12) writes that as ifupdown's own `gateway`
 * line, while routes become `post-up route add`, which needs net-tools in the guest. A subnet
 * `gateway` is read alike, IPv6 included, and without any deprecation, by cloud-init 20.4 to 25.x,
 * which is why v1 is the default NoCloud format (see network-config-version.ts).
 *
 * Bond parameters use the spellings of cloud-init's v1 schema, which 24.x/25.x validate the file
 * against (a failure is a WARNING at every boot): `bond-xmit_hash_policy` and `bond-lacp_rate`,
 * not `bond-xmit-hash-policy`. netplan maps `_` to `-` (20.4 on), ifupdown
 * turns both into the same IF_BOND_XMIT_HASH_POLICY variable, NetworkManager reads
 * `bond-xmit_hash_policy` from 24.3 and `bond-lacp_rate` from 24.4 (docs/network.md has what it drops).
 */
import { throwIfIssues } from '../../errors.js';
import { checkNetworkForV1 } from '../../model/network/capabilities.js';
import type { Bond, Ethernet, InterfaceBase, IpPrefix, NetworkModel, Route, Vlan } from '../../model/network/types.js';
import { prefixContains } from '../../model/network/ip.js';
import { compact, nonEmpty } from '../compact.js';

/** The routes that become a subnet `gateway`: per family, the first default route without a metric. */
function subnetGateways(iface: InterfaceBase): Set<Route> {
  const gateways = new Set<Route>();
  for (const family of [4, 6] as const) {
    const route = iface.routes.find((r) => r.family === family && r.isDefault && r.metric === null);
    if (route) gateways.add(route);
  }
  return gateways;
}

/**
 * Routes carry a netmask, not a prefix: cloud-init before 23.1 drops a `prefix: 0` as empty and
 * falls back to /24 (/64 for IPv6), so a default route with a metric would become 0.0.0.0/24.
 */
function renderRoute(route: Route): Record<string, unknown> {
  return compact({ network: route.to.network, netmask: route.to.netmask, gateway: route.via.address, metric: route.metric ?? undefined });
}

function renderStaticSubnet(iface: InterfaceBase, address: IpPrefix, first: boolean, gateways: Set<Route>): Record<string, unknown> {
  // Validation guarantees every route's gateway lies in one of the interface's subnets.
  const routes = iface.routes.filter((route) => address === iface.addresses.find((a) => prefixContains(a, route.via)));
  const gateway = routes.find((route) => gateways.has(route));
  return compact({
    type: address.family === 4 ? 'static' : 'static6',
    address: address.cidr,
    gateway: gateway?.via.address,
    // Per-interface nameservers go on the first static subnet, as cloud-init's own v2 -> v1 does;
    // repeating them on every subnet would duplicate them in the rendered config.
    dns_nameservers: first ? nonEmpty(iface.dns.nameservers.map((server) => server.address)) : undefined,
    dns_search: first ? nonEmpty(iface.dns.search) : undefined,
    routes: nonEmpty(routes.filter((route) => !gateways.has(route)).map(renderRoute)),
  });
}

function renderSubnets(iface: InterfaceBase): Record<string, unknown>[] | undefined {
  const gateways = subnetGateways(iface);
  return nonEmpty([
    ...(iface.dhcp4 ? [{ type: 'dhcp4' }] : []),
    ...(iface.dhcp6 ? [{ type: 'dhcp6' }] : []),
    ...iface.addresses.map((address, index) => renderStaticSubnet(iface, address, index === 0, gateways)),
  ]);
}

function renderPhysical(ethernet: Ethernet): Record<string, unknown> {
  return compact({
    type: 'physical',
    name: ethernet.name,
    mac_address: ethernet.mac ?? undefined,
    mtu: ethernet.mtu ?? undefined,
    subnets: renderSubnets(ethernet),
  });
}

function renderBond(bond: Bond): Record<string, unknown> {
  const parameters = bond.parameters;
  return compact({
    type: 'bond',
    name: bond.name,
    bond_interfaces: [...bond.members],
    mac_address: bond.mac ?? undefined,
    mtu: bond.mtu ?? undefined,
    params: compact({
      'bond-mode': parameters.mode,
      'bond-miimon': parameters.miimon ?? undefined,
      'bond-xmit_hash_policy': parameters.transmitHashPolicy ?? undefined,
      'bond-lacp_rate': parameters.lacpRate ?? undefined,
      'bond-primary': parameters.primary ?? undefined,
    }),
    subnets: renderSubnets(bond),
  });
}

function renderVlan(vlan: Vlan): Record<string, unknown> {
  return compact({
    type: 'vlan',
    name: vlan.name,
    vlan_link: vlan.link,
    vlan_id: vlan.id,
    mac_address: vlan.mac ?? undefined,
    mtu: vlan.mtu ?? undefined,
    subnets: renderSubnets(vlan),
  });
}

/** @throws SpecError when the network uses what v1 cannot express (see checkNetworkForV1). */
export function renderNetworkV1(network: NetworkModel): Record<string, unknown> {
  throwIfIssues(checkNetworkForV1(network));
  const dns = network.dns;
  const nameserver = dns.nameservers.length > 0
    ? [compact({ type: 'nameserver', address: dns.nameservers.map((server) => server.address), search: nonEmpty(dns.search) })]
    : [];
  return {
    version: 1,
    config: [...network.ethernets.map(renderPhysical), ...network.bonds.map(renderBond), ...network.vlans.map(renderVlan), ...nameserver],
  };
}
