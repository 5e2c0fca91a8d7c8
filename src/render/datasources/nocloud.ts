/**
 * NoCloud (`cidata`): meta-data, user-data, and network-config when a network is given.
 * meta-data and user-data must both exist, even when one says little. Extra meta-data keys
 * (spec `meta_data`) are written with them.
 */
import type { InstanceModel } from '../../model/types.js';
import type { DatasourceEntry } from '../types.js';
import { fileTree, type FileTree } from '../../common/file-tree.js';
import { networkConfigFile } from '../network/netplan-v2.js';
import { renderUserData } from '../user-data.js';
import { renderVendorDataText } from '../vendor-data.js';
import { toYaml11 } from '../yaml11.js';

export function renderNoCloud(model: InstanceModel): FileTree {
  const metaData = { 'instance-id': model.instanceId, 'local-hostname': model.hostname, ...model.metaData };
  const files: [string, string][] = [
    ['meta-data', toYaml11(metaData)],
    ['user-data', renderUserData(model)],
  ];
  // Written without a top-level `network:` wrapper: only cloud-init >= 22.2 strips one.
  if (model.network) files.push(['network-config', networkConfigFile(model.network, model.networkConfigVersion, model.cloudInitVersion)]);
  if (model.vendorData !== undefined) {
    files.push(['vendor-data', renderVendorDataText(model.vendorData)]);
  }
  return fileTree(files);
}

/** The registry entry (datasources/index.ts). */
export const nocloud = { labels: ['cidata', 'CIDATA'], title: 'NoCloud', render: renderNoCloud, networkFile: 'network-config' } as const satisfies DatasourceEntry;
