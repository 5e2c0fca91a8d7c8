/**
 * Spec `network` section -> NetworkModel, with every semantic problem collected as an Issue.
 * The schema has already checked the shape; this checks the meaning: addresses, gateways, names,
 * references between interfaces, and what must hold for all four renderings to agree.
 */
import type { Issue } from '../../errors.js';
import type { BondSpec, EthernetSpec, NetworkSpec, VlanSpec } from '../../input/network.js';
import { joinPath } from '../../common/issue-path.js';
import { checkInterfaceName } from '../../model/network/identifiers.js';
import {
  normalizeBondParameters,
  normalizeEthernetLink,
  normalizeVirtualMac,
  resolveBondMembers,
  resolveVlanLink,
  type IdEntry,
} from './normalize-links.js';
import { hasDns, normalizeDns, normalizeL3, type L3Config } from './normalize-l3.js';
import type { Bond, Dns, Ethernet, NetworkInterface, NetworkModel, Vlan } from '../../model/network/types.js';

// Callers validating a spec import the config-drive check together with normalizeNetwork.
export { checkNetworkForConfigDrive } from '../../model/network/capabilities.js';

interface Entry<S> {
  readonly key: string;
  readonly spec: S;
  readonly path: string;
}

function entriesOf<S>(section: Record<string, S> | undefined, path: string): Entry<S>[] {
  return Object.entries(section ?? {}).map(([key, spec]) => ({ key, spec, path: joinPath(path, key) }));
}

/** Registers ids (netplan requires them unique across kinds) and the guest names they resolve to. */
function registerIds(entries: readonly (Entry<unknown> & IdEntry)[], issues: Issue[]): Map<string, IdEntry> {
  const ids = new Map<string, IdEntry>();
  const names = new Map<string, string>();
  for (const entry of entries) {
    const sameId = ids.get(entry.key);
    const sameName = names.get(entry.name);
    if (sameId) {
      issues.push({ path: entry.path, message: `the id "${entry.key}" is also used by ${sameId.path}; ids must be unique across ethernets, bonds and vlans` });
      continue;
    }
    const nameProblem = checkInterfaceName(entry.name);
    if (nameProblem) issues.push({ path: entry.path, message: nameProblem });
    if (sameName !== undefined) {
      issues.push({ path: entry.path, message: `the interface name "${entry.name}" is also used by ${sameName}` });
    }
    ids.set(entry.key, { kind: entry.kind, name: entry.name, path: entry.path });
    names.set(entry.name, entry.path);
  }
  return ids;
}

/**
 * cloud-init's own rule when it renders global nameservers (netplan.py: interfaces with addresses and
 * no DNS of their own get them); following it keeps v2 and ENI in step with v1 and network_data.json.
 */
function receivesGlobalDns(l3: L3Config): boolean {
  return l3.addresses.length > 0 && !hasDns(l3.dns);
}

function checkGlobalDns(global: Dns, interfaces: readonly NetworkInterface[], path: string, issues: Issue[]): void {
  if (!hasDns(global)) return;
  if (global.nameservers.length === 0) {
    issues.push({ path: `${path}.nameservers`, message: 'search domains need at least one nameserver address here: cloud-init ignores a global nameserver entry without one' });
  } else if (!interfaces.some(receivesGlobalDns)) {
    issues.push({ path: `${path}.nameservers`, message: 'no interface would use these nameservers: they apply to statically addressed interfaces without nameservers of their own, and there is none' });
  }
}

function checkUniqueMacs(ethernets: readonly Ethernet[], issues: Issue[]): void {
  const owners = new Map<string, string>();
  for (const ethernet of ethernets) {
    if (ethernet.mac === null) continue;
    const owner = owners.get(ethernet.mac);
    if (owner) issues.push({ path: ethernet.path, message: `MAC ${ethernet.mac} is also used by ${owner}` });
    else owners.set(ethernet.mac, ethernet.path);
  }
}

function checkUniqueAddresses(interfaces: readonly NetworkInterface[], issues: Issue[]): void {
  const owners = new Map<string, string>();
  for (const iface of interfaces) {
    iface.addresses.forEach((address, index) => {
      const owner = owners.get(address.address);
      if (owner) issues.push({ path: `${iface.path}.addresses[${index}]`, message: `${address.address} is also assigned to ${owner}` });
      else owners.set(address.address, iface.name);
    });
  }
}

/** Two default routes of one family and metric make the kernel refuse the second ("File exists"). */
function checkDefaultRoutes(interfaces: readonly NetworkInterface[], issues: Issue[]): void {
  const seen = new Map<string, string>();
  for (const iface of interfaces) {
    for (const route of iface.routes.filter((r) => r.isDefault)) {
      const key = `${route.family}/${route.metric ?? 'none'}`;
      const other = seen.get(key);
      // Duplicates within one interface were already refused by normalizeL3.
      if (other) {
        issues.push({ path: route.path, message: `${other} is already a default route with the same metric; give one of them a metric` });
      } else {
        seen.set(key, route.path);
      }
    }
  }
}

