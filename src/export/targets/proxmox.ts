/**
 * `proxmox`: snippet files for Proxmox VE's `cicustom` (user, network, meta, vendor) and the
 * `qm set` line that points a VM at them with `citype nocloud`. Proxmox copies the snippets into
 * the cloud-init drive it builds (label cidata) as user-data, network-config, meta-data and
 * vendor-data, and generates any part not given from the VM's own cloud-init settings.
 */
import { SpecError } from '../../errors.js';
import { renderModel } from '../../seed.js';
import type { Exporter } from '../types.js';
import { MIB, shellQuote } from './common.js';
import { resourceName } from './kubernetes.js';

/** The most the cloud-init drive Proxmox builds can hold. */
export const PROXMOX_CLOUD_INIT_LIMIT = 3 * MIB;

/** cicustom key -> the NoCloud file it becomes. */
const PARTS = [
  ['user', 'user-data'],
  ['network', 'network-config'],
  ['meta', 'meta-data'],
  ['vendor', 'vendor-data'],
] as const;

export const exportProxmox: Exporter = (model, options) => {
  const { files } = renderModel(model);
  const name = resourceName(model, options);
  const storage = options.storage ?? 'local';
  const parts = PARTS.flatMap(([key, file]) => {
    const content = files.get(file);
    return content === undefined ? [] : [{ key, name: `${name}-${key}.yaml`, content }];
  });
  const total = parts.reduce((sum, part) => sum + part.content.length, 0);
  if (total > PROXMOX_CLOUD_INIT_LIMIT) {
    throw new SpecError([{ path: '', message: `the snippets total ${total} bytes; the cloud-init drive Proxmox builds holds at most 3 MiB (${PROXMOX_CLOUD_INIT_LIMIT} bytes)` }]);
  }
  const cicustom = parts.map((part) => `${part.key}=${storage}:snippets/${part.name}`).join(',');
  const script = [
    '#!/bin/sh',
    `# Copy the snippets to the snippets folder of storage '${storage}' (it needs the snippets content type;`,
    '# for "local": /var/lib/vz/snippets/), then on the Proxmox host: VMID=<id> sh qm-set.sh',
    `qm set "\${VMID:?set VMID to the VM id}" --citype nocloud --cicustom ${shellQuote(cicustom)}`,
    '# The VM also needs a cloud-init drive, once: qm set "$VMID" --ide2 <storage>:cloudinit',
  ].join('\n');
  const warnings = [
    "with cicustom, Proxmox ignores the VM's ciuser, cipassword and sshkeys (the user snippet replaces them)" +
      (files.has('network-config') ? ' and its ipconfig/nameserver settings (the network snippet replaces them)' : ''),
  ];
  if (!files.has('network-config')) {
    warnings.push("the spec has no network: Proxmox writes the network-config from the VM's ipconfig settings");
  }
  return {
    files: [...parts.map((part) => ({ name: part.name, content: part.content })), { name: 'qm-set.sh', content: new TextEncoder().encode(`${script}\n`) }],
    warnings,
    notes: [`copy ${parts.map((part) => part.name).join(', ')} to the snippets folder of storage ${storage}, then VMID=<id> sh qm-set.sh on the Proxmox host`],
  };
};
