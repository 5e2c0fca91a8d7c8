/**
 * Netplan v2 network config (NoCloud `network-config` when the spec asks for version 2 or has
 * on-link routes; see network-config-version.ts), written without the top-level `network:`
 * wrapper that only cloud-init >= 22.2 strips.
 *
 * Forms every supported cloud-init reads: default routes are `to: 0.0.0.0/0` / `to: ::/0`, never
 * `to: default` (cloud-init's own v2 parser, used when the guest renders ENI, networkd or sysconfig
 * instead of passing the file to netplan, rejects `default` in 20.4, 22.4 and 25.x), and not
 * `gateway4` (deprecated by netplan and, from 23.1, by cloud-init). The one exception is the IPv6
 * default route for cloud-init before 23.1, whose v2 parser turns `::/0` into `::/64`: there it is
 * `gateway6` (see cloud-init-versions.ts). Netplan has no global nameservers: each interface gets
 * its effective nameservers (see NetworkModel).
 *
 * Route metrics and on-link are written as netplan has them. Guests that hand the file to netplan
 * (Ubuntu, Debian 13) apply them; guests where cloud-init's own parser reads it (Debian 11, 12 with
 * ifupdown) drop metrics before cloud-init 23.3 and on-link in every version. v1 keeps metrics everywhere.
 */
import { throwIfIssues } from '../../errors.js';
import { checkNetworkForV2 } from '../../model/network/capabilities.js';
import { IPV6_DEFAULT_ROUTE_FIXED, isAtLeast, type CloudInitVersion } from '../../model/network/cloud-init-versions.js';
import type { Bond, Ethernet, InterfaceBase, NetworkModel, Route, Vlan } from '../../model/network/types.js';
import { toYaml11 } from '../yaml11.js';
import { compact, nonEmpty } from '../compact.js';
import { renderNetworkV1 } from './v1.js';

type Render<T> = (item: T, version: CloudInitVersion) => Record<string, unknown>;

function renderLayer3(iface: InterfaceBase, version: CloudInitVersion): Record<string, unknown> {
  const dns = iface.effectiveDns;
  // checkNetworkForV2 guarantees such a route has neither a metric nor on-link.
  const gateway6: Route | undefined = isAtLeast(version, IPV6_DEFAULT_ROUTE_FIXED)
    ? undefined
    : iface.routes.find((route) => route.family === 6 && route.isDefault);
  const nameservers = compact({
    addresses: nonEmpty(dns.nameservers.map((server) => server.address)),
    search: nonEmpty(dns.search),
  });
  return compact({
    mtu: iface.mtu ?? undefined,
    dhcp4: iface.dhcp4 || undefined,
    dhcp6: iface.dhcp6 || undefined,
    addresses: nonEmpty(iface.addresses.map((address) => address.cidr)),
    gateway6: gateway6?.via.address,
    routes: nonEmpty(
      iface.routes.filter((route) => route !== gateway6).map((route) =>
        compact({ to: route.to.cidr, via: route.via.address, metric: route.metric ?? undefined, 'on-link': route.onLink || undefined }),
      ),
    ),
    nameservers: Object.keys(nameservers).length > 0 ? nameservers : undefined,
  });
}

const renderEthernet: Render<Ethernet> = (ethernet, version) => {
  // Matched by MAC, a NIC keeps its kernel name unless set-name renames it; v1, network_data.json
  // and ENI always give it the configured name, so set-name is always written.
  const identity = ethernet.mac === null ? {} : { match: { macaddress: ethernet.mac }, 'set-name': ethernet.name };
  return { ...identity, ...renderLayer3(ethernet, version) };
};

const renderBond: Render<Bond> = (bond, version) => {
  const parameters = bond.parameters;
  return compact({
    interfaces: [...bond.members],
    macaddress: bond.mac ?? undefined,
    parameters: compact({
      mode: parameters.mode,
      // A string: cloud-init's v2 schema (24.x/25.x) refuses a number here and warns at every
      // boot; its own v2 parser and netplan take either.
      'mii-monitor-interval': parameters.miimon === null ? undefined : String(parameters.miimon),
      'transmit-hash-policy': parameters.transmitHashPolicy ?? undefined,
      'lacp-rate': parameters.lacpRate ?? undefined,
      primary: parameters.primary ?? undefined,
    }),
    ...renderLayer3(bond, version),
  });
};

const renderVlan: Render<Vlan> = (vlan, version) =>
  compact({ id: vlan.id, link: vlan.link, macaddress: vlan.mac ?? undefined, ...renderLayer3(vlan, version) });

function section<T extends { name: string }>(items: readonly T[], render: Render<T>, version: CloudInitVersion) {
  return items.length > 0 ? Object.fromEntries(items.map((item) => [item.name, render(item, version)])) : undefined;
}

/**
 * @param cloudInitVersion the oldest cloud-init the seed must work on (selects the IPv6 default route form)
 * @throws SpecError when that version cannot read the network from v2 (see checkNetworkForV2)
 */
export function renderNetplanV2(network: NetworkModel, cloudInitVersion: CloudInitVersion): Record<string, unknown> {
  throwIfIssues(checkNetworkForV2(network, cloudInitVersion));
  return compact({
    version: 2,
    ethernets: section(network.ethernets, renderEthernet, cloudInitVersion),
    bonds: section(network.bonds, renderBond, cloudInitVersion),
    vlans: section(network.vlans, renderVlan, cloudInitVersion),
  });
}

/** The NoCloud `network-config` file in the requested format (v1 reads the same on every cloud-init version). */
export function networkConfigFile(network: NetworkModel, format: 1 | 2, cloudInitVersion: CloudInitVersion): string {
  return toYaml11(format === 2 ? renderNetplanV2(network, cloudInitVersion) : renderNetworkV1(network));
}
