/**
 * An existing cloud-init network-config (version 1, or version 2 as netplan writes it, with or
 * without a top-level `network:` wrapper) turned into the spec's `network` section. From there it
 * is validated like any spec network and rendered for each datasource (network-config for
 * NoCloud, network_data.json for config-2), so a file cloudseed cannot represent is refused with
 * the key it cannot take rather than written half-understood.
 */
import type { Issue } from '../../errors.js';
import { prefixLength } from '../../read/netmask.js';
import type { BondSpec, EthernetSpec, InterfaceCommonSpec, NameserversSpec, NetworkSpec, RouteSpec, VlanSpec } from '../../input/network.js';

type Mapping = Record<string, unknown>;

const isMapping = (value: unknown): value is Mapping => value !== null && typeof value === 'object' && !Array.isArray(value);

function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return value.split(/[\s,]+/).filter((item) => item !== '');
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  return undefined;
}

/** Netplan and cloud-init both take a top-level `network:` around the config. */
function unwrap(data: Mapping): Mapping {
  const inner = data['network'];
  return Object.keys(data).length === 1 && isMapping(inner) ? inner : data;
}

class Converter {
  readonly issues: Issue[] = [];
  constructor(private readonly field: string) {}

  /** Records the issue; returns nothing, so a converter can `return c.issue(...)` for "no result". */
  issue(path: string, message: string): undefined {
    this.issues.push({ path: this.field, message: `${path}: ${message}` });
    return undefined;
  }

  /** Keys of `entry` outside `known` are reported: silently dropping them would build a different network. */
  unknownKeys(entry: Mapping, known: readonly string[], path: string): void {
    for (const key of Object.keys(entry)) {
      if (!known.includes(key)) this.issue(`${path}.${key}`, 'is not supported by cloudseed (remove it, or write the network in the spec)');
    }
  }
}

const ROUTE_KEYS = ['network', 'destination', 'netmask', 'prefix', 'gateway', 'metric'];

/** A v1 route (`network` + `netmask`/`prefix`, or `destination` in CIDR form) as a netplan route. */
function convertRoute(route: unknown, path: string, c: Converter): RouteSpec | undefined {
  if (!isMapping(route)) return c.issue(path, 'must be a mapping');
  c.unknownKeys(route, ROUTE_KEYS, path);
  const network = route['network'] ?? route['destination'];
  const gateway = route['gateway'];
  if (typeof network !== 'string' || typeof gateway !== 'string') return c.issue(path, 'needs network (or destination) and gateway');
  const prefix = typeof route['prefix'] === 'number' ? route['prefix'] : prefixLength(route['netmask']);
  const to = network.includes('/') ? network : prefix === undefined ? undefined : `${network}/${prefix}`;
  if (to === undefined) return c.issue(path, 'needs a netmask or prefix (or a destination in CIDR form)');
  return { to: to === '0.0.0.0/0' || to === '::/0' ? 'default' : to, via: gateway, ...(typeof route['metric'] === 'number' ? { metric: route['metric'] } : {}) };
}

const SUBNET_KEYS = ['type', 'address', 'netmask', 'prefix', 'gateway', 'dns_nameservers', 'dns_search', 'routes'];

function addNameservers(target: InterfaceCommonSpec, addresses: string[] | undefined, search: string[] | undefined): void {
  if (!addresses?.length && !search?.length) return;
  const current: NameserversSpec = target.nameservers ?? {};
  target.nameservers = {
    ...(addresses?.length ? { addresses: [...(current.addresses ?? []), ...addresses] } : current.addresses ? { addresses: current.addresses } : {}),
    ...(search?.length ? { search: [...(current.search ?? []), ...search] } : current.search ? { search: current.search } : {}),
  };
}

