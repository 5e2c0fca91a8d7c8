/**
 * The e2e guests (kernel, initramfs, ext4 root image), one per Debian suite, that
 * test/e2e/build-guest.sh builds and caches under $CLOUDSEED_E2E_CACHE (default
 * ~/.cache/cloudseed/e2e)/guest-<suite>-<hash of its inputs>/. Each built at most once per test process.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Debian suites the suite boots, with the cloud-init generation each ships. */
export type GuestSuite = 'bullseye' | 'bookworm' | 'trixie';

export interface GuestImage {
  readonly suite: GuestSuite;
  /** Raw ext4 root filesystem; booted read-only (-snapshot) or under a qcow2 overlay. */
  readonly image: string;
  readonly kernel: string;
  readonly initrd: string;
}

const BUILD_SCRIPT = fileURLToPath(new URL('./build-guest.sh', import.meta.url));

const building = new Map<GuestSuite, Promise<GuestImage>>();

/** The suite's cached guest, built first when its inputs changed. Progress of a build goes to stderr. */
export function ensureGuestImage(suite: GuestSuite): Promise<GuestImage> {
  let guest = building.get(suite);
  if (!guest) {
    guest = runBuild(suite);
    building.set(suite, guest);
  }
  return guest;
}

function runBuild(suite: GuestSuite): Promise<GuestImage> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [BUILD_SCRIPT, suite], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', (error) => reject(new Error(`cannot run ${BUILD_SCRIPT}: ${error.message}`)));
    child.on('close', (status) => {
      const dir = stdout.trim().split('\n').pop();
      if (status !== 0 || !dir) {
        reject(new Error(`${BUILD_SCRIPT} ${suite} exited ${status} (run scripts/ensure-e2e-tools.sh as root first)`));
        return;
      }
      resolve({ suite, image: join(dir, 'guest.img'), kernel: join(dir, 'vmlinuz'), initrd: join(dir, 'initrd.img') });
    });
  });
}
