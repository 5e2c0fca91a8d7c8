/**
 * A NoCloud network-config summed up: netplan-style version 2 or cloud-init version 1, per
 * interface its MAC, DHCP, static addresses and gateways, plus DNS. Input may be any YAML;
 * keys of the wrong shape are skipped, never trusted.
 */
import { isMapping } from './documents.js';
import { prefixLength } from './netmask.js';
import type { NetworkInterfaceSummary, NetworkSummary } from './report-types.js';
import { appendAll } from './append-all.js';

/** Netplan's device sections and what the summary calls them. */
const V2_SECTIONS: Readonly<Record<string, string>> = { ethernets: 'ethernet', bonds: 'bond', vlans: 'vlan', bridges: 'bridge' };
const DEFAULT_ROUTES = new Set(['default', '0.0.0.0/0', '::/0']);
/** v1 subnet routes name the default route by network 0.0.0.0 or :: (with netmask or prefix 0). */
const DEFAULT_NETWORKS = new Set(['0.0.0.0', '::', '0.0.0.0/0', '::/0']);

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function mappings(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isMapping) : [];
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function summarizeV2Device(name: string, kind: string, device: Record<string, unknown>): NetworkInterfaceSummary {
  const match = isMapping(device['match']) ? device['match'] : {};
  const mac = typeof match['macaddress'] === 'string' ? match['macaddress'] : device['macaddress'];
  const routeGateways = mappings(device['routes'])
    .filter((route) => DEFAULT_ROUTES.has(String(route['to'])))
    .flatMap((route) => strings(route['via']));
  return {
    name: typeof device['set-name'] === 'string' ? device['set-name'] : name,
    kind,
    ...(typeof mac === 'string' ? { mac } : {}),
    dhcp4: device['dhcp4'] === true,
    dhcp6: device['dhcp6'] === true,
    addresses: strings(device['addresses']),
    gateways: unique([...strings(device['gateway4']), ...strings(device['gateway6']), ...routeGateways]),
  };
}

function summarizeV2(config: Record<string, unknown>, file: string): NetworkSummary {
  const interfaces: NetworkInterfaceSummary[] = [];
  const nameservers: string[] = [];
  const search: string[] = [];
  for (const [section, kind] of Object.entries(V2_SECTIONS)) {
    const devices = isMapping(config[section]) ? config[section] : {};
    for (const [name, device] of Object.entries(devices)) {
      if (!isMapping(device)) continue;
      interfaces.push(summarizeV2Device(name, kind, device));
      const dns = isMapping(device['nameservers']) ? device['nameservers'] : {};
      appendAll(nameservers, strings(dns['addresses']));
      appendAll(search, strings(dns['search']));
    }
  }
  return { file, format: 'netplan-v2', interfaces, nameservers: unique(nameservers), search: unique(search) };
}

/** v1 subnets give an address with a `/prefix` or a separate netmask or prefix. */
function formatV1Address(subnet: Record<string, unknown>): string | undefined {
  const address = subnet['address'];
  if (typeof address !== 'string') return undefined;
  if (address.includes('/')) return address;
  const prefix = typeof subnet['prefix'] === 'number' ? subnet['prefix'] : prefixLength(subnet['netmask']);
  return prefix === undefined ? address : `${address}/${prefix}`;
}

function summarizeV1(config: Record<string, unknown>, file: string): NetworkSummary {
  const entries = mappings(config['config']);
  const interfaces: NetworkInterfaceSummary[] = [];
  const nameservers: string[] = [];
  const search: string[] = [];
  for (const entry of entries) {
    if (entry['type'] === 'nameserver') {
      appendAll(nameservers, strings(entry['address']));
      appendAll(search, strings(entry['search']));
      continue;
    }
    if (typeof entry['name'] !== 'string' || entry['type'] === 'route') continue;
    const subnets = mappings(entry['subnets']);
    const types = subnets.map((subnet) => String(subnet['type']));
    for (const subnet of subnets) {
      appendAll(nameservers, strings(subnet['dns_nameservers']));
      appendAll(search, strings(subnet['dns_search']));
    }
    const isStatic = (subnet: Record<string, unknown>): boolean => subnet['type'] === 'static' || subnet['type'] === 'static6';
    interfaces.push({
      name: entry['name'],
      kind: entry['type'] === 'physical' ? 'ethernet' : String(entry['type']),
      ...(typeof entry['mac_address'] === 'string' ? { mac: entry['mac_address'] } : {}),
      dhcp4: types.includes('dhcp') || types.includes('dhcp4'),
      dhcp6: types.includes('dhcp6'),
      addresses: subnets.filter(isStatic).flatMap((subnet) => formatV1Address(subnet) ?? []),
      gateways: unique(
        subnets.flatMap((subnet) => [
          ...strings(subnet['gateway']),
          ...mappings(subnet['routes'])
            .filter((route) => DEFAULT_NETWORKS.has(String(route['network'] ?? route['destination'])))
            .flatMap((route) => strings(route['gateway'])),
        ]),
      ),
    });
  }
  return { file, format: 'v1', interfaces, nameservers: unique(nameservers), search: unique(search) };
}

/** `config` is the mapping after any `network:` wrapper was taken off. */
export function summarizeNetworkConfig(config: Record<string, unknown>, file: string): NetworkSummary | undefined {
  if (config['version'] === 2) return summarizeV2(config, file);
  if (config['version'] === 1) return summarizeV1(config, file);
  return undefined;
}
