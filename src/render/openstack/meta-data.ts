/**
 * openstack/<version>/meta_data.json as Nova writes it for a config drive
 * (nova/api/metadata/base.py, InstanceMetadata._metadata_as_json), with the keys cloud-init and
 * cloudbase-init read:
 * - `uuid` becomes cloud-init's instance-id (required: a drive without it is rejected);
 * - `hostname`: Nova writes `<hostname>.<dhcp_domain>`, a fully qualified name; we write the fqdn
 *   when the spec has one. cloud-init takes the part before the first dot as the hostname and the
 *   whole as the fqdn; cloudbase-init keeps the part before the first dot. `name` is the short name
 *   (Nova's display name);
 * - `public_keys` / `keys`: the default user's keys (ssh.authorized_keys); per-user keys stay in
 *   the cloud-config `users` list;
 * - `admin_pass`: only when the spec opted in (cloudbase-init sets the Windows admin password from
 *   it; cloud-init ignores it).
 */
import type { InstanceModel } from '../../model/types.js';
import type { ContentReference } from './content-files.js';
import { namePublicKeys } from './public-keys.js';

/** Nova's default zone; neither cloud-init nor cloudbase-init acts on it. */
export const AVAILABILITY_ZONE = 'nova';

/** The name a config drive's meta_data.json gives the instance: the fqdn when there is one (see above). */
export function metaDataHostname(model: InstanceModel): string {
  return model.fqdn ?? model.hostname;
}

export function buildNovaMetaData(model: InstanceModel, files: readonly ContentReference[]): Record<string, unknown> {
  const keys = namePublicKeys(model.ssh.authorizedKeys);
  const metaData: Record<string, unknown> = {
    uuid: model.instanceId,
    name: model.hostname,
    hostname: metaDataHostname(model),
    launch_index: 0,
    availability_zone: AVAILABILITY_ZONE,
  };
  if (keys.length > 0) {
    metaData['public_keys'] = Object.fromEntries(keys.map(({ name, key }) => [name, key]));
    metaData['keys'] = keys.map(({ name, key }) => ({ name, type: 'ssh', data: key }));
  }
  if (Object.keys(model.meta).length > 0) metaData['meta'] = { ...model.meta };
  if (files.length > 0) metaData['files'] = [...files];
  if (model.adminPass !== undefined) metaData['admin_pass'] = model.adminPass;
  return metaData;
}
