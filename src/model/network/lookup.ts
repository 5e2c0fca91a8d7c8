/** Queries over a normalized network that several renderers share. */
import type { NetworkInterface, NetworkModel } from './types.js';

export function allInterfaces(network: NetworkModel): NetworkInterface[] {
  return [...network.ethernets, ...network.bonds, ...network.vlans];
}

export function findInterface(network: NetworkModel, name: string): NetworkInterface | undefined {
  return allInterfaces(network).find((iface) => iface.name === name);
}

/**
 * The MAC a device ends up with: a NIC's own, a bond's configured one or else its first member's
 * (the kernel gives a bond the MAC of the first NIC it enslaves), a VLAN's configured one or else its link's.
 */
export function deviceMac(network: NetworkModel, iface: NetworkInterface): string | null {
  if (iface.mac !== null || iface.kind === 'ethernet') return iface.mac;
  const parent = findInterface(network, iface.kind === 'bond' ? (iface.members[0] ?? '') : iface.link);
  return parent ? deviceMac(network, parent) : null;
}
