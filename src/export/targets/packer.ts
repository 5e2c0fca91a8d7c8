/**
 * `packer`: the `cd_content` map (path in the image -> file text) and `cd_label` that Packer's
 * builders (qemu, vsphere-iso, proxmox-iso, ...) turn into a CD themselves, as an HCL2 fragment
 * and as the same fragment in HCL2's JSON syntax (.pkr.json), to put inside a `source` block.
 *
 * Both syntaxes read strings as templates, so `${` and `%{` in a file (shell scripts, jinja
 * user-data) are written as `$${` and `%%{`, which Packer turns back into the literal text.
 */
import { SpecError } from '../../errors.js';
import { contentBytes } from '../../input/source-file-reader.js';
import { renderModel } from '../../seed.js';
import type { Exporter } from '../types.js';
import { textExport, textOf } from './common.js';

/** Literal text in an HCL2 template: template sequences doubled. */
export function escapeTemplate(text: string): string {
  return text.replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
}

/** An HCL2 quoted string: JSON's escapes are a subset HCL2 accepts (\n, \", \\, \uNNNN...). */
function hclString(text: string): string {
  return JSON.stringify(escapeTemplate(text));
}

const isUtf8 = (content: Uint8Array): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content);
    return true;
  } catch {
    return false;
  }
};

export const exportPacker: Exporter = (model) => {
  const binary = model.files.findIndex((file) => !isUtf8(contentBytes(file.content)));
  if (binary !== -1) {
    throw new SpecError([{ path: `files[${binary}]`, message: "is not UTF-8 text, and Packer's cd_content takes text: use --to dir and cd_files" }]);
  }
  const { files } = renderModel(model);
  const content: [string, string][] = [...files.keys()].map((path) => {
    const text = textOf(files, path);
    if (text === undefined) {
      throw new SpecError([{ path: 'files', message: `${path} is not UTF-8 text, and Packer's cd_content takes text: use --to dir and cd_files` }]);
    }
    return [path, text];
  });
  const label = model.image.label;
  const width = Math.max(...content.map(([path]) => JSON.stringify(path).length));
  const hcl = [
    `cd_label = ${hclString(label)}`,
    'cd_content = {',
    ...content.map(([path, text]) => `  ${JSON.stringify(path).padEnd(width)} = ${hclString(text)}`),
    '}',
  ].join('\n');
  const json = JSON.stringify({ cd_label: escapeTemplate(label), cd_content: Object.fromEntries(content.map(([path, text]) => [path, escapeTemplate(text)])) }, null, 2);
  // Packer only makes CDs (iso9660): a vfat seed's filesystem cannot travel.
  const warnings =
    model.image.filesystem === 'vfat' ? ['Packer builds an iso9660 CD from cd_content: the spec\'s filesystem vfat is not used, only the files and the label'] : [];
  return {
    files: [textExport('cd_content.hcl', hcl), textExport('cd_content.pkr.json', json)],
    warnings,
    notes: [
      'Packer needs xorriso, mkisofs, hdiutil or oscdimg on the build host to make the CD',
      "paste cd_content.hcl into the source block (HCL2), or cd_content.pkr.json's keys into the source of a .pkr.json template; not for legacy JSON templates, which expand {{ }} in every string",
    ],
  };
};
