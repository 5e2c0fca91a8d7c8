/** Spec files for the batch tests: distinct, valid, and cheap to build (pre-hashed passwords). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** `openssl passwd -6 -salt batchsalt secret`. */
const HASH = '$6$batchsalt$XrVyauy2/DGQKndASeplbVPwPETdxwHGHF.DycHjfDpQ.xzVgVBFGUeIo6koOL019iOYw8PMHtAOxJd.HAH5n.';
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMFcLQa5LtljAU6hzHLRucNvrq2+nO1ZUSgbxus8oGZO';

/** A spec with its own hostname, key comment, static address and motd. */
export function specText(n: number, extra = ''): string {
  return `hostname: vm${n}
users:
  - name: admin
    password_hash: "${HASH}"
    ssh_authorized_keys: ["${KEY} admin@vm${n}"]
network:
  ethernets:
    eth0:
      addresses: [10.0.${Math.floor(n / 200)}.${(n % 200) + 2}/16]
      routes: [{to: default, via: 10.0.0.1}]
write_files:
  - path: /etc/motd
    content: "vm${n}\\n"
${extra}`;
}

/** Writes `text` to dir/relative (folders created) and returns the full path. */
export function writeSpec(dir: string, relative: string, text: string): string {
  const path = join(dir, relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** A spec that fails validation at `users[0].name` (not a valid user name). */
export const INVALID_SPEC = 'hostname: broken\nusers:\n  - name: "Not A User"\n';
