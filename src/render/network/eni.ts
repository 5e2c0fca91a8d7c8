/**
 * Debian /etc/network/interfaces text: what oVirt's `network-interfaces` meta_data key and
 * `openstack/content/0000` carry. It must mean the same to ifupdown and to cloud-init's ENI reader
 * (eni.py convert_eni_data), which accepts one stanza per name: a second address of an interface,
 * IPv6 included, goes into an alias stanza (`eth0:1`), exactly as cloud-init's own ENI renderer
 * writes it. What that reader cannot carry is refused (see checkNetworkForEni).
 */
import { throwIfIssues } from '../../errors.js';
import { checkNetworkForEni } from '../../model/network/capabilities.js';
import { prefixContains } from '../../model/network/ip.js';
import type { Ethernet, IpPrefix, NetworkModel } from '../../model/network/types.js';

const INDENT = '    ';
const LOOPBACK = ['auto lo', 'iface lo inet loopback'];

interface Stanza {
  readonly family: 'inet' | 'inet6';
  readonly method: 'static' | 'dhcp' | 'manual';
  readonly address?: IpPrefix;
}

function stanzasOf(ethernet: Ethernet): Stanza[] {
  const stanzas: Stanza[] = [
    ...(ethernet.dhcp4 ? [{ family: 'inet', method: 'dhcp' } as const] : []),
    ...ethernet.addresses.map((address) => ({ family: address.family === 4 ? 'inet' : 'inet6', method: 'static', address }) as const),
  ];
  return stanzas.length > 0 ? stanzas : [{ family: 'inet', method: 'manual' }];
}

function renderStanza(ethernet: Ethernet, stanza: Stanza, index: number, dnsIndex: number): string[] {
  const name = index === 0 ? ethernet.name : `${ethernet.name}:${index}`;
  const options: string[] = [];
  // cloud-init reads hwaddress as the NIC's MAC (it matches and names the NIC by it), from the first stanza only.
  if (index === 0 && ethernet.mac !== null) options.push(`hwaddress ${ethernet.mac}`);
  const address = stanza.address;
  if (address) {
    options.push(`address ${address.address}`, `netmask ${address.family === 4 ? address.netmask : address.prefixLength}`);
    const gateway = ethernet.routes.find((route) => route.isDefault && prefixContains(address, route.via));
    if (gateway) options.push(`gateway ${gateway.via.address}`);
  }
  if (index === dnsIndex) {
    const dns = ethernet.effectiveDns;
    if (dns.nameservers.length > 0) options.push(`dns-nameservers ${dns.nameservers.map((server) => server.address).join(' ')}`);
    if (dns.search.length > 0) options.push(`dns-search ${dns.search.join(' ')}`);
  }
  return [`auto ${name}`, `iface ${name} ${stanza.family} ${stanza.method}`, ...options.map((option) => INDENT + option)];
}

function renderEthernet(ethernet: Ethernet): string[] {
  const stanzas = stanzasOf(ethernet);
  const dnsIndex = stanzas.findIndex((stanza) => stanza.method === 'static');
  return stanzas.flatMap((stanza, index) => ['', ...renderStanza(ethernet, stanza, index, dnsIndex)]);
}

/** @throws SpecError when the network uses what ENI cannot express (see checkNetworkForEni). */
export function renderEni(network: NetworkModel): string {
  throwIfIssues(checkNetworkForEni(network));
  return `${[...LOOPBACK, ...network.ethernets.flatMap(renderEthernet)].join('\n')}\n`;
}