function checkUniqueVlans(vlans: readonly Vlan[], issues: Issue[]): void {
  const owners = new Map<string, string>();
  for (const vlan of vlans) {
    const key = `${vlan.link}/${vlan.id}`;
    const owner = owners.get(key);
    if (owner) issues.push({ path: `${vlan.path}.id`, message: `VLAN ${vlan.id} on ${vlan.link} is already defined by ${owner}` });
    else owners.set(key, vlan.path);
  }
}

function checkBondMembersUnconfigured(bonds: readonly Bond[], ethernets: readonly Ethernet[], issues: Issue[]): void {
  for (const bond of bonds) {
    for (const member of ethernets.filter((ethernet) => bond.members.includes(ethernet.name))) {
      if (member.dhcp4 || member.dhcp6 || member.addresses.length > 0 || member.routes.length > 0 || hasDns(member.dns)) {
        issues.push({ path: member.path, message: `is a member of ${bond.name} and cannot have addresses, DHCP, routes or nameservers of its own; put them on the bond` });
      }
    }
  }
}

/** The kernel refuses a VLAN MTU above its link's (1500 when not set). */
const DEFAULT_MTU = 1500;

function checkVlanMtu(vlans: readonly Vlan[], links: readonly NetworkInterface[], issues: Issue[]): void {
  for (const vlan of vlans) {
    const link = links.find((candidate) => candidate.name === vlan.link);
    const linkMtu = link?.mtu ?? DEFAULT_MTU;
    if (link && vlan.mtu !== null && vlan.mtu > linkMtu) {
      issues.push({ path: `${vlan.path}.mtu`, message: `MTU ${vlan.mtu} exceeds the MTU of its link ${link.name} (${linkMtu}); raise ${link.path}.mtu` });
    }
  }
}

export type NormalizedNetwork = { readonly network: NetworkModel; readonly issues: readonly Issue[] };

/** The network as the renderers read it, with every problem found on the way (the parse stage runs it once per spec). */
export function normalizeNetwork(raw: NetworkSpec, path = 'network'): NormalizedNetwork {
  const issues: Issue[] = [];
  const ethernetEntries = entriesOf<EthernetSpec>(raw.ethernets, `${path}.ethernets`).map((entry) => ({
    ...entry,
    kind: 'ethernet' as const,
    link: normalizeEthernetLink(entry.key, entry.spec, entry.path, issues),
  }));
  const bondEntries = entriesOf<BondSpec>(raw.bonds, `${path}.bonds`);
  const vlanEntries = entriesOf<VlanSpec>(raw.vlans, `${path}.vlans`);
  const ids = registerIds(
    [
      ...ethernetEntries.map((entry) => ({ ...entry, name: entry.link.name })),
      ...bondEntries.map((entry) => ({ ...entry, kind: 'bond' as const, name: entry.key })),
      ...vlanEntries.map((entry) => ({ ...entry, kind: 'vlan' as const, name: entry.key })),
    ],
    issues,
  );

  const globalDns = normalizeDns(raw.nameservers, `${path}.nameservers`, issues);
  const layer3 = (name: string, spec: EthernetSpec | BondSpec | VlanSpec, at: string) => {
    const l3 = normalizeL3(spec, at, name, issues);
    return { ...l3, effectiveDns: receivesGlobalDns(l3) ? globalDns : l3.dns };
  };

  const ethernets: Ethernet[] = ethernetEntries.map(({ spec, path: at, link }) => ({
    kind: 'ethernet',
    path: at,
    name: link.name,
    mac: link.mac,
    ...layer3(link.name, spec, at),
  }));
  const memberOf = new Map<string, string>();
  const bonds: Bond[] = bondEntries.map(({ key, spec, path: at }) => ({
    kind: 'bond',
    path: at,
    name: key,
    members: resolveBondMembers(key, spec, at, ids, memberOf, issues),
    mac: normalizeVirtualMac(spec, at, issues),
    parameters: normalizeBondParameters(spec, at, ids, issues),
    ...layer3(key, spec, at),
  }));
  const vlans: Vlan[] = vlanEntries.map(({ key, spec, path: at }) => ({
    kind: 'vlan',
    path: at,
    name: key,
    id: spec.id,
    link: resolveVlanLink(spec, at, ids, memberOf, issues) ?? spec.link,
    mac: normalizeVirtualMac(spec, at, issues),
    ...layer3(key, spec, at),
  }));

  const all: NetworkInterface[] = [...ethernets, ...bonds, ...vlans];
  checkUniqueMacs(ethernets, issues);
  checkUniqueAddresses(all, issues);
  checkDefaultRoutes(all, issues);
  checkBondMembersUnconfigured(bonds, ethernets, issues);
  checkUniqueVlans(vlans, issues);
  checkVlanMtu(vlans, [...ethernets, ...bonds], issues);
  checkGlobalDns(globalDns, all, path, issues);
  return { network: { path, ethernets, bonds, vlans, dns: globalDns }, issues };
}
