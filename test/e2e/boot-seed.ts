/** Boots the cached guest with a seed image attached, once (-snapshot) or twice (qcow2 overlay). */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileTree } from '../../src/render/file-tree.js';
import { ensureGuestImage } from './guest-image.js';
import { bootGuest, createOverlay, type BootResult } from './qemu.js';
import { DEFAULT_MAC, seedDevice, type Machine, type SeedDrive } from './qemu-args.js';

export interface SeedBoot {
  readonly image: Uint8Array;
  /** iso9660 seeds go in as a CD-ROM, vfat seeds as a disk (how libvirt users attach them). */
  readonly filesystem: 'iso9660' | 'vfat';
  /** One NIC per MAC; default one NIC with QEMU's default MAC. */
  readonly macs?: readonly string[];
  readonly kernelArgs?: readonly string[];
}

export interface SeedBootResult {
  /** One entry per boot: its facts, duration and attempts. */
  readonly boots: readonly BootResult[];
  /** The guest's name for the seed device, as cloud-init should report it. */
  readonly seedDevice: string;
}

/** Writes the seed into dir and boots the guest `boots` times (more than once: over an overlay). */
export async function bootWithSeed(dir: string, seed: SeedBoot, boots = 1): Promise<SeedBootResult> {
  const drive: SeedDrive =
    seed.filesystem === 'iso9660'
      ? { path: join(dir, 'seed.iso'), attach: 'cdrom' }
      : { path: join(dir, 'seed.img'), attach: 'disk' };
  await writeFile(drive.path, seed.image);
  const guest = await ensureGuestImage();
  const overlay = join(dir, 'overlay.qcow2');
  if (boots > 1) createOverlay(guest, overlay);
  const machine: Machine = {
    guest,
    root: boots > 1 ? { kind: 'overlay', path: overlay } : { kind: 'snapshot' },
    seed: drive,
    macs: seed.macs ?? [DEFAULT_MAC],
    kernelArgs: seed.kernelArgs ?? [],
  };
  const results: BootResult[] = [];
  for (let boot = 1; boot <= boots; boot++) {
    results.push(await bootGuest(machine, { workDir: dir, name: `boot${boot}` }));
  }
  return { boots: results, seedDevice: seedDevice(drive) };
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
