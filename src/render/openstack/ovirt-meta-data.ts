/**
 * meta_data.json of an oVirt Run Once payload (ovirt-engine vdsbroker CloudInitHandler): uuid,
 * hostname and name (oVirt writes the same name in both), launch_index "0", availability_zone,
 * meta {dsmode: local, ...} with the spec's meta over it, public_keys as a plain list (cloud-init
 * accepts a list as well as Nova's mapping), and for a network the ENI text twice: inline as
 * `network-interfaces` (read by cloud-init 0.6.x) and through `network_config`, the pointer to the
 * content file that later cloud-init reads.
 */
import type { InstanceModel } from '../../model/types.js';
import type { ContentReference } from './content-files.js';
import { AVAILABILITY_ZONE, metaDataHostname } from './meta-data.js';
import { OVIRT_LAUNCH_INDEX, OVIRT_META } from './ovirt-defaults.js';

export interface OvirtNetworkFile {
  /** The ENI text. */
  readonly text: string;
  readonly reference: ContentReference;
}

export function buildOvirtMetaData(
  model: InstanceModel,
  network: OvirtNetworkFile | undefined,
  files: readonly ContentReference[],
): Record<string, unknown> {
  const hostname = metaDataHostname(model);
  const metaData: Record<string, unknown> = {
    uuid: model.instanceId,
    hostname,
    name: hostname,
    launch_index: OVIRT_LAUNCH_INDEX,
    availability_zone: AVAILABILITY_ZONE,
    meta: { ...OVIRT_META, ...model.meta },
  };
  if (model.ssh.authorizedKeys.length > 0) metaData['public_keys'] = [...model.ssh.authorizedKeys];
  if (network !== undefined) {
    metaData['network-interfaces'] = network.text;
    metaData['network_config'] = network.reference;
  }
  if (files.length > 0) metaData['files'] = [...files];
  // cloudbase-init reads any config-2 drive, an oVirt payload included (see meta-data.ts).
  if (model.adminPass !== undefined) metaData['admin_pass'] = model.adminPass;
  return metaData;
}
