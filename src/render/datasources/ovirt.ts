/**
 * oVirt Run Once payload (`config-2`): what oVirt's engine (vdsbroker CloudInitHandler) builds and
 * vdsm attaches, in `openstack/latest/` only (oVirt writes no dated folder):
 * - meta_data.json (ovirt-meta-data.ts) with the ENI text of the network;
 * - `openstack/content/0000`: the same ENI text, for /etc/network/interfaces;
 * - network_data.json, which cloud-init prefers to the ENI text when both are present
 *   (oVirt >= 4.2 writes it for its "OpenStack Metadata" network protocol);
 * - user_data (ovirt-cloud-config.ts), and vendor_data.json when vendor data is given;
 * - injected files numbered after the network file, as oVirt numbers its attachments.
 */
import type { InstanceModel } from '../../model/types.js';
import type { DatasourceEntry } from '../types.js';
import { fileTree, textFile, type SeedTree } from '../../common/file-tree.js';
import { renderEni } from '../network/eni.js';
import { numberContentFiles } from '../openstack/content-files.js';
import { toStableJson } from '../openstack/json.js';
import { renderOptionalJsonFiles } from '../openstack/optional-files.js';
import { buildOvirtCloudConfig } from '../openstack/ovirt-cloud-config.js';
import { OVIRT_ENI_PATH } from '../openstack/ovirt-defaults.js';
import { buildOvirtMetaData, type OvirtNetworkFile } from '../openstack/ovirt-meta-data.js';
import { renderUserData } from '../user-data.js';

const LATEST = 'openstack/latest';

export function renderOvirt(model: InstanceModel): SeedTree {
  const eni = model.network === undefined ? undefined : renderEni(model.network);
  const networkContent = numberContentFiles(eni === undefined ? [] : [{ path: OVIRT_ENI_PATH, content: textFile(eni) }]);
  const injected = numberContentFiles(model.files, networkContent.files.length);
  const network: OvirtNetworkFile | undefined =
    eni === undefined ? undefined : { text: eni, reference: networkContent.references[0]! };
  return fileTree([
    [`${LATEST}/meta_data.json`, toStableJson(buildOvirtMetaData(model, network, injected.references))],
    [`${LATEST}/user_data`, renderUserData(model, buildOvirtCloudConfig(model))],
    ...renderOptionalJsonFiles(model).map(([name, text]) => [`${LATEST}/${name}`, text] as const),
    ...networkContent.files,
    ...injected.files,
  ]);
}

/** The registry entry (datasources/index.ts): a config drive to cloud-init, its network ENI text inside meta_data.json. */
export const ovirt = { labels: ['config-2', 'CONFIG-2'], title: 'ConfigDrive (oVirt Run Once payload)', render: renderOvirt } as const satisfies DatasourceEntry;
