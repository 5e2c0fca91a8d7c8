/**
 * OpenStack config drive (`config-2`), as Nova writes it: `openstack/<version>/` with meta_data.json,
 * user_data, network_data.json (when a network is given) and vendor_data.json (when vendor data is
 * given), and injected files under `openstack/content/`.
 *
 * Two version folders carry the same files: cloud-init picks the newest date it knows and
 * cloudbase-init reads `latest`.
 */
import type { InstanceModel } from '../../model/types.js';
import type { DatasourceEntry } from '../types.js';
import { fileTree, type SeedTree } from '../../common/file-tree.js';
import { numberContentFiles } from '../openstack/content-files.js';
import { toStableJson } from '../openstack/json.js';
import { buildNovaMetaData } from '../openstack/meta-data.js';
import { renderOptionalJsonFiles } from '../openstack/optional-files.js';
import { renderUserData } from '../user-data.js';

/** 2018-08-27 is OS_ROCKY, the newest version cloud-init 20.4 to 25.x know; older ones fall back to `latest`. */
const OPENSTACK_VERSIONS = ['latest', '2018-08-27'] as const;

export function renderConfigDrive(model: InstanceModel): SeedTree {
  const content = numberContentFiles(model.files);
  const perVersion: [string, string][] = [
    ['meta_data.json', toStableJson(buildNovaMetaData(model, content.references))],
    ['user_data', renderUserData(model)],
    ...renderOptionalJsonFiles(model),
  ];
  return fileTree([
    ...OPENSTACK_VERSIONS.flatMap((version) => perVersion.map(([name, text]) => [`openstack/${version}/${name}`, text] as const)),
    ...content.files,
  ]);
}

/** The registry entry (datasources/index.ts). */
export const configdrive = { labels: ['config-2', 'CONFIG-2'], title: 'ConfigDrive (OpenStack config-2)', render: renderConfigDrive, networkFile: 'openstack/latest/network_data.json' } as const satisfies DatasourceEntry;