/** Applies one v1 subnet to the interface it belongs to. */
function applySubnet(target: InterfaceCommonSpec, subnet: unknown, path: string, c: Converter): undefined {
  if (!isMapping(subnet)) return c.issue(path, 'must be a mapping');
  c.unknownKeys(subnet, SUBNET_KEYS, path);
  const type = subnet['type'];
  if (type === 'dhcp' || type === 'dhcp4') target.dhcp4 = true;
  else if (type === 'dhcp6') target.dhcp6 = true;
  else if (type === 'static' || type === 'static6') {
    const address = subnet['address'];
    if (typeof address !== 'string') return c.issue(`${path}.address`, 'a static subnet needs an address');
    const prefix = typeof subnet['prefix'] === 'number' ? subnet['prefix'] : prefixLength(subnet['netmask']);
    if (!address.includes('/') && prefix === undefined) return c.issue(path, 'needs a netmask or prefix (or an address in CIDR form)');
    target.addresses = [...(target.addresses ?? []), address.includes('/') ? address : `${address}/${prefix}`];
    if (typeof subnet['gateway'] === 'string') {
      target.routes = [...(target.routes ?? []), { to: 'default', via: subnet['gateway'] }];
    }
  } else {
    return c.issue(`${path}.type`, `'${String(type)}' is not supported (dhcp, dhcp4, dhcp6, static or static6)`);
  }
  addNameservers(target, stringList(subnet['dns_nameservers']), stringList(subnet['dns_search']));
  if (Array.isArray(subnet['routes'])) {
    subnet['routes'].forEach((route, i) => {
      const converted = convertRoute(route, `${path}.routes[${i}]`, c);
      if (converted) target.routes = [...(target.routes ?? []), converted];
    });
  }
}

function applyCommon(target: InterfaceCommonSpec, entry: Mapping, path: string, c: Converter): undefined {
  if (typeof entry['mtu'] === 'number') target.mtu = entry['mtu'];
  const subnets = entry['subnets'] ?? [];
  if (!Array.isArray(subnets)) return c.issue(`${path}.subnets`, 'must be a list');
  for (const [i, subnet] of subnets.entries()) applySubnet(target, subnet, `${path}.subnets[${i}]`, c);
  return undefined;
}

/** cloud-init's v1 bond parameters and their netplan names. */
const BOND_PARAMS: Readonly<Record<string, string>> = {
  'bond-mode': 'mode',
  'bond-miimon': 'mii-monitor-interval',
  'bond-xmit-hash-policy': 'transmit-hash-policy',
  'bond-xmit_hash_policy': 'transmit-hash-policy',
  'bond-lacp-rate': 'lacp-rate',
  'bond-lacp_rate': 'lacp-rate',
  'bond-primary': 'primary',
};

/**
 * v1's global nameservers apply to the whole system; the spec's global `nameservers` only reach
 * static interfaces without nameservers of their own. So they are added to every statically
 * addressed interface, after the interface's own.
 */
function distributeNameservers(network: NetworkSpec, groups: ReadonlyArray<Record<string, InterfaceCommonSpec>>): void {
  const global = network.nameservers;
  if (global === undefined) return;
  const staticInterfaces = groups.flatMap((group) => Object.values(group)).filter((iface) => (iface.addresses?.length ?? 0) > 0);
  if (staticInterfaces.length === 0) return;
  for (const iface of staticInterfaces) addNameservers(iface, global.addresses, global.search);
  delete network.nameservers;
}

