import type { PackOptions } from '../types.js';

/** Options of the native vfat writer. */
export interface VfatOptions extends PackOptions {
  /**
   * Fixed image size in bytes, a multiple of 512 (1474560 gives a 1440K floppy like oVirt vdsm's payload).
   * Undefined: the image is as small as the content allows.
   */
  readonly size?: number;
  /**
   * Write the label with its case kept. Default false: upper-cased (`cidata` -> `CIDATA`), as DOS and
   * mkfs.fat users expect; cloud-init finds both `CIDATA` and `CONFIG-2`.
   */
  readonly exactLabelCase?: boolean;
}

/** Bytes in a FAT volume label field (fatgen103 "Boot Sector and BPB": BS_VolLab, and DIR_Name of the label entry). */
export const VOLUME_LABEL_LENGTH = 11;

/** The label as it goes on disk (before space padding); '' means the volume has no label. */
export function resolveVolumeLabel(options: VfatOptions): string {
  return options.exactLabelCase ? options.label : options.label.toUpperCase();
}
