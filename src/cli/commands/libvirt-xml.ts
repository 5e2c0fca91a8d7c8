/**
 * `cloudseed libvirt-xml IMAGE`: the libvirt `<disk>` element that attaches a seed image to a domain
 * (`virsh attach-device DOMAIN disk.xml --config`, or pasted into `virsh edit`).
 * An iso9660 seed goes in as a CD-ROM, a vfat seed as a disk: cloud-init finds either by its label.
 */
import { Option, type Command } from 'commander';
import { type ImageFilesystem, SIGNATURE_HEAD_LENGTH, sniffFilesystem } from '../../codec/signature.js';
import { IoError } from '../../errors.js';
import { result, resultJson } from '../terminal.js';

const BUSES = ['sata', 'scsi', 'virtio', 'usb', 'ide'] as const;
type Bus = (typeof BUSES)[number];

/**
 * Device-name prefixes libvirt uses per bus; the second device (`b`) leaves the first to the root
 * disk (the CD-ROM then is `sdb`, as in `virsh attach-disk DOMAIN seed.iso sdb --type cdrom`).
 */
const TARGET_PREFIX: Record<Bus, string> = { sata: 'sd', scsi: 'sd', usb: 'sd', virtio: 'vd', ide: 'hd' };
/** A CD-ROM on virtio-blk does not exist in QEMU: CD-ROMs default to SATA, disks to virtio (as test/e2e boots them). */
const DEFAULT_BUS: Record<ImageFilesystem, Bus> = { iso9660: 'sata', vfat: 'virtio' };

interface LibvirtXmlOptions {
  target?: string;
  bus?: Bus;
  json?: boolean;
}

/** XML 1.0 attribute value in single quotes. */
function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll("'", '&apos;').replaceAll('"', '&quot;');
}

export interface DiskElement {
  readonly path: string;
  readonly filesystem: ImageFilesystem;
  readonly device: 'cdrom' | 'disk';
  readonly bus: Bus;
  readonly target: string;
}

/** The libvirt domain XML `<disk>` element (https://libvirt.org/formatdomain.html#hard-drives-floppy-disks-cdroms). */
export function formatDiskElement(disk: DiskElement): string {
  return [
    `<disk type='file' device='${disk.device}'>`,
    `  <driver name='qemu' type='raw'/>`,
    `  <source file='${escapeAttribute(disk.path)}'/>`,
    `  <target dev='${escapeAttribute(disk.target)}' bus='${disk.bus}'/>`,
    // cloud-init only reads the seed; read-only also lets several VMs share one image.
    `  <readonly/>`,
    `</disk>`,
  ].join('\n');
}

export function planDisk(path: string, filesystem: ImageFilesystem, options: { bus?: Bus; target?: string }): DiskElement {
  const bus = options.bus ?? DEFAULT_BUS[filesystem];
  return {
    path,
    filesystem,
    device: filesystem === 'iso9660' ? 'cdrom' : 'disk',
    bus,
    target: options.target ?? `${TARGET_PREFIX[bus]}b`,
  };
}

async function readHead(path: string): Promise<Uint8Array> {
  const { open } = await import('node:fs/promises');
  try {
    const file = await open(path, 'r');
    try {
      const head = new Uint8Array(SIGNATURE_HEAD_LENGTH);
      const { bytesRead } = await file.read(head, 0, SIGNATURE_HEAD_LENGTH, 0);
      return head.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new IoError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}

export function registerLibvirtXml(program: Command): void {
  program
    .command('libvirt-xml')
    .description('print the libvirt <disk> element for a seed image (iso as CD-ROM, vfat as disk)')
    .argument('<image>', 'seed image (iso9660 or vfat)')
    .option('--target <dev>', "target device name (default: sdb for a CD-ROM, vdb for a virtio disk)")
    .addOption(new Option('--bus <bus>', 'bus (default: sata for iso9660, virtio for vfat)').choices(BUSES))
    .option('--json', 'print the element and its settings as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ cloudseed libvirt-xml seed.iso > seed-disk.xml && virsh attach-device web01 seed-disk.xml --config
  $ cloudseed libvirt-xml seed.img --bus virtio --target vdb
  $ cloudseed libvirt-xml seed.iso --bus ide --target hdc`,
    )
    .action(async (imagePath: string, options: LibvirtXmlOptions) => {
      const { resolve } = await import('node:path');
      // libvirt resolves relative paths against its own working directory, not ours.
      const path = resolve(imagePath);
      const filesystem = sniffFilesystem(await readHead(path));
      if (filesystem === undefined) throw new IoError(`${imagePath}: not an iso9660 or FAT image`);
      const disk = planDisk(path, filesystem, options);
      const xml = formatDiskElement(disk);
      if (options.json) resultJson({ ...disk, xml });
      else result(xml);
    });
}
