/**
 * The QEMU command line of one e2e boot: the cached guest's kernel and initramfs, its root image
 * (read-only under -snapshot, or a qcow2 overlay that keeps what the guest wrote), the seed as an
 * IDE CD-ROM (iso9660) or a virtio disk (vfat), user-mode NICs that reach nothing, and two serial
 * ports: ttyS0 the console (boot messages, watched for stalls), ttyS1 the facts reporter's.
 */
import type { Accelerator } from './accelerator.js';
import type { GuestImage } from './guest-image.js';

export type RootDisk = { readonly kind: 'snapshot' } | { readonly kind: 'overlay'; readonly path: string };

export interface SeedDrive {
  readonly path: string;
  /** `cdrom`: IDE CD-ROM, the guest's /dev/sr0. `disk`: virtio disk after the root, /dev/vdb. */
  readonly attach: 'cdrom' | 'disk';
  /** The image's format; default raw. */
  readonly format?: 'raw' | 'qcow2';
}

export interface Machine {
  readonly guest: GuestImage;
  readonly root: RootDisk;
  readonly seed?: SeedDrive;
  /** One NIC per MAC, in this order; the guest names them eth0, eth1, ... (net.ifnames=0). */
  readonly macs: readonly string[];
  /** Appended to the kernel command line (e.g. `cloudseed_e2e.files=/etc/app.conf`). */
  readonly kernelArgs?: readonly string[];
  readonly memoryMiB?: number;
  /** Appended to every NIC's `-nic user,...` options (e.g. `guestfwd=...`, `net=...`). */
  readonly nicOptions?: readonly string[];
  /** Appended to the QEMU command line (e.g. `-smbios type=1,product=...`). */
  readonly extraArgs?: readonly string[];
}

export interface SerialLogs {
  readonly console: string;
  readonly facts: string;
}

/** The MAC QEMU gives its first NIC by default; scenarios use it for eth0. */
export const DEFAULT_MAC = '52:54:00:12:34:56';

/**
 * net.ifnames=0: specs name interfaces eth0, eth1 like most cloud images, and kernel names follow
 * the NIC order above; MAC matches (and set-name renames) still go through cloud-init.
 * panic=-1 with -no-reboot turns a kernel panic into QEMU exiting instead of a silent hang.
 * no_timer_check: on a busy host the TCG guest's early IO-APIC timer check can miss its window,
 * and newer kernels then panic ("IO-APIC + timer doesn't work").
 */
const KERNEL_ARGS = ['console=ttyS0', 'root=/dev/vda', 'rw', 'net.ifnames=0', 'fsck.mode=skip', 'panic=-1', 'no_timer_check'];
const DEFAULT_MEMORY_MIB = 512;

/** The device the guest sees the seed as, which cloud-init names in its subplatform. */
export function seedDevice(seed: SeedDrive): string {
  return seed.attach === 'cdrom' ? '/dev/sr0' : '/dev/vdb';
}

/** The arguments of qemu-system-x86_64 for this machine. */
export function buildQemuArgs(machine: Machine, logs: SerialLogs, accelerator: Accelerator): string[] {
  const args = [
    '-accel', accelerator,
    ...(accelerator === 'kvm' ? ['-cpu', 'host'] : []),
    // One vCPU: multi-vCPU TCG on a loaded 2-core host can hang.
    '-smp', '1',
    '-m', String(machine.memoryMiB ?? DEFAULT_MEMORY_MIB),
    '-display', 'none',
    '-monitor', 'none',
    '-no-reboot',
    '-serial', `file:${logs.console}`,
    '-serial', `file:${logs.facts}`,
    '-kernel', machine.guest.kernel,
    '-initrd', machine.guest.initrd,
    '-append', [...KERNEL_ARGS, ...(machine.kernelArgs ?? [])].join(' '),
    '-drive', rootDrive(machine),
  ];
  if (machine.seed) args.push('-drive', seedDrive(machine.seed));
  for (const mac of machine.macs) {
    args.push('-nic', [`user,restrict=on,model=virtio-net-pci,mac=${mac}`, ...(machine.nicOptions ?? [])].join(','));
  }
  args.push(...(machine.extraArgs ?? []));
  return args;
}

function rootDrive(machine: Machine): string {
  return machine.root.kind === 'snapshot'
    ? `file=${escapeOption(machine.guest.image)},format=raw,if=virtio,snapshot=on`
    : `file=${escapeOption(machine.root.path)},format=qcow2,if=virtio`;
}

function seedDrive(seed: SeedDrive): string {
  const file = `file=${escapeOption(seed.path)},format=${seed.format ?? 'raw'},readonly=on`;
  return seed.attach === 'cdrom' ? `${file},media=cdrom,if=ide` : `${file},if=virtio`;
}

/** QEMU option values escape a comma by doubling it. */
function escapeOption(value: string): string {
  return value.replaceAll(',', ',,');
}

/** The command line as a shell would take it, for the failure folder. */
export function formatCommandLine(command: string, args: readonly string[]): string {
  const quote = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`);
  return [command, ...args].map(quote).join(' ');
}
