/**
 * The `network` section as users write it: a netplan v2 subset (ethernets, bonds, vlans) plus a global
 * `nameservers` section. Mirrors the network `$defs` of schemas/spec.schema.json; the keys are
 * netplan's, so a netplan file pastes in unchanged.
 */

export interface NameserversSpec {
  addresses?: string[];
  search?: string[];
}

export interface RouteSpec {
  /** `default`, or a destination network in CIDR form (`0.0.0.0/0`, `10.0.0.0/8`, `::/0`). */
  to: string;
  via: string;
  metric?: number;
  'on-link'?: boolean;
}

export interface InterfaceCommonSpec {
  dhcp4?: boolean;
  dhcp6?: boolean;
  addresses?: string[];
  /** Deprecated by netplan; accepted and turned into a default route. */
  gateway4?: string;
  /** Deprecated by netplan; accepted and turned into a default route. */
  gateway6?: string;
  routes?: RouteSpec[];
  nameservers?: NameserversSpec;
  mtu?: number;
  /**
   * On an ethernet: the NIC's own MAC (the hypervisor sets it), same as `match.macaddress`.
   * On a bond or VLAN: the MAC given to the virtual device.
   */
  macaddress?: string;
}

export interface EthernetSpec extends InterfaceCommonSpec {
  match?: { macaddress?: string; name?: string };
  'set-name'?: string;
}

export type BondMode =
  | 'balance-rr'
  | 'active-backup'
  | 'balance-xor'
  | 'broadcast'
  | '802.3ad'
  | 'balance-tlb'
  | 'balance-alb';

export type TransmitHashPolicy = 'layer2' | 'layer3+4' | 'layer2+3' | 'encap2+3' | 'encap3+4';

export interface BondSpec extends InterfaceCommonSpec {
  interfaces: string[];
  parameters?: {
    mode?: BondMode;
    'mii-monitor-interval'?: number;
    'transmit-hash-policy'?: TransmitHashPolicy;
    'lacp-rate'?: 'slow' | 'fast';
    primary?: string;
  };
}

export interface VlanSpec extends InterfaceCommonSpec {
  id: number;
  link: string;
}

export interface NetworkSpec {
  version?: 2;
  ethernets?: Record<string, EthernetSpec>;
  bonds?: Record<string, BondSpec>;
  vlans?: Record<string, VlanSpec>;
  /** Nameservers for every statically addressed interface that has none of its own. */
  nameservers?: NameserversSpec;
}
