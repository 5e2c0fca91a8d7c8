/**
 * Reads the /etc/network/interfaces text that cloud-init's ENI renderer writes (the path Debian 11
 * and 12 guests take) into a comparable shape: per device its DHCP methods, addresses, routes, MTU,
 * set MAC and bond/VLAN options; nameservers as one set, since ifupdown feeds every stanza's
 * dns-* lines (lo's included) to the same resolvconf.
 */

export interface EniDevice {
  dhcp: string[];
  addresses: string[];
  /** `to via [metric N]`, sorted. */
  routes: string[];
  mtu: string | null;
  hwaddress: string | null;
  acceptRa: string | null;
  /** bond-* and vlan options, `_` spelled `-` (ifupdown reads both spellings as one variable). */
  options: string[];
}

export interface EniMeaning {
  devices: Record<string, EniDevice>;
  nameservers: string[];
  search: string[];
}

const ROUTE = /^post-up route add (-A inet6 )?(?:-net )?(default|\S+) gw (\S+)(?: metric (\d+))? \|\| true$/;

function defaultFor(family: 'inet' | 'inet6'): string {
  return family === 'inet6' ? '::/0' : '0.0.0.0/0';
}

function emptyDevice(): EniDevice {
  return { dhcp: [], addresses: [], routes: [], mtu: null, hwaddress: null, acceptRa: null, options: [] };
}

export function meaningOfEniOutput(text: string): EniMeaning {
  const devices: Record<string, EniDevice> = {};
  const nameservers = new Set<string>();
  const search = new Set<string>();
  let device: EniDevice | undefined;
  let family: 'inet' | 'inet6' = 'inet';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const [word = '', ...rest] = line.split(' ');
    if (line === '' || line.startsWith('#') || word === 'auto' || word.startsWith('pre-down')) continue;
    if (word === 'iface') {
      const [name = '', stanzaFamily = 'inet', method = ''] = rest;
      const deviceName = name.split(':')[0] ?? name;
      family = stanzaFamily === 'inet6' ? 'inet6' : 'inet';
      if (deviceName !== 'lo') devices[deviceName] ??= emptyDevice();
      device = deviceName === 'lo' ? undefined : devices[deviceName];
      if (device && method === 'dhcp') device.dhcp.push(family === 'inet6' ? 'dhcp6' : 'dhcp4');
      continue;
    }
    if (word === 'dns-nameservers') for (const server of rest) nameservers.add(server);
    else if (word === 'dns-search') for (const domain of rest) search.add(domain);
    // cloud-init's ENI renderer (22.4, 25.1) also prints its internal dict for v2 per-interface
    // nameservers as a `dns {...}` line, next to the proper dns-* lines; it carries nothing more.
    else if (word === 'dns') continue;
    else if (!device) throw new Error(`unexpected ENI line outside a device stanza: ${line}`);
    else if (word === 'address') device.addresses.push(rest.join(' '));
    else if (word === 'gateway') device.routes.push(`${defaultFor(family)} ${rest.join(' ')}`);
    else if (word === 'mtu') device.mtu = rest.join(' ');
    else if (word === 'hwaddress') device.hwaddress = rest.join(' ').toLowerCase();
    else if (word === 'accept_ra') device.acceptRa = rest.join(' ');
    else if (word === 'post-up') {
      const route = ROUTE.exec(line);
      if (!route) throw new Error(`unexpected ENI route line: ${line}`);
      const [, inet6, to = '', via = '', metric] = route;
      const destination = to === 'default' ? defaultFor(inet6 ? 'inet6' : 'inet') : to;
      device.routes.push([destination, via, ...(metric ? [`metric ${metric}`] : [])].join(' '));
    } else device.options.push(`${word.replace(/_/g, '-')} ${rest.join(' ')}`);
  }
  for (const entry of Object.values(devices)) {
    entry.addresses.sort();
    entry.routes.sort();
    entry.options.sort();
    entry.dhcp.sort();
  }
  return { devices, nameservers: [...nameservers].sort(), search: [...search].sort() };
}
