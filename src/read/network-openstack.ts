/**
 * Config-drive networking summed up: OpenStack network_data.json (links, networks, services)
 * and the Debian ENI text oVirt puts in meta_data.json `network-interfaces`. Same summary shape
 * as network-config.ts; unknown or ill-typed keys are skipped.
 */
import { isMapping } from './documents.js';
import { prefixLength } from './netmask.js';
import type { NetworkInterfaceSummary, NetworkSummary } from './report-types.js';
import { appendAll } from './append-all.js';

const DEFAULT_ROUTE_NETWORKS = new Set(['0.0.0.0', '::']);
/** ipv4_dhcp, ipv6_dhcp, ipv6_slaac, ipv6_dhcpv6-stateful/stateless count as automatic. */
const DHCP4_TYPES = new Set(['ipv4_dhcp']);
const DHCP6_PREFIX = 'ipv6_';

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function mappings(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isMapping) : [];
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function formatAddress(network: Record<string, unknown>): string | undefined {
  const address = text(network['ip_address']);
  if (address === undefined) return undefined;
  const prefix = prefixLength(network['netmask']);
  return address.includes('/') || prefix === undefined ? address : `${address}/${prefix}`;
}

function dnsOf(services: unknown): string[] {
  return mappings(services).filter((service) => service['type'] === 'dns').flatMap((service) => text(service['address']) ?? []);
}

export function summarizeNetworkData(data: Record<string, unknown>, file: string): NetworkSummary {
  const networks = mappings(data['networks']);
  const nameservers = dnsOf(data['services']);
  const search: string[] = [];
  const interfaces = mappings(data['links']).map((link): NetworkInterfaceSummary => {
    const id = text(link['id']) ?? '';
    const mine = networks.filter((network) => network['link'] === id);
    for (const network of mine) {
      appendAll(nameservers, dnsOf(network['services']));
      if (Array.isArray(network['dns_nameservers'])) appendAll(nameservers, network['dns_nameservers'].filter((v): v is string => typeof v === 'string'));
      if (Array.isArray(network['dns_search'])) appendAll(search, network['dns_search'].filter((v): v is string => typeof v === 'string'));
    }
    const types = mine.map((network) => String(network['type']));
    const mac = text(link['ethernet_mac_address']) ?? text(link['vlan_mac_address']);
    return {
      name: text(link['name']) ?? id,
      kind: link['type'] === 'phy' ? 'ethernet' : String(link['type']),
      ...(mac === undefined ? {} : { mac }),
      dhcp4: types.some((type) => DHCP4_TYPES.has(type)),
      dhcp6: types.some((type) => type.startsWith(DHCP6_PREFIX) && type !== 'ipv6'),
      addresses: mine.filter((network) => network['type'] === 'ipv4' || network['type'] === 'ipv6').flatMap((network) => formatAddress(network) ?? []),
      gateways: unique(
        mine.flatMap((network) => [
          ...(text(network['gateway']) === undefined ? [] : [text(network['gateway']) as string]),
          ...mappings(network['routes'])
            .filter((route) => DEFAULT_ROUTE_NETWORKS.has(String(route['network'])))
            .flatMap((route) => text(route['gateway']) ?? []),
        ]),
      ),
    };
  });
  return { file, format: 'network_data.json', interfaces, nameservers: unique(nameservers), search: unique(search) };
}

interface EniStanza {
  name: string;
  method: string;
  family: string;
  options: Map<string, string>;
}

/** interfaces(5): `iface NAME FAMILY METHOD` opens a stanza, indented option lines follow. */
function parseEniStanzas(eni: string): EniStanza[] {
  const stanzas: EniStanza[] = [];
  for (const raw of eni.split('\n')) {
    const words = raw.trim().split(/\s+/);
    if (words[0] === 'iface' && words.length >= 4) {
      // An alias stanza (eth0:1) adds addresses to its interface.
      const name = (words[1] as string).split(':')[0] as string;
      stanzas.push({ name, family: words[2] as string, method: words[3] as string, options: new Map() });
    } else if (words[0] && !words[0].startsWith('#') && !['auto', 'allow-hotplug', 'source', 'mapping'].includes(words[0])) {
      stanzas.at(-1)?.options.set(words[0], words.slice(1).join(' '));
    }
  }
  return stanzas;
}

export function summarizeEni(eni: string, file: string): NetworkSummary {
  const stanzas = parseEniStanzas(eni).filter((stanza) => stanza.method !== 'loopback');
  const names = unique(stanzas.map((stanza) => stanza.name));
  const interfaces = names.map((name): NetworkInterfaceSummary => {
    const mine = stanzas.filter((stanza) => stanza.name === name);
    const option = (key: string): string[] => mine.flatMap((stanza) => stanza.options.get(key) ?? []);
    const addresses = mine
      .filter((stanza) => stanza.method === 'static')
      .flatMap((stanza) => {
        const address = stanza.options.get('address');
        const netmask = stanza.options.get('netmask');
        // interfaces(5) takes a prefix length as netmask too (inet6 needs one).
        const prefix = netmask !== undefined && /^\d{1,3}$/.test(netmask) ? Number(netmask) : prefixLength(netmask);
        return address === undefined ? [] : [address.includes('/') || prefix === undefined ? address : `${address}/${prefix}`];
      });
    const mac = option('hwaddress')[0]?.replace(/^ether\s+/, '');
    return {
      name,
      kind: 'ethernet',
      ...(mac === undefined ? {} : { mac }),
      dhcp4: mine.some((stanza) => stanza.family === 'inet' && stanza.method === 'dhcp'),
      dhcp6: mine.some((stanza) => stanza.family === 'inet6' && (stanza.method === 'dhcp' || stanza.method === 'auto')),
      addresses,
      gateways: unique(option('gateway')),
    };
  });
  const words = (key: string): string[] => stanzas.flatMap((stanza) => stanza.options.get(key)?.split(/\s+/) ?? []);
  return { file, format: 'eni', interfaces, nameservers: unique(words('dns-nameservers')), search: unique(words('dns-search')) };
}
