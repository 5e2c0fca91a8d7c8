/**
 * The export targets, by name: the one list the CLI's choices and --help, the library's types and
 * the docs derive from. Metadata only (no encoders), so the CLI can load it at start-up; the
 * implementations are in registry.ts, which must name every target listed here.
 */
import type { DatasourceName } from '../input/types.js';

export interface ExportTargetInfo {
  readonly name: string;
  /** One line for --help: what the consumer takes. */
  readonly summary: string;
  /** The datasources the consumer reads; the first is used when the spec names none. */
  readonly datasources: readonly DatasourceName[];
  /** `file`: one output file (or stdout). `folder`: several files in one folder. */
  readonly layout: 'file' | 'folder';
  /** Where the output goes without -o. */
  readonly defaultOutput: string;
  /** A command line that uses the target, for --help and the docs. */
  readonly example: string;
}

export const EXPORT_TARGETS = [
  {
    name: 'ironic',
    summary: "Ironic node provision 'configdrive': base64(gzip(config-2 iso9660))",
    datasources: ['configdrive'],
    layout: 'file',
    defaultOutput: 'configdrive.b64',
    example: 'cloudseed export spec.yaml --to ironic -o configdrive.b64',
  },
  {
    name: 'ironic-json',
    summary: "Ironic 'configdrive' as JSON {meta_data, network_data, user_data, vendor_data} (API >= 1.56)",
    datasources: ['configdrive'],
    layout: 'file',
    defaultOutput: 'configdrive.json',
    example: 'cloudseed export spec.yaml --to ironic-json -o configdrive.json',
  },
  {
    name: 'metal3',
    summary: 'Metal3 BareMetalHost Secrets: userData, networkData, metaData',
    datasources: ['configdrive'],
    layout: 'file',
    defaultOutput: 'metal3-secrets.yaml',
    example: 'cloudseed export spec.yaml --to metal3 --name worker-0 -o worker-0-secrets.yaml',
  },
  {
    name: 'kubevirt',
    summary: 'KubeVirt cloudInitNoCloud/cloudInitConfigDrive volume entry and its Secret',
    datasources: ['nocloud', 'configdrive'],
    layout: 'folder',
    defaultOutput: 'kubevirt',
    example: 'cloudseed export spec.yaml --to kubevirt --name vm1 -o kubevirt/',
  },
  {
    name: 'packer',
    summary: 'Packer cd_content map and cd_label, as HCL2 and JSON',
    datasources: ['nocloud', 'configdrive'],
    layout: 'folder',
    defaultOutput: 'packer',
    example: 'cloudseed export spec.yaml --to packer -o packer/',
  },
  {
    name: 'proxmox',
    summary: "Proxmox VE cicustom snippet files and the 'qm set' line (citype nocloud)",
    datasources: ['nocloud'],
    layout: 'folder',
    defaultOutput: 'snippets',
    example: 'cloudseed export spec.yaml --to proxmox --name vm1 --storage local -o /var/lib/vz/snippets/',
  },
  {
    name: 'vmware',
    summary: 'VMware guestinfo keys (gzip+base64) as .vmx lines, a govc command and a Terraform extra_config map',
    datasources: ['nocloud'],
    layout: 'folder',
    defaultOutput: 'guestinfo',
    example: 'cloudseed export spec.yaml --to vmware -o guestinfo/',
  },
  {
    name: 'tar',
    summary: 'tar-seed-local: var/lib/cloud/seed/nocloud/ as a root-owned tar, to bake into an image',
    datasources: ['nocloud'],
    layout: 'file',
    defaultOutput: 'seed.tar',
    example: 'cloudseed export spec.yaml --to tar -o seed.tar',
  },
  {
    name: 'dir',
    summary: "the seed's files in a folder (Packer cd_files/http_content, a seedfrom server)",
    datasources: ['nocloud', 'configdrive', 'ovirt'],
    layout: 'folder',
    defaultOutput: 'seed',
    example: 'cloudseed export spec.yaml --to dir -o seed/',
  },
  {
    name: 'qcow2',
    summary: 'the seed image wrapped in qcow2 (v3), for platforms that take only qcow2 disks',
    datasources: ['nocloud', 'configdrive', 'ovirt'],
    layout: 'file',
    defaultOutput: 'seed.qcow2',
    example: 'cloudseed export spec.yaml --to qcow2 -o seed.qcow2',
  },
] as const satisfies readonly ExportTargetInfo[];

export type ExportTargetName = (typeof EXPORT_TARGETS)[number]['name'];

export const EXPORT_TARGET_NAMES: readonly ExportTargetName[] = EXPORT_TARGETS.map((target) => target.name);

export function exportTargetInfo(name: ExportTargetName): ExportTargetInfo {
  return EXPORT_TARGETS.find((target) => target.name === name)!;
}
