/**
 * The link layer of each interface kind: how an ethernet is found and named, what a bond bundles
 * and with which parameters, what a VLAN rides on. References between interfaces are resolved
 * through the netplan ids (the spec keys) to the names the guest will use.
 */
import type { Issue } from '../../errors.js';
import type { BondMode, BondSpec, EthernetSpec, VlanSpec } from '../../input/network.js';
import { checkMac } from '../../model/network/identifiers.js';
import type { BondParameters } from '../../model/network/types.js';

export interface EthernetLink {
  readonly name: string;
  readonly mac: string | null;
}

/** What an id (spec key) stands for, for resolving references. */
export interface IdEntry {
  readonly kind: 'ethernet' | 'bond' | 'vlan';
  readonly name: string;
  readonly path: string;
}

function normalizeMac(text: string, path: string, issues: Issue[]): string | null {
  const message = checkMac(text);
  if (message) issues.push({ path, message });
  return message ? null : text.toLowerCase();
}

/**
 * An ethernet is found by its MAC (match.macaddress, or macaddress: for a VM the hypervisor sets the
 * MAC, so both name the same thing) and named by set-name, else by match.name, else by its key.
 * Renaming a NIC found only by name is netplan-only (v1, network_data.json and ENI find NICs by MAC).
 */
export function normalizeEthernetLink(key: string, spec: EthernetSpec, path: string, issues: Issue[]): EthernetLink {
  const matchMac = spec.match?.macaddress;
  const ownMac = spec.macaddress;
  let mac: string | null = null;
  if (matchMac !== undefined) mac = normalizeMac(matchMac, `${path}.match.macaddress`, issues);
  if (ownMac !== undefined) {
    const checked = normalizeMac(ownMac, `${path}.macaddress`, issues);
    if (mac !== null && checked !== null && checked !== mac) {
      issues.push({ path: `${path}.macaddress`, message: `differs from match.macaddress (${mac}); cloudseed cannot change a NIC's MAC (only netplan can express it), give the NIC's own MAC in one of the two` });
    }
    mac ??= checked;
  }
  const setName = spec['set-name'];
  const matchName = spec.match?.name;
  if (setName !== undefined && mac === null && matchMac === undefined && ownMac === undefined) {
    const why = matchName === undefined ? 'set-name needs a match' : 'only netplan can rename a NIC matched by name';
    issues.push({ path: `${path}.set-name`, message: `${why}; match the NIC by MAC: match: {macaddress: ...}` });
  }
  return { name: setName ?? matchName ?? key, mac };
}

const MODES_WITH_HASH_POLICY: readonly BondMode[] = ['balance-xor', '802.3ad', 'balance-tlb'];
const MODES_WITH_PRIMARY: readonly BondMode[] = ['active-backup', 'balance-tlb', 'balance-alb'];
/** The kernel's bonding default (Documentation/networking/bonding.rst). */
const DEFAULT_BOND_MODE: BondMode = 'balance-rr';

/** Resolves the member ids of a bond to names; `memberOf` records membership across bonds. */
export function resolveBondMembers(
  bondKey: string,
  spec: BondSpec,
  path: string,
  ids: ReadonlyMap<string, IdEntry>,
  memberOf: Map<string, string>,
  issues: Issue[],
): string[] {
  const members: string[] = [];
  spec.interfaces.forEach((id, index) => {
    const at = `${path}.interfaces[${index}]`;
    const target = ids.get(id);
    if (target === undefined) {
      issues.push({ path: at, message: `unknown interface "${id}"; bond members must be defined under network.ethernets` });
    } else if (target.kind !== 'ethernet') {
      issues.push({ path: at, message: `"${id}" is a ${target.kind}; bond members must be ethernets` });
    } else if (memberOf.has(id)) {
      const other = memberOf.get(id);
      issues.push({ path: at, message: other === bondKey ? `"${id}" is listed twice` : `"${id}" is already a member of bond "${other}"` });
    } else {
      memberOf.set(id, bondKey);
      members.push(target.name);
    }
  });
  return members;
}

export function normalizeBondParameters(
  spec: BondSpec,
  path: string,
  ids: ReadonlyMap<string, IdEntry>,
  issues: Issue[],
): BondParameters {
  const parameters = spec.parameters ?? {};
  const at = `${path}.parameters`;
  const mode = parameters.mode ?? DEFAULT_BOND_MODE;
  const hashPolicy = parameters['transmit-hash-policy'] ?? null;
  if (hashPolicy !== null && !MODES_WITH_HASH_POLICY.includes(mode)) {
    issues.push({ path: `${at}.transmit-hash-policy`, message: `only applies to modes ${MODES_WITH_HASH_POLICY.join(', ')}, not ${mode}` });
  }
  const lacpRate = parameters['lacp-rate'] ?? null;
  if (lacpRate !== null && mode !== '802.3ad') {
    issues.push({ path: `${at}.lacp-rate`, message: `only applies to mode 802.3ad, not ${mode}` });
  }
  let primary: string | null = null;
  const primaryId = parameters.primary;
  if (primaryId !== undefined) {
    if (!MODES_WITH_PRIMARY.includes(mode)) {
      issues.push({ path: `${at}.primary`, message: `only applies to modes ${MODES_WITH_PRIMARY.join(', ')}, not ${mode}` });
    } else if (!spec.interfaces.includes(primaryId)) {
      issues.push({ path: `${at}.primary`, message: `"${primaryId}" is not one of this bond's interfaces (${spec.interfaces.join(', ')})` });
    } else {
      primary = ids.get(primaryId)?.name ?? null;
    }
  }
  return { mode, miimon: parameters['mii-monitor-interval'] ?? null, transmitHashPolicy: hashPolicy, lacpRate, primary };
}

export function normalizeVirtualMac(spec: BondSpec | VlanSpec, path: string, issues: Issue[]): string | null {
  return spec.macaddress === undefined ? null : normalizeMac(spec.macaddress, `${path}.macaddress`, issues);
}

/** 802.1Q: ids 0 and 4095 are reserved. */
const VLAN_IDS = { min: 1, max: 4094 };

/** Resolves the link of a VLAN to a name; null when it cannot carry one. */
export function resolveVlanLink(
  spec: VlanSpec,
  path: string,
  ids: ReadonlyMap<string, IdEntry>,
  memberOf: ReadonlyMap<string, string>,
  issues: Issue[],
): string | null {
  if (!Number.isInteger(spec.id) || spec.id < VLAN_IDS.min || spec.id > VLAN_IDS.max) {
    issues.push({ path: `${path}.id`, message: `VLAN id ${spec.id} is outside ${VLAN_IDS.min}..${VLAN_IDS.max}` });
  }
  const target = ids.get(spec.link);
  if (target === undefined) {
    issues.push({ path: `${path}.link`, message: `unknown interface "${spec.link}"; a VLAN's link must be defined under network.ethernets or network.bonds` });
    return null;
  }
  if (target.kind === 'vlan') {
    issues.push({ path: `${path}.link`, message: `"${spec.link}" is a VLAN; VLANs on VLANs (QinQ) are not supported` });
    return null;
  }
  const bond = memberOf.get(spec.link);
  if (bond !== undefined) {
    issues.push({ path: `${path}.link`, message: `"${spec.link}" is a member of bond "${bond}"; put the VLAN on the bond` });
    return null;
  }
  return target.name;
}
