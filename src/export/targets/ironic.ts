/**
 * `ironic` and `ironic-json`: the node provision `configdrive` field of Ironic's API.
 *
 * - `ironic`: base64(gzip(iso9660 labelled config-2)). ironic-python-agent decodes and gunzips
 *   it and refuses more than 64 MiB uncompressed, then writes it to a partition labelled
 *   config-2 at the end of the disk (as vfat on 4K-sector disks, same files).
 * - `ironic-json`: {meta_data, network_data, user_data, vendor_data}, from which Ironic builds the
 *   drive itself (API microversion 1.56; vendor_data needs 1.59). Ironic writes only those four
 *   files, so injected files (`openstack/content/`) cannot travel this way.
 */
import { SpecError } from '../../errors.js';
import { buildModel, renderModel } from '../../seed.js';
import type { Exporter } from '../types.js';
import { base64, gzip, MIB, textExport, textOf } from './common.js';

/** ironic-python-agent's limit on the uncompressed config drive. */
export const IRONIC_CONFIG_DRIVE_LIMIT = 64 * MIB;

const LATEST = 'openstack/latest';

export const exportIronic: Exporter = async (model, options) => {
  if (model.image.filesystem !== 'iso9660') {
    throw new SpecError([{ path: 'filesystem', message: "Ironic takes an iso9660 config drive; leave filesystem unset or use 'iso9660'" }]);
  }
  const seed = await buildModel(model, options);
  if (seed.image.length > IRONIC_CONFIG_DRIVE_LIMIT) {
    throw new SpecError([
      { path: 'files', message: `the config drive is ${seed.image.length} bytes; ironic-python-agent refuses more than 64 MiB (${IRONIC_CONFIG_DRIVE_LIMIT} bytes)` },
    ]);
  }
  return {
    files: [textExport('configdrive.b64', base64(gzip(seed.image)))],
    warnings: [],
    notes: ['pass the text as the node\'s configdrive: baremetal node deploy NODE --config-drive "$(cat FILE)"'],
  };
};

function parseJson(text: string | undefined): unknown {
  return text === undefined ? undefined : JSON.parse(text);
}

export const exportIronicJson: Exporter = (model) => {
  const { files } = renderModel(model);
  const metaData = parseJson(textOf(files, `${LATEST}/meta_data.json`)) as Record<string, unknown>;
  const warnings: string[] = [];
  if (model.files.length > 0) {
    warnings.push(
      `Ironic builds the drive from JSON without openstack/content/: the ${model.files.length} injected file(s) (files:) are dropped; use --to ironic to keep them`,
    );
    delete metaData['files'];
  }
  const vendorData = parseJson(textOf(files, `${LATEST}/vendor_data.json`));
  const userData = textOf(files, `${LATEST}/user_data`);
  if (userData === undefined) {
    throw new SpecError([{ path: 'user_data', message: 'is not UTF-8 text, and Ironic\'s JSON configdrive takes user_data as a string: use --to ironic' }]);
  }
  const body: Record<string, unknown> = { meta_data: metaData, user_data: userData };
  const networkData = parseJson(textOf(files, `${LATEST}/network_data.json`));
  if (networkData !== undefined) body['network_data'] = networkData;
  if (vendorData !== undefined) body['vendor_data'] = vendorData;
  return {
    files: [textExport('configdrive.json', JSON.stringify(body, null, 2))],
    warnings,
    notes: [
      `needs Ironic API microversion ${vendorData === undefined ? '1.56' : '1.59 (vendor_data)'} or later: baremetal --os-baremetal-api-version ${vendorData === undefined ? '1.56' : '1.59'} node deploy NODE --config-drive configdrive.json`,
    ],
  };
};
