/** `dir`: the rendered seed as plain files, as the image would hold them (for Packer cd_files, seedfrom, http_content). */
import { renderModel } from '../../seed.js';
import type { Exporter } from '../types.js';

export const exportDir: Exporter = (model) => {
  const seed = renderModel(model);
  return {
    files: [...seed.files].map(([name, content]) => ({ name, content })),
    warnings: [],
    notes: [
      model.datasource === 'nocloud'
        ? 'serve the folder over HTTP for ds=nocloud;s=http://HOST:PORT/, or hand it to a tool that makes the image (Packer cd_files with cd_label cidata)'
        : 'hand the folder to a tool that makes the image with the volume label config-2 (Packer cd_files with cd_label config-2)',
    ],
  };
};
