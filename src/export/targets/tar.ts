/**
 * `tar`: cloud-localds's `tar-seed-local` form, the NoCloud seed folder to unpack into an image's
 * root (`var/lib/cloud/seed/nocloud/`), where cloud-init finds it without any disk attached.
 * Entries are root-owned with fixed times, so equal seeds give equal archives.
 */
import { renderModel, resolveEpoch } from '../../seed.js';
import { encodeUstar, type TarEntry } from '../formats/ustar.js';
import type { Exporter } from '../types.js';

export const SEED_DIR = 'var/lib/cloud/seed/nocloud';

export const exportTar: Exporter = (model, options) => {
  const seed = renderModel(model);
  const folders = ['var/', 'var/lib/', 'var/lib/cloud/', 'var/lib/cloud/seed/', `${SEED_DIR}/`];
  const entries: TarEntry[] = [
    ...folders.map((path) => ({ path, mode: 0o755 })),
    // Owner-only: the files can carry password hashes, and cloud-init reads them as root.
    ...[...seed.files].map(([name, content]) => ({ path: `${SEED_DIR}/${name}`, content, mode: 0o600 })),
  ];
  return {
    files: [{ name: 'seed.tar', content: encodeUstar(entries, resolveEpoch(options)) }],
    warnings: [
      `the seed is baked into the image: every machine made from it has the instance-id ${model.instanceId} and the same users and network (remove ${SEED_DIR}/ before cloning)`,
    ],
    notes: ['unpack at the root of the image, e.g. virt-tar-in -a disk.qcow2 seed.tar /, or tar -xpf seed.tar -C /mnt/root'],
  };
};
