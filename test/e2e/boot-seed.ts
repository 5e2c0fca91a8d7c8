/** Boots the cached guest with a seed image attached: once (-snapshot), or more over a qcow2 overlay. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileTree } from '../../src/common/file-tree.js';
import { ensureGuestImage, type GuestSuite } from './guest-image.js';
import { bootGuest, createOverlay, type BootResult } from './qemu.js';
import { DEFAULT_MAC, seedDevice, type Machine, type SeedDrive } from './qemu-args.js';

/** cloud-init's network renderers; the trixie guest has the stacks of all four. */
export type NetworkRenderer = 'eni' | 'netplan' | 'network-manager' | 'networkd';

/** The service that brings up what each renderer writes (netplan generates systemd-networkd files). */
const RENDERER_SERVICE: Record<NetworkRenderer, string | undefined> = {
  eni: undefined,
  netplan: 'systemd-networkd.service',
  'network-manager': 'NetworkManager.service',
  networkd: 'systemd-networkd.service',
};

/**
 * Kernel arguments that make one boot use one renderer, with nothing written into the image:
 * cloud-init merges the cloud-config between `cc:` and `end_cc` on the kernel command line over
 * /etc/cloud (before cloud-init-local reads system_info), and systemd's debug generator starts
 * the renderer's service (`systemd.wants=`; the image has only ifupdown enabled). The
 * wait-online units are masked: the reporter waits for cloud-init itself, and a stack waiting
 * for links it does not manage would only stall the boot.
 */
export function rendererKernelArgs(renderer: NetworkRenderer): string[] {
  const service = RENDERER_SERVICE[renderer];
  return [
    'cc:', 'system_info:', '{network:', `{renderers:`, `[${renderer}]}}`, 'end_cc',
    ...(service ? [`systemd.wants=${service}`] : []),
    'systemd.mask=systemd-networkd-wait-online.service',
    'systemd.mask=NetworkManager-wait-online.service',
  ];
}

export interface SeedAttachment {
  /** The Debian guest to boot (its cloud-init generation). */
  readonly suite: GuestSuite;
  /** The renderer cloud-init must use (rendererKernelArgs); default: the guest's own choice. */
  readonly renderer?: NetworkRenderer | undefined;
  /** iso9660 seeds go in as a CD-ROM, vfat seeds as a disk (how libvirt users attach them). */
  readonly filesystem: 'iso9660' | 'vfat';
  /** One NIC per MAC; default one NIC with QEMU's default MAC. */
  readonly macs?: readonly string[] | undefined;
  readonly kernelArgs?: readonly string[];
}

export interface SeedBootResult {
  /** One entry per boot: its facts, duration and attempts. */
  readonly boots: readonly BootResult[];
  /** The guest's name for the seed device, as cloud-init should report it. */
  readonly seedDevice: string;
}

/**
 * Boots once per image, each attached in turn at the same place. With more than one image the
 * guest's disk is a qcow2 overlay, so each boot sees what the ones before wrote.
 */
export async function bootWithSeeds(
  dir: string,
  attachment: SeedAttachment,
  images: readonly Uint8Array[],
): Promise<SeedBootResult> {
  const drive: SeedDrive =
    attachment.filesystem === 'iso9660'
      ? { path: join(dir, 'seed.iso'), attach: 'cdrom' }
      : { path: join(dir, 'seed.img'), attach: 'disk' };
  const guest = await ensureGuestImage(attachment.suite);
  const persistent = images.length > 1;
  const overlay = join(dir, 'overlay.qcow2');
  if (persistent) createOverlay(guest, overlay);
  const machine: Machine = {
    guest,
    root: persistent ? { kind: 'overlay', path: overlay } : { kind: 'snapshot' },
    seed: drive,
    macs: attachment.macs ?? [DEFAULT_MAC],
    kernelArgs: [...(attachment.renderer ? rendererKernelArgs(attachment.renderer) : []), ...(attachment.kernelArgs ?? [])],
  };
  const boots: BootResult[] = [];
  for (const [index, image] of images.entries()) {
    await writeFile(drive.path, image);
    boots.push(await bootGuest(machine, { workDir: dir, name: `boot${index + 1}` }));
  }
  return { boots, seedDevice: seedDevice(drive) };
}

/** The seed's files, written beside the image so a failing scenario's folder shows what was in it. */
export async function keepSeedFiles(dir: string, files: FileTree): Promise<void> {
  const listing = [...files.keys()].sort();
  await writeFile(join(dir, 'seed-files.txt'), `${listing.join('\n')}\n`);
  for (const path of listing) {
    const bytes = files.get(path);
    if (bytes) await writeFile(join(dir, `seed-file.${path.replaceAll('/', '__')}`), bytes);
  }
}
