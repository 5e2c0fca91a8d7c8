/**
 * `kubevirt`: a VirtualMachine's cloud-init volume (`cloudInitNoCloud` or `cloudInitConfigDrive`)
 * reading a Secret through `secretRef` and `networkDataSecretRef`, and that Secret (keys
 * `userdata` and `networkdata`). NoCloud network data is the network-config file (netplan v2 or
 * v1); ConfigDrive network data is network_data.json.
 *
 * KubeVirt writes the meta-data itself: the instance-id is derived from the VM, the host name is
 * the VMI's (the user data's `hostname:` still wins), and on a config drive its public_keys come
 * from the VM's accessCredentials. So from the seed only user data and network data arrive; the
 * warnings name what is lost.
 */
import type { InstanceModel } from '../../model/types.js';
import { toYaml11 } from '../../render/yaml11.js';
import { renderModel } from '../../seed.js';
import type { Exporter } from '../types.js';
import { textExport, textOf } from './common.js';
import { resourceName, secretDocument, yamlStream } from './kubernetes.js';

const VOLUME = 'cloudinitdisk';

function droppedByKubevirt(model: InstanceModel): string[] {
  const dropped = [
    // The cloud-config always carries `hostname:`, which cloud-init prefers to the meta-data's name.
    `KubeVirt writes the meta-data itself: the instance-id ${model.instanceId} is replaced by one derived from the VM, so a changed seed is not a new instance to cloud-init (per-instance modules do not run again); the meta-data's host name is the VMI's, but the user data still sets ${model.hostname}`,
  ];
  if (model.vendorData !== undefined) dropped.push('KubeVirt takes no vendor data: vendor_data is dropped');
  if (model.datasource === 'configdrive') {
    if (model.ssh.authorizedKeys.length > 0) {
      // The cloud-config carries them too, so the default user still gets them from the user data.
      dropped.push(
        "meta_data.json's public_keys come from the VM's accessCredentials, not from ssh.authorized_keys (the user data still gives those keys to the default user)",
      );
    }
    if (Object.keys(model.meta).length > 0) dropped.push('meta: is dropped (it lives in meta_data.json, which KubeVirt writes)');
    if (model.files.length > 0) dropped.push(`the ${model.files.length} injected file(s) under files: are dropped (use write_files)`);
    if (model.adminPass !== undefined) dropped.push('windows.admin_pass is dropped (it lives in meta_data.json, which KubeVirt writes)');
  }
  return dropped;
}

export const exportKubevirt: Exporter = (model, options) => {
  const { files } = renderModel(model);
  const name = `${resourceName(model, options)}-cloud-init`;
  const configDrive = model.datasource === 'configdrive';
  const userData = files.get(configDrive ? 'openstack/latest/user_data' : 'user-data')!;
  const networkData = configDrive ? textOf(files, 'openstack/latest/network_data.json') : textOf(files, 'network-config');
  const secretData: Record<string, string | Uint8Array> = { userdata: userData };
  if (networkData !== undefined) secretData['networkdata'] = networkData;
  const source: Record<string, unknown> = { secretRef: { name } };
  if (networkData !== undefined) source['networkDataSecretRef'] = { name };
  const volume = {
    disks: [{ name: VOLUME, disk: { bus: 'virtio' } }],
    volumes: [{ name: VOLUME, [configDrive ? 'cloudInitConfigDrive' : 'cloudInitNoCloud']: source }],
  };
  return {
    files: [
      textExport('secret.yaml', yamlStream([secretDocument(name, secretData)])),
      textExport(
        'volume.yaml',
        `# Add to the VirtualMachine: disks under spec.template.spec.domain.devices.disks, volumes under spec.template.spec.volumes\n${toYaml11(volume)}`,
      ),
    ],
    warnings: droppedByKubevirt(model),
    notes: [`kubectl apply -n NAMESPACE -f secret.yaml (the VM must be in the same namespace), then add the entries of volume.yaml to the VirtualMachine`],
  };
};
