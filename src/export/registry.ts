/** One exporter per target named in targets.ts; `satisfies` makes a missing or extra one a type error. */
import { exportDir } from './targets/dir.js';
import { exportIronic, exportIronicJson } from './targets/ironic.js';
import { exportKubevirt } from './targets/kubevirt.js';
import { exportMetal3 } from './targets/metal3.js';
import { exportPacker } from './targets/packer.js';
import { exportProxmox } from './targets/proxmox.js';
import { exportQcow2 } from './targets/qcow2.js';
import { exportTar } from './targets/tar.js';
import { exportVmware } from './targets/vmware.js';
import type { ExportTargetName } from './targets.js';
import type { Exporter } from './types.js';

export const EXPORTERS = {
  ironic: exportIronic,
  'ironic-json': exportIronicJson,
  metal3: exportMetal3,
  kubevirt: exportKubevirt,
  packer: exportPacker,
  proxmox: exportProxmox,
  vmware: exportVmware,
  tar: exportTar,
  dir: exportDir,
  qcow2: exportQcow2,
} satisfies Record<ExportTargetName, Exporter>;
