/**
 * What a network configuration means, in one comparable shape, read from three independent places:
 * the spec as written (the intent), netplan YAML (ours, or what cloud-init renders), and the
 * /etc/network/interfaces text cloud-init's ENI renderer writes. None of this uses cloudseed's model.
 */
import type { EthernetSpec, NetworkSpec, RouteSpec } from '../../../src/input/network.js';

export interface Meaning {
  readonly kind: 'ethernet' | 'bond' | 'vlan';
  /** Ethernet: the MAC it is found by; bond/VLAN: the MAC it is given. */
  mac: string | null;
  mtu: number | null;
  dhcp4: boolean;
  dhcp6: boolean;
  acceptRa: boolean | null;
  addresses: string[];
  /** `to via [metric N] [on-link]`, sorted. */
  routes: string[];
  nameservers: string[];
  search: string[];
  bond?: { interfaces: string[]; parameters: Record<string, unknown> };
  vlan?: { id: number; link: string };
}

export type NetworkMeaning = Record<string, Meaning>;

function defaultFor(via: string): string {
  return via.includes(':') ? '::/0' : '0.0.0.0/0';
}

function routeText(to: string, via: string, metric?: unknown, onLink?: unknown): string {
  const destination = to === 'default' ? defaultFor(via) : to;
  return [destination, via, ...(metric !== undefined ? [`metric ${String(metric)}`] : []), ...(onLink === true ? ['on-link'] : [])].join(' ');
}

function blank(kind: Meaning['kind']): Meaning {
  return { kind, mac: null, mtu: null, dhcp4: false, dhcp6: false, acceptRa: null, addresses: [], routes: [], nameservers: [], search: [] };
}

type Section = Record<string, Record<string, unknown>>;

/** Reads netplan v2 (with or without the `network:` wrapper). */
/**
 * Netplan reads `mii-monitor-interval: 100` and `"100"` alike (milliseconds); cloud-init's v2 schema
 * wants the string, the spec may give a number.
 */
function bondParameters(parameters: unknown): Record<string, unknown> {
  const entries = Object.entries((parameters ?? {}) as Record<string, unknown>);
  return Object.fromEntries(entries.map(([key, value]) => [key, key === 'mii-monitor-interval' && /^\d+$/.test(String(value)) ? Number(value) : value]));
}

export function meaningOfNetplan(document: Record<string, unknown>): NetworkMeaning {
  const config = (document['network'] ?? document) as Record<string, unknown>;
  const meaning: NetworkMeaning = {};
  for (const kind of ['ethernet', 'bond', 'vlan'] as const) {
    for (const [key, device] of Object.entries((config[`${kind}s`] ?? {}) as Section)) {
      const match = (device['match'] ?? {}) as Record<string, string>;
      const name = kind === 'ethernet' ? String(device['set-name'] ?? match['name'] ?? key) : key;
      const nameservers = (device['nameservers'] ?? {}) as { addresses?: string[]; search?: string[] };
      const routes = ((device['routes'] ?? []) as Record<string, unknown>[]).map((r) => routeText(String(r['to']), String(r['via']), r['metric'], r['on-link']));
      for (const key of ['gateway4', 'gateway6'] as const) {
        if (typeof device[key] === 'string') routes.push(routeText('default', device[key] as string));
      }
      meaning[name] = {
        ...blank(kind),
        mac: (kind === 'ethernet' ? match['macaddress'] : (device['macaddress'] as string | undefined))?.toLowerCase() ?? null,
        mtu: (device['mtu'] as number | undefined) ?? null,
        dhcp4: device['dhcp4'] === true,
        dhcp6: device['dhcp6'] === true,
        acceptRa: (device['accept-ra'] as boolean | undefined) ?? null,
        addresses: [...((device['addresses'] ?? []) as string[])].sort(),
        routes: routes.sort(),
        nameservers: nameservers.addresses ?? [],
        search: nameservers.search ?? [],
        ...(kind === 'bond' && {
          bond: { interfaces: [...(device['interfaces'] as string[])].sort(), parameters: bondParameters(device['parameters']) },
        }),
        ...(kind === 'vlan' && { vlan: { id: Number(device['id']), link: String(device['link']) } }),
      };
    }
  }
  return meaning;
}

/** The intent of a spec's network section, straight from what the user wrote. */
export function meaningOfSpec(spec: NetworkSpec): NetworkMeaning {
  const names = new Map<string, string>();
  for (const [key, ethernet] of Object.entries(spec.ethernets ?? {})) names.set(key, ethernet['set-name'] ?? ethernet.match?.name ?? key);
  const nameOf = (id: string) => names.get(id) ?? id;
  const global = spec.nameservers ?? {};
  const meaning: NetworkMeaning = {};
  const sections = [
    ['ethernet', spec.ethernets ?? {}],
    ['bond', spec.bonds ?? {}],
    ['vlan', spec.vlans ?? {}],
  ] as const;
  for (const [kind, section] of sections) {
    for (const [key, device] of Object.entries(section)) {
      const routes: RouteSpec[] = [
        ...(device.gateway4 ? [{ to: 'default', via: device.gateway4 }] : []),
        ...(device.gateway6 ? [{ to: 'default', via: device.gateway6 }] : []),
        ...(device.routes ?? []),
      ];
      const own = device.nameservers ?? {};
      const hasOwn = (own.addresses ?? []).length > 0 || (own.search ?? []).length > 0;
      // Global nameservers serve statically addressed interfaces without their own (cloud-init's rule).
      const dns = hasOwn || (device.addresses ?? []).length === 0 ? own : global;
      // On an ethernet, macaddress names the NIC just like match.macaddress (see src/input/network.ts).
      const mac = kind === 'ethernet' ? ((device as EthernetSpec).match?.macaddress ?? device.macaddress) : device.macaddress;
      meaning[kind === 'ethernet' ? nameOf(key) : key] = {
        ...blank(kind),
        mac: mac?.toLowerCase() ?? null,
        mtu: device.mtu ?? null,
        dhcp4: device.dhcp4 === true,
        dhcp6: device.dhcp6 === true,
        addresses: [...(device.addresses ?? [])].sort(),
        routes: routes.map((r) => routeText(r.to, r.via, r.metric, r['on-link'])).sort(),
        nameservers: dns.addresses ?? [],
        search: dns.search ?? [],
        ...('interfaces' in device && {
          bond: {
            interfaces: device.interfaces.map(nameOf).sort(),
            parameters: Object.fromEntries(Object.entries(device.parameters ?? {}).map(([k, v]) => [k, k === 'primary' ? nameOf(String(v)) : v])),
          },
        }),
        ...('link' in device && { vlan: { id: device.id, link: nameOf(device.link) } }),
      };
    }
  }
  return meaning;
}
