/**
 * Which datasource cloud-init would take an image for, by its own label rules (cloud-init 22.4):
 * - ds-identify (decides whether cloud-init runs at all) collects every LABEL and LABEL_FATBOOT
 *   blkid reports and looks for exactly `cidata`/`CIDATA` (dscheck_NoCloud) or
 *   `config-2`/`CONFIG-2` (check_configdrive_v2). The match is case-sensitive: `CiData` fails.
 * - DataSourceNoCloud._get_devices then asks blkid for LABEL=CIDATA, LABEL=cidata and
 *   LABEL_FATBOOT=cidata (the last since 20.3, so older releases see only LABEL).
 * - DataSourceConfigDrive.find_candidate_devs asks for LABEL=config-2 and LABEL=CONFIG-2 only.
 * oVirt's Run Once payload is a config drive to cloud-init; its meta_data.json tells it apart.
 */
import { DATASOURCE_LABELS } from '../common/choices.js';
import type { FileTree } from '../common/file-tree.js';
import type { DatasourceName } from '../input/types.js';
import type { SeedWarning } from './report-types.js';

const NOCLOUD_LABELS: readonly string[] = DATASOURCE_LABELS.nocloud;
const CONFIG_DRIVE_LABELS: readonly string[] = DATASOURCE_LABELS.configdrive;
/** DataSourceNoCloud's default fs_label, the one LABEL_FATBOOT is compared with as is. */
const NOCLOUD_FATBOOT_LABEL = 'cidata';

export interface ImageLabels {
  /** blkid LABEL. */
  readonly label: string;
  /** blkid LABEL_FATBOOT (vfat only, when the boot sector has a label). */
  readonly bootLabel?: string;
}

export interface DatasourceDetection {
  readonly datasource?: DatasourceName;
  readonly warnings: readonly SeedWarning[];
}

/** oVirt writes ENI text under `network-interfaces` and a `meta` block with `essential`, which Nova never does. */
function isOvirtPayload(tree: FileTree): boolean {
  const metaData = tree.get('openstack/latest/meta_data.json');
  if (!metaData) return false;
  try {
    const parsed = JSON.parse(new TextDecoder().decode(metaData)) as Record<string, unknown> | null;
    const meta = parsed?.['meta'] as Record<string, unknown> | undefined;
    return parsed?.['network-interfaces'] !== undefined || meta?.['essential'] !== undefined;
  } catch {
    return false;
  }
}

function caseWarning(label: string, accepted: readonly string[]): SeedWarning {
  return {
    code: 'label-case',
    message: `label '${label}' is not found by cloud-init, which matches only ${accepted.map((l) => `'${l}'`).join(' or ')} (case-sensitive)`,
  };
}

export function detectDatasource(labels: ImageLabels, tree: FileTree): DatasourceDetection {
  const { label, bootLabel } = labels;
  if (CONFIG_DRIVE_LABELS.includes(label)) {
    return { datasource: isOvirtPayload(tree) ? 'ovirt' : 'configdrive', warnings: [] };
  }
  if (NOCLOUD_LABELS.includes(label)) return { datasource: 'nocloud', warnings: [] };
  if (bootLabel === NOCLOUD_FATBOOT_LABEL) {
    return {
      datasource: 'nocloud',
      warnings: [
        {
          code: 'label-boot-sector-only',
          message: `only the boot sector says '${bootLabel}' (blkid LABEL_FATBOOT; LABEL is '${label}'): cloud-init before 20.3 does not find it`,
        },
      ],
    };
  }
  const candidates = [label, ...(bootLabel === undefined ? [] : [bootLabel])];
  for (const accepted of [NOCLOUD_LABELS, CONFIG_DRIVE_LABELS]) {
    const miscased = candidates.find((candidate) => accepted.includes(candidate.toLowerCase()) || accepted.includes(candidate.toUpperCase()));
    if (miscased !== undefined) return { warnings: [caseWarning(miscased, accepted)] };
  }
  return {
    warnings: [
      {
        code: 'unknown-label',
        message: `label '${label}' is neither cidata/CIDATA (NoCloud) nor config-2/CONFIG-2 (config drive): cloud-init ignores this image`,
      },
    ],
  };
}
