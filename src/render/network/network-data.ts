/**
 * OpenStack `network_data.json` (config drive), in the shape Nova writes and what cloud-init's
 * `convert_net_json` (sources/helpers/openstack.py) reads, 20.4 to 25.x:
 * - links carry `name` (cloud-init names the device by it when present) and are found by MAC;
 * - the default gateway is a route to 0.0.0.0/0 (::/0), never a network-level `gateway`, which
 *   cloudbase-init ignores;
 * - an interface's nameservers are `services` of its first static network (read by cloud-init
 *   >= 24.3, and by cloudbase-init) and also `dns_nameservers` / `dns_search`, subnet keys that
 *   cloud-init copies through in every version (older ones ignore per-network services, and
 *   network_data.json has no other place for search domains);
 * - the global nameservers are top-level `services`; cloud-init turns each into a v1 `nameserver`
 *   entry with its keys, which is how the global search domains reach it.
 */
import { throwIfIssues } from '../../errors.js';
import { checkNetworkForConfigDrive } from '../../model/network/capabilities.js';
import { prefixContains } from '../../model/network/ip.js';
import { deviceMac } from '../../model/network/lookup.js';
import type { Dns, InterfaceBase, NetworkInterface, NetworkModel, Route } from '../../model/network/types.js';
import { compact, nonEmpty } from '../compact.js';

function renderLink(network: NetworkModel, iface: NetworkInterface): Record<string, unknown> {
  const mtu = iface.mtu ?? undefined;
  switch (iface.kind) {
    case 'ethernet':
      return compact({ id: iface.name, name: iface.name, type: 'phy', ethernet_mac_address: iface.mac ?? undefined, mtu });
    case 'bond':
      // No ethernet_mac_address: cloud-init before 24.2 copies it onto every member (GH-5368), so
      // all members would be matched by the first one's MAC. The kernel gives the bond that MAC anyway.
      return compact({
        id: iface.name,
        name: iface.name,
        type: 'bond',
        mtu,
        bond_links: [...iface.members],
        bond_mode: iface.parameters.mode,
        bond_miimon: iface.parameters.miimon ?? undefined,
        bond_xmit_hash_policy: iface.parameters.transmitHashPolicy ?? undefined,
        bond_lacp_rate: iface.parameters.lacpRate ?? undefined,
        bond_primary: iface.parameters.primary ?? undefined,
      });
    case 'vlan':
      // No `name`: cloud-init always names a VLAN `<link>.<vlan_id>` (the check ensures they agree).
      return compact({ id: iface.name, type: 'vlan', vlan_link: iface.link, vlan_id: iface.id, vlan_mac_address: deviceMac(network, iface) ?? undefined, mtu });
  }
}

function dnsServices(dns: Dns): Record<string, unknown>[] {
  return dns.nameservers.map((server) => ({ type: 'dns', address: server.address }));
}

function renderRoute(route: Route): Record<string, unknown> {
  return compact({ network: route.to.network, netmask: route.to.netmask, gateway: route.via.address, metric: route.metric ?? undefined });
}

function renderNetworks(iface: InterfaceBase): Record<string, unknown>[] {
  const dynamic = [...(iface.dhcp4 ? ['ipv4_dhcp'] : []), ...(iface.dhcp6 ? ['ipv6_dhcp'] : [])].map((type) => ({ type, link: iface.name }));
  const statics = iface.addresses.map((address, index) => {
    // Validation guarantees every route's gateway lies in one of the interface's subnets.
    const routes = iface.routes.filter((route) => address === iface.addresses.find((a) => prefixContains(a, route.via)));
    const first = index === 0;
    return compact({
      type: address.family === 4 ? 'ipv4' : 'ipv6',
      link: iface.name,
      ip_address: address.address,
      netmask: address.netmask,
      routes: routes.map(renderRoute),
      services: first ? dnsServices(iface.dns) : [],
      dns_nameservers: first ? nonEmpty(iface.dns.nameservers.map((server) => server.address)) : undefined,
      dns_search: first ? nonEmpty(iface.dns.search) : undefined,
    });
  });
  return [...dynamic, ...statics];
}

function globalServices(dns: Dns): Record<string, unknown>[] {
  return dnsServices(dns).map((service, index) => (index === 0 && dns.search.length > 0 ? { ...service, search: [...dns.search] } : service));
}

/** @throws SpecError when the network uses what network_data.json cannot express (see checkNetworkForConfigDrive). */
export function renderNetworkData(network: NetworkModel): Record<string, unknown> {
  throwIfIssues(checkNetworkForConfigDrive(network));
  const interfaces: NetworkInterface[] = [...network.ethernets, ...network.bonds, ...network.vlans];
  const networks = interfaces.flatMap(renderNetworks).map((entry, index) => ({ id: `network${index}`, ...entry }));
  return {
    links: interfaces.map((iface) => renderLink(network, iface)),
    networks,
    services: globalServices(network.dns),
  };
}
