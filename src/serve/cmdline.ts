/**
 * What points a guest at the server: the NoCloud seed URL, as a kernel argument, as the SMBIOS
 * serial number cloud-init reads (QEMU `-smbios`, libvirt `<sysinfo>`), for `--print-cmdline`.
 */
import { isIP } from 'node:net';

export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

export const DEFAULT_LISTEN: ListenAddress = { host: '127.0.0.1', port: 8775 };

/**
 * `127.0.0.1:8775`, `[::1]:8775`, `0.0.0.0:80`. Only IP literals: a name could resolve to an
 * address the user did not mean to expose. Undefined for anything else.
 */
export function parseListenAddress(text: string): ListenAddress | undefined {
  const match = /^\[([^\]]+)\]:(\d{1,5})$/.exec(text) ?? /^([^:[\]]+):(\d{1,5})$/.exec(text);
  if (match === null) return undefined;
  const [, host, portText] = match;
  const port = Number(portText);
  if (isIP(host!) === 0 || port > 65535) return undefined;
  return { host: host!, port };
}

export function formatHostPort({ host, port }: ListenAddress): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** True for the wildcard addresses, which a guest cannot connect to. */
export function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::';
}

/** The NoCloud seed URL of a VM: cloud-init appends `meta-data`, `user-data`... so it ends in `/`. */
export function seedUrl(address: ListenAddress, vm: string): string {
  return `http://${formatHostPort(address)}/${encodeURIComponent(vm)}/`;
}

const xmlEscape = (text: string): string => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll("'", '&apos;');

export interface GuestPointers {
  readonly seed_url: string;
  /** `ds=nocloud;s=URL`: kernel argument and SMBIOS serial alike. */
  readonly kernel_arg: string;
  /** The value of QEMU's `-smbios` option. */
  readonly qemu_smbios: string;
  /** The libvirt `<sysinfo>` element (with `<smbios mode='sysinfo'/>` in `<os>`). */
  readonly libvirt_sysinfo: string;
}

/** Every form that points a guest at `vm`'s seed URL. */
export function guestPointers(address: ListenAddress, vm: string): GuestPointers {
  const url = seedUrl(address, vm);
  const datasource = `ds=nocloud;s=${url}`;
  return {
    seed_url: url,
    kernel_arg: datasource,
    // QEMU option values separate fields with commas; a literal comma is written twice.
    qemu_smbios: `type=1,serial=${datasource.replaceAll(',', ',,')}`,
    libvirt_sysinfo: `<sysinfo type='smbios'>\n  <system>\n    <entry name='serial'>${xmlEscape(datasource)}</entry>\n  </system>\n</sysinfo>`,
  };
}

/** The text `--print-cmdline` prints: each form a user can paste. */
export function describeGuestPointers(address: ListenAddress, vm: string): string {
  const { kernel_arg: datasource, qemu_smbios: smbios, libvirt_sysinfo: sysinfo } = guestPointers(address, vm);
  return [
    `# Kernel command line (quote it: ';' ends a command in grub and in shells):`,
    `'${datasource}'`,
    ``,
    `# QEMU: the same URL as the SMBIOS system serial number (no kernel change needed):`,
    `-smbios '${smbios}'`,
    ``,
    `# libvirt domain XML: inside <domain>, and <smbios mode='sysinfo'/> inside <os>:`,
    sysinfo,
    ``,
  ].join('\n');
}
