/**
 * What each rendering cannot express, judged by how cloud-init reads it (20.4 to 25.x). A renderer
 * refuses such a network (SpecError naming the field) instead of silently dropping a setting; the
 * same checks run at validation time so every issue is reported before anything is built.
 */
import type { Issue } from '../../errors.js';
import { IPV6_DEFAULT_ROUTE_FIXED, isAtLeast, type CloudInitVersion } from './cloud-init-versions.js';
import { allInterfaces } from './lookup.js';
import type { NetworkInterface, NetworkModel } from './types.js';

/**
 * cloud-init keeps no on-link flag when it reads v1, network_data.json or ENI (their routes carry
 * network, gateway and metric only); only netplan v2 handed to netplan keeps it.
 */
function onLinkIssues(interfaces: readonly NetworkInterface[], rendering: string): Issue[] {
  return interfaces.flatMap((iface) =>
    iface.routes
      .filter((route) => route.onLink)
      .map((route) => ({
        path: route.path,
        message: `${rendering} cannot express on-link routes (cloud-init drops the flag); use the nocloud datasource with network config version 2`,
      })),
  );
}

/**
 * Netplan v2 carries the whole model; the one gap is cloud-init's own v2 parser before 23.1, which
 * turns a `::/0` route into `::/64`. The v2 renderer writes `gateway6` for those versions instead,
 * which carries neither a metric nor on-link.
 */
export function checkNetworkForV2(network: NetworkModel, cloudInitVersion: CloudInitVersion): Issue[] {
  if (isAtLeast(cloudInitVersion, IPV6_DEFAULT_ROUTE_FIXED)) return [];
  return allInterfaces(network).flatMap((iface) =>
    iface.routes
      .filter((route) => route.family === 6 && route.isDefault && (route.metric !== null || route.onLink))
      .map((route) => ({
        path: route.path,
        message: `cloud-init before ${IPV6_DEFAULT_ROUTE_FIXED.join('.')} turns a v2 IPv6 default route into a ::/64 route on guests without netplan (Debian 11, 12), and gateway6 carries no metric or on-link; drop them, use network config version 1, or set cloud_init_version to ${IPV6_DEFAULT_ROUTE_FIXED.join('.')} or later`,
      })),
  );
}

export function checkNetworkForV1(network: NetworkModel): Issue[] {
  return onLinkIssues(allInterfaces(network), 'cloud-init v1 network config');
}

/** How a spec gives a NIC its MAC; the --net flag says it its own way (explainNetFlagIssues). */
export const SPEC_MAC_HINT = 'add match: {macaddress: ...} (or macaddress: ...)';
const CONFIG_DRIVE_REMEDY = 'use the nocloud datasource (netplan v2 network-config)';

/**
 * Everything a config drive's network_data.json cannot carry: cloud-init (and cloudbase-init) find
 * each physical link by ethernet_mac_address (a VLAN's mandatory vlan_mac_address comes from it too);
 * cloud-init < 26.1 names bonds bond0, bond1... in link order whatever their name, and every version
 * names a VLAN `<link>.<id>`.
 */
export function checkNetworkForConfigDrive(network: NetworkModel): Issue[] {
  const issues: Issue[] = [];
  for (const ethernet of network.ethernets.filter((e) => e.mac === null)) {
    issues.push({
      path: ethernet.path,
      message: `a config drive's network_data.json identifies each NIC by its MAC (ethernet_mac_address), and cloud-init cannot match ${ethernet.name} without one; ${SPEC_MAC_HINT} with the NIC's MAC`,
    });
  }
  network.bonds.forEach((bond, index) => {
    if (bond.mac !== null) {
      issues.push({ path: `${bond.path}.macaddress`, message: `cloud-init before 24.2 copies a bond's MAC in network_data.json onto every member (so all of them match one NIC); leave the bond its first member's MAC, or ${CONFIG_DRIVE_REMEDY}` });
    }
    if (bond.name !== `bond${index}`) {
      issues.push({ path: bond.path, message: `cloud-init before 26.1 names the bonds of network_data.json bond0, bond1... in order, so this one would become bond${index}; name it bond${index}, or ${CONFIG_DRIVE_REMEDY}` });
    }
  });
  for (const vlan of network.vlans) {
    const expected = `${vlan.link}.${vlan.id}`;
    if (vlan.name !== expected) {
      issues.push({ path: vlan.path, message: `cloud-init names the VLANs of network_data.json <link>.<id>, so this one would become ${expected}; name it ${expected}, or ${CONFIG_DRIVE_REMEDY}` });
    }
  }
  return [...issues, ...onLinkIssues(allInterfaces(network), 'network_data.json')];
}

const ENI_REMEDY = 'use --datasource configdrive';

/**
 * cloud-init's ENI reader (eni.py convert_eni_data) keeps, per stanza, only the method, address,
 * netmask, gateway, broadcast, dns-* and hwaddress: it ignores the address family (so `inet6 dhcp`
 * would become DHCPv4), mtu, metric, up/post-up commands (extra routes), and bond/vlan options.
 */
export function checkNetworkForEni(network: NetworkModel): Issue[] {
  const issues: Issue[] = [];
  const refuse = (path: string, what: string) => issues.push({ path, message: `the ENI text (oVirt network-interfaces) cannot express ${what}; ${ENI_REMEDY}` });
  for (const bond of network.bonds) refuse(bond.path, 'bonds as cloud-init reads it');
  for (const vlan of network.vlans) refuse(vlan.path, 'VLANs as cloud-init reads it');
  for (const ethernet of network.ethernets) {
    if (ethernet.dhcp6) refuse(`${ethernet.path}.dhcp6`, 'DHCPv6 (cloud-init reads `inet6 dhcp` as DHCPv4)');
    if (ethernet.mtu !== null) refuse(`${ethernet.path}.mtu`, 'an MTU (cloud-init ignores mtu there)');
    // Default routes without a metric are one per family (normalize refuses duplicates): each is a `gateway` line.
    for (const route of ethernet.routes.filter((r) => !r.onLink)) {
      if (!route.isDefault) refuse(route.path, 'routes other than the default gateway (cloud-init ignores up/post-up route commands)');
      else if (route.metric !== null) refuse(route.path, 'route metrics (cloud-init ignores metric there)');
    }
  }
  // Bonds and VLANs are refused whole above.
  return [...issues, ...onLinkIssues(network.ethernets, 'the ENI text')];
}
