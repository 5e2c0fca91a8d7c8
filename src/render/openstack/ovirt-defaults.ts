/**
 * What oVirt's engine puts in every Run Once payload whatever the VM
 * (ovirt-engine, vdsbroker CloudInitHandler.storeExecutionParameters, and the fields it fills from
 * the Run Once dialog). The ovirt renderer applies these; the spec overrides each of them.
 */

/** meta_data.json `meta`: `dsmode: local` lets cloud-init configure the network before it comes up. */
export const OVIRT_META: Readonly<Record<string, string>> = { dsmode: 'local', essential: 'false', role: 'server' };

/** oVirt writes launch_index as a string, unlike Nova. */
export const OVIRT_LAUNCH_INDEX = '0';

export { OVIRT_ENI_PATH } from '../../model/defaults.js';

/** SSH settings of the payload: password login on, root login allowed, fresh host keys. */
export const OVIRT_SSH = { passwordAuth: true, disableRoot: false, deleteHostKeys: true } as const;

/** oVirt's first command: restrict later boots to the seed datasources, so no metadata server is probed. */
export const OVIRT_RUNCMD =
  "sed -i '/^datasource_list: /d' /etc/cloud/cloud.cfg; echo 'datasource_list: [\"NoCloud\", \"ConfigDrive\"]' >> /etc/cloud/cloud.cfg";
