/**
 * The e2e guest (kernel, initramfs, ext4 root image) that test/e2e/build-guest.sh builds and caches
 * under .cache/e2e/guest-<hash of its inputs>/. Built at most once per test process.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface GuestImage {
  /** Raw ext4 root filesystem; booted read-only (-snapshot) or under a qcow2 overlay. */
  readonly image: string;
  readonly kernel: string;
  readonly initrd: string;
}

const BUILD_SCRIPT = fileURLToPath(new URL('./build-guest.sh', import.meta.url));

let building: Promise<GuestImage> | undefined;

/** The cached guest, built first when its inputs changed. Progress of a build goes to stderr. */
export function ensureGuestImage(): Promise<GuestImage> {
  building ??= runBuild();
  return building;
}

function runBuild(): Promise<GuestImage> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [BUILD_SCRIPT], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', (error) => reject(new Error(`cannot run ${BUILD_SCRIPT}: ${error.message}`)));
    child.on('close', (status) => {
      const dir = stdout.trim().split('\n').pop();
      if (status !== 0 || !dir) {
        reject(new Error(`${BUILD_SCRIPT} exited ${status} (run scripts/ensure-e2e-tools.sh as root first)`));
        return;
      }
      resolve({ image: join(dir, 'guest.img'), kernel: join(dir, 'vmlinuz'), initrd: join(dir, 'initrd.img') });
    });
  });
}
