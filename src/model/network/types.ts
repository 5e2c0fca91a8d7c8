/**
 * The network as every renderer reads it: validated and normalized once by normalize.ts.
 * Addresses are parsed, default routes are explicit (`0.0.0.0/0`, `::/0`), interface references are
 * resolved to the names the guest will use, and fields with a default hold it (renderers never
 * apply defaults). `null` means "not set": the guest keeps the kernel's behaviour.
 * Each item keeps the spec path it came from, so a renderer that cannot express it can say where.
 */
import type { BondMode, TransmitHashPolicy } from '../../input/network.js';

export type { BondMode, TransmitHashPolicy };

export type IpFamily = 4 | 6;

export interface IpAddress {
  readonly family: IpFamily;
  /** Canonical text: dotted decimal, or RFC 5952 for IPv6. */
  readonly address: string;
}

/** An address with its prefix (`192.0.2.10/24`) or a network (`10.0.0.0/8`). */
export interface IpPrefix extends IpAddress {
  readonly prefixLength: number;
  /** Dotted (`255.255.255.0`) for IPv4, RFC 5952 mask text (`ffff:ffff:ffff:ffff::`) for IPv6. */
  readonly netmask: string;
  /** The network address (host bits cleared). */
  readonly network: string;
  /** `address/prefixLength`. */
  readonly cidr: string;
}

export interface Route {
  readonly path: string;
  readonly family: IpFamily;
  /** The destination network; `0.0.0.0/0` or `::/0` for a default route. */
  readonly to: IpPrefix;
  readonly isDefault: boolean;
  readonly via: IpAddress;
  readonly metric: number | null;
  /** The gateway is reachable on the link although no address's subnet contains it. */
  readonly onLink: boolean;
}

export interface Dns {
  readonly nameservers: readonly IpAddress[];
  readonly search: readonly string[];
}

export interface InterfaceBase {
  /** The spec path of this interface (`network.ethernets.eth0`). */
  readonly path: string;
  /** The name the guest gives the interface (set-name, match.name or the key). */
  readonly name: string;
  readonly dhcp4: boolean;
  readonly dhcp6: boolean;
  readonly addresses: readonly IpPrefix[];
  readonly routes: readonly Route[];
  /** The interface's own nameservers, as written. */
  readonly dns: Dns;
  /** What the interface resolves with: its own nameservers, else the global ones if it has a static address. */
  readonly effectiveDns: Dns;
  readonly mtu: number | null;
}

export interface Ethernet extends InterfaceBase {
  readonly kind: 'ethernet';
  /** The NIC's MAC, lowercase; the guest finds and names the NIC by it. */
  readonly mac: string | null;
}

export interface BondParameters {
  readonly mode: BondMode;
  /** mii-monitor-interval / bond-miimon, in milliseconds. */
  readonly miimon: number | null;
  readonly transmitHashPolicy: TransmitHashPolicy | null;
  readonly lacpRate: 'slow' | 'fast' | null;
  /** Name of the preferred member. */
  readonly primary: string | null;
}

export interface Bond extends InterfaceBase {
  readonly kind: 'bond';
  /** Member names, in the order written. */
  readonly members: readonly string[];
  /** A MAC given to the bond, lowercase. */
  readonly mac: string | null;
  readonly parameters: BondParameters;
}

export interface Vlan extends InterfaceBase {
  readonly kind: 'vlan';
  readonly id: number;
  /** Name of the ethernet or bond the VLAN rides on. */
  readonly link: string;
  /** A MAC given to the VLAN device, lowercase. */
  readonly mac: string | null;
}

export type NetworkInterface = Ethernet | Bond | Vlan;

export interface NetworkModel {
  /** The spec path of the section (`network`). */
  readonly path: string;
  readonly ethernets: readonly Ethernet[];
  readonly bonds: readonly Bond[];
  readonly vlans: readonly Vlan[];
  /** The global nameservers section. */
  readonly dns: Dns;
}
