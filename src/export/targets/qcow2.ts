/** `qcow2`: the seed image (iso9660 or vfat, as the spec says) as a qcow2 v3 disk. */
import { buildModel } from '../../seed.js';
import { encodeQcow2 } from '../formats/qcow2.js';
import type { Exporter } from '../types.js';

export const exportQcow2: Exporter = async (model, options) => {
  const seed = await buildModel(model, options);
  const { filesystem } = seed;
  return {
    files: [{ name: 'seed.qcow2', content: encodeQcow2(seed.image) }],
    warnings: [],
    notes: [
      filesystem === 'iso9660'
        ? 'attach read-only, as a CD-ROM: -drive file=seed.qcow2,format=qcow2,readonly=on,media=cdrom,if=ide'
        : 'attach read-only, as a disk: -drive file=seed.qcow2,format=qcow2,if=virtio,readonly=on',
    ],
  };
};
