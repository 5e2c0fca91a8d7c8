/**
 * `vmware`: cloud-init's VMware datasource (21.3+) reads `guestinfo.metadata`,
 * `guestinfo.userdata` and `guestinfo.vendordata`, each decoded by its `<key>.encoding`
 * (`gzip+base64`: base64 of the gzipped text; `base64`). The metadata is YAML with instance-id,
 * local-hostname and the network config as a mapping (`network`).
 *
 * The same keys in four forms: `.vmx` lines, a `govc vm.change -e` command, a Terraform
 * `extra_config` map (vsphere_virtual_machine), and the environment of the datasource's `envvar`
 * transport (VMX_GUESTINFO=1 and VMX_GUESTINFO_<KEY>[_ENCODING]), which lets a guest that is not
 * on VMware read the same seed.
 */
import { isAtLeast } from '../../model/network/cloud-init-versions.js';
import { renderNetplanV2 } from '../../render/network/netplan-v2.js';
import { renderNetworkV1 } from '../../render/network/v1.js';
import { toYaml11 } from '../../render/yaml11.js';
import { renderModel } from '../../seed.js';
import type { Exporter } from '../types.js';
import { base64, gzip, shellQuote, textExport } from './common.js';

const encoder = new TextEncoder();

/** The first cloud-init with the VMware datasource. */
const VMWARE_DATASOURCE: readonly [number, number] = [21, 3];

function encode(bytes: Uint8Array, encoding: 'gzip+base64' | 'base64'): string {
  return base64(encoding === 'base64' ? bytes : gzip(bytes));
}

/** Upper case, dots to underscores: the datasource's name for a key in its envvar transport. */
const envName = (key: string): string => `VMX_${key.toUpperCase().replace(/\./g, '_')}`;

export const exportVmware: Exporter = (model, options) => {
  const encoding = options.encoding ?? 'gzip+base64';
  const seed = renderModel(model);
  const metaData: Record<string, unknown> = { 'instance-id': model.instanceId, 'local-hostname': model.hostname };
  if (model.network) {
    metaData['network'] =
      model.networkConfigVersion === 2 ? renderNetplanV2(model.network, model.cloudInitVersion) : renderNetworkV1(model.network);
  }
  // User and vendor data go as the seed has them, bytes and all (a user-data part may be binary).
  const documents: [string, Uint8Array][] = [
    ['metadata', encoder.encode(toYaml11(metaData))],
    ['userdata', seed.files.get('user-data')!],
  ];
  const vendorData = seed.files.get('vendor-data');
  if (vendorData !== undefined) documents.push(['vendordata', vendorData]);
  const keys: [string, string][] = documents.flatMap(([key, bytes]) => [
    [`guestinfo.${key}`, encode(bytes, encoding)],
    [`guestinfo.${key}.encoding`, encoding],
  ]);
  const width = Math.max(...keys.map(([key]) => key.length));

  const warnings = [
    'a vSphere guest customization spec (or VMware Tools customization) would override the host name and network: deploy without one',
  ];
  if (model.users.some((user) => user.passwordHash !== undefined)) {
    warnings.push('guestinfo.userdata carries password hashes: anyone who can read the VM configuration, and any process in the guest, can read it');
  }
  if (!isAtLeast(model.cloudInitVersion, VMWARE_DATASOURCE)) {
    warnings.push(`the VMware datasource needs cloud-init 21.3 or later; older guests ignore guestinfo (cloud_init_version is ${model.cloudInitVersion.join('.')})`);
  }
  return {
    files: [
      textExport('guestinfo.vmx', keys.map(([key, value]) => `${key} = "${value}"`).join('\n')),
      textExport(
        'govc.sh',
        [
          '#!/bin/sh',
          '# Sets the guestinfo keys on a powered-off VM: VM=<name or inventory path> sh govc.sh',
          `govc vm.change -vm "\${VM:?set VM to the virtual machine}" ${keys.map(([key, value]) => `-e ${shellQuote(`${key}=${value}`)}`).join(' ')}`,
        ].join('\n'),
      ),
      textExport('extra_config.tf', ['extra_config = {', ...keys.map(([key, value]) => `  ${`"${key}"`.padEnd(width + 2)} = "${value}"`), '}'].join('\n')),
      textExport('guestinfo.env', ['VMX_GUESTINFO=1', ...keys.map(([key, value]) => `${envName(key)}=${value}`)].join('\n')),
    ],
    warnings,
    notes: [
      'add guestinfo.vmx to the .vmx file, run govc.sh, or put extra_config.tf into a vsphere_virtual_machine resource; guestinfo.env is the same seed for the envvar transport (VMX_GUESTINFO=1)',
    ],
  };
};
