/**
 * KVM or TCG. /dev/kvm alone proves nothing: on these machines it is a PVM device (kvm_pvm), which
 * cannot run a stock kernel (the guest prints nothing), so KVM is used only with kvm_intel/kvm_amd.
 */
import { existsSync } from 'node:fs';

export type Accelerator = 'kvm' | 'tcg';

export interface AcceleratorProbe {
  readonly exists: (path: string) => boolean;
  /** CLOUDSEED_E2E_ACCEL: force `kvm` or `tcg`. */
  readonly override: string | undefined;
}

const HARDWARE_KVM_MODULES = ['/sys/module/kvm_intel', '/sys/module/kvm_amd'];
const PVM_MODULE = '/sys/module/kvm_pvm';

/** The accelerator to boot with on this machine. */
export function chooseAccelerator(
  probe: AcceleratorProbe = { exists: existsSync, override: process.env['CLOUDSEED_E2E_ACCEL'] },
): Accelerator {
  if (probe.override === 'kvm' || probe.override === 'tcg') return probe.override;
  if (probe.override) throw new Error(`CLOUDSEED_E2E_ACCEL must be kvm or tcg, not '${probe.override}'`);
  const hardwareKvm =
    probe.exists('/dev/kvm') && HARDWARE_KVM_MODULES.some(probe.exists) && !probe.exists(PVM_MODULE);
  return hardwareKvm ? 'kvm' : 'tcg';
}