function convertV1(config: unknown, c: Converter): NetworkSpec {
  const network: NetworkSpec = { version: 2 };
  if (!Array.isArray(config)) {
    c.issue('config', 'a version 1 network-config needs a config list');
    return network;
  }
  const ethernets: Record<string, EthernetSpec> = {};
  const bonds: Record<string, BondSpec> = {};
  const vlans: Record<string, VlanSpec> = {};
  for (const [i, entry] of config.entries()) {
    const path = `config[${i}]`;
    if (!isMapping(entry)) {
      c.issue(path, 'must be a mapping');
      continue;
    }
    const { type, name } = entry;
    if (type === 'nameserver') {
      c.unknownKeys(entry, ['type', 'address', 'search'], path);
      const global: InterfaceCommonSpec = { nameservers: network.nameservers ?? {} };
      addNameservers(global, stringList(entry['address']), stringList(entry['search']));
      network.nameservers = global.nameservers;
      continue;
    }
    if (type !== 'physical' && type !== 'bond' && type !== 'vlan') {
      c.issue(`${path}.type`, `'${String(type)}' is not supported (physical, bond, vlan or nameserver; put routes under a subnet)`);
      continue;
    }
    if (typeof name !== 'string' || name === '') {
      c.issue(`${path}.name`, 'every interface needs a name');
      continue;
    }
    const mac = typeof entry['mac_address'] === 'string' ? entry['mac_address'] : undefined;
    if (type === 'physical') {
      c.unknownKeys(entry, ['type', 'name', 'mac_address', 'mtu', 'subnets'], path);
      // As cloud-init's own v1 -> netplan conversion does: the MAC finds the NIC, which gets the name.
      const ethernet: EthernetSpec = mac ? { match: { macaddress: mac }, 'set-name': name } : {};
      applyCommon(ethernet, entry, path, c);
      ethernets[name] = ethernet;
    } else if (type === 'bond') {
      c.unknownKeys(entry, ['type', 'name', 'mac_address', 'mtu', 'subnets', 'bond_interfaces', 'params'], path);
      const members = stringList(entry['bond_interfaces']) ?? [];
      const parameters: Mapping = {};
      const params = isMapping(entry['params']) ? entry['params'] : {};
      for (const [key, value] of Object.entries(params)) {
        const netplanKey = BOND_PARAMS[key];
        if (netplanKey === undefined) c.issue(`${path}.params.${key}`, 'is not supported by cloudseed');
        else parameters[netplanKey] = netplanKey === 'mii-monitor-interval' && typeof value === 'string' ? Number(value) : value;
      }
      const bond: BondSpec = { interfaces: members, ...(mac ? { macaddress: mac } : {}), ...(Object.keys(parameters).length > 0 ? { parameters } : {}) };
      applyCommon(bond, entry, path, c);
      bonds[name] = bond;
    } else {
      c.unknownKeys(entry, ['type', 'name', 'mac_address', 'mtu', 'subnets', 'vlan_link', 'vlan_id'], path);
      const vlan: VlanSpec = { id: Number(entry['vlan_id']), link: String(entry['vlan_link']), ...(mac ? { macaddress: mac } : {}) };
      applyCommon(vlan, entry, path, c);
      vlans[name] = vlan;
    }
  }
  distributeNameservers(network, [ethernets, bonds, vlans]);
  if (Object.keys(ethernets).length > 0) network.ethernets = ethernets;
  if (Object.keys(bonds).length > 0) network.bonds = bonds;
  if (Object.keys(vlans).length > 0) network.vlans = vlans;
  return network;
}

/**
 * The spec `network` a parsed network-config file stands for. `field` names the file's origin in
 * issues (`--network-config`). Version 2 is taken as written (the spec's schema then checks it);
 * `renderer` is dropped, since cloud-init picks its own renderer.
 */
export function networkSpecFromConfig(data: unknown, field: string): { network?: NetworkSpec; issues: Issue[] } {
  const c = new Converter(field);
  if (!isMapping(data)) return { issues: [{ path: field, message: 'a network-config must be a mapping with version: 1 or version: 2' }] };
  const config = unwrap(data);
  if (config['version'] === 2) {
    const { renderer: _renderer, ...rest } = config;
    return { network: rest as NetworkSpec, issues: [] };
  }
  if (config['version'] === 1) {
    c.unknownKeys(config, ['version', 'config'], 'network');
    const network = convertV1(config['config'], c);
    return c.issues.length > 0 ? { issues: c.issues } : { network, issues: [] };
  }
  return { issues: [{ path: field, message: `version must be 1 or 2 (got ${JSON.stringify(config['version'] ?? null)})` }] };
}
