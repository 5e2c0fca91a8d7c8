/**
 * Which NoCloud `network-config` format a seed gets when the spec does not say.
 *
 * Version 1 is the default because it is the one form that every supported cloud-init (20.4 to
 * 25.x) reads the same way with no deprecation: a static subnet's `gateway` is the default route
 * for IPv4 and IPv6 alike. Version 2 has no such form for IPv6: `gateway6` is deprecated from 22.4
 * (25.x then reports the boot degraded), and a `::/0` route became `::/64` in cloud-init's own v2
 * parser before 23.1 (see cloud-init-versions.ts).
 *
 * Version 2 is chosen only for what v1 cannot carry: on-link routes (see checkNetworkForV1).
 */
import { allInterfaces } from '../../model/network/lookup.js';
import type { NetworkModel } from '../../model/network/types.js';

export type NetworkConfigVersion = 1 | 2;

export function chooseNetworkConfigVersion(requested: NetworkConfigVersion | undefined, network: NetworkModel | undefined): NetworkConfigVersion {
  if (requested !== undefined) return requested;
  const needsV2 = network !== undefined && allInterfaces(network).some((iface) => iface.routes.some((route) => route.onLink));
  return needsV2 ? 2 : 1;
}
