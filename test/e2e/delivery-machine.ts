/**
 * QEMU user networking and kernel arguments that hand a guest its seed without a seed disk: a
 * server on the host's loopback reached through a `guestfwd` rule (restrict=on: the guest reaches
 * nothing else), or guestinfo variables put into cloud-init's environment.
 */
import type { Machine } from './qemu-args.js';

export interface DeliveryNet extends Pick<Machine, 'nicOptions' | 'extraArgs'> {
  readonly kernelArgs: readonly string[];
}

/**
 * One relay per guest connection (the `cmd:` form): the `tcp:` form opens a single connection
 * when QEMU starts, which breaks on cloud-init's second request.
 */
function relayTo(port: number): string {
  return `cmd:nc 127.0.0.1 ${port}`;
}

/** The NoCloud seed URL on the kernel command line; 10.0.2.100 (inside QEMU's 10.0.2.0/24) carried to the server. */
export function seedUrlUserNet(port: number, vm: string): DeliveryNet {
  return {
    nicOptions: [`guestfwd=tcp:10.0.2.100:80-${relayTo(port)}`],
    kernelArgs: [`ds=nocloud;s=http://10.0.2.100:80/${vm}/`],
  };
}

/**
 * The OpenStack metadata service: the user network moved to 169.254.0.0/16 so that
 * 169.254.169.254 lies inside it (QEMU refuses a guestfwd address outside), and the SMBIOS product
 * cloud-init recognises. `ds=OpenStack` because the guest's datasource_list names only the seed
 * datasources (NoCloud, ConfigDrive); the `ds=` spelling, unlike `ci.ds=`, is not deprecated in 25.x.
 */
export function openStackUserNet(port: number): DeliveryNet {
  return {
    nicOptions: [
      'net=169.254.0.0/16',
      'host=169.254.0.2',
      'dns=169.254.0.3',
      'dhcpstart=169.254.0.15',
      `guestfwd=tcp:169.254.169.254:80-${relayTo(port)}`,
    ],
    extraArgs: ['-smbios', 'type=1,product=OpenStack Nova'],
    kernelArgs: ['ds=OpenStack'],
  };
}

/**
 * guestinfo.env (VAR=value lines) as kernel arguments: `systemd.setenv=` puts each variable into
 * the environment of every service systemd starts, cloud-init's included, which is where the
 * VMware datasource's envvar transport looks. `ds=VMware` because the guest's datasource_list
 * does not name it (ds-identify runs as a generator, outside that environment).
 */
export function guestinfoKernelArgs(envFile: string): string[] {
  const lines = envFile.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
  for (const line of lines) {
    if (!/^VMX_GUESTINFO\w*=\S+$/.test(line)) throw new Error(`guestinfo.env line is not VMX_GUESTINFO...=VALUE: ${line.slice(0, 40)}`);
  }
  return ['ds=VMware', ...lines.map((line) => `systemd.setenv=${line}`)];
}
