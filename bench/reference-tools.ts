/**
 * The reference tools, each invoked the way a provisioning script would to make the same seed
 * (label cidata, Rock Ridge + Joliet for iso9660, as cloud-localds does), from a staged folder.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Argv } from './commands.js';
import type { StagedSeed } from './seed-files.js';

export interface ReferenceTool {
  readonly id: string;
  readonly label: string;
  readonly extension: 'iso' | 'img';
  /** The commands that make `output` from the staged seed. */
  readonly steps: (seed: StagedSeed, output: string) => Argv[];
  /** Some tools refuse an existing output file. */
  readonly clearsOutput: boolean;
}

const named = (seed: StagedSeed, name: string): string | undefined => seed.files.find((file) => file.endsWith(`/${name}`));

export const REFERENCE_TOOLS: readonly ReferenceTool[] = [
  {
    id: 'cloud-localds',
    label: 'cloud-localds',
    extension: 'iso',
    clearsOutput: false,
    steps: (seed, output) => {
      const network = named(seed, 'network-config');
      return [['cloud-localds', ...(network ? [`--network-config=${network}`] : []), output, named(seed, 'user-data')!, named(seed, 'meta-data')!]];
    },
  },
  {
    id: 'genisoimage',
    label: 'genisoimage',
    extension: 'iso',
    clearsOutput: false,
    steps: (seed, output) => [['genisoimage', '-quiet', '-output', output, '-volid', 'cidata', '-joliet', '-rock', ...seed.files]],
  },
  {
    id: 'xorrisofs',
    label: 'xorrisofs',
    extension: 'iso',
    clearsOutput: false,
    steps: (seed, output) => [['xorrisofs', '-quiet', '-o', output, '-V', 'cidata', '-J', '-R', seed.dir]],
  },
  {
    id: 'mkfs-vfat-mcopy',
    label: 'mkfs.vfat + mcopy',
    extension: 'img',
    clearsOutput: true,
    // cloud-localds -f vfat makes the same: a 128 KiB FAT image, the files copied in by mcopy.
    steps: (seed, output) => [
      ['mkfs.vfat', '-C', '-n', 'CIDATA', output, '128'],
      ['mcopy', '-oi', output, ...seed.files, '::'],
    ],
  },
];

export function outputFor(tool: ReferenceTool, dir: string, name: string): string {
  return join(dir, `${name}.${tool.extension}`);
}

export function clearOutput(output: string): void {
  rmSync(output, { force: true });
}
