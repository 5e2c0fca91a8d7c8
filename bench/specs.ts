/**
 * The benchmark's seeds: distinct, typical specs (hostname, SSH key, static network, write_files,
 * pre-hashed password). A pre-hashed password keeps SHA-512 crypt (5000 rounds, by design slow)
 * out of the numbers: it measures the tool, not the password hash.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PASSWORD_HASH = '$6$benchsalt12345$.cbQF7aaeEuufhrwYe9diKKqc3BBOW8Ehe4Q6H.mVF0zQkkq6EovLU0hBSrS7nF5mLgg2T59dkd51idOTlAtN0';
const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMaP6bc5L/vREPtTNNGQvaTw35GjGP9sz2IVDmKBh5Iz bench@host';

/** Spec number `index`: every one differs in hostname, address and file content. */
export function makeSpec(index: number): Record<string, unknown> {
  const host = `node${String(index).padStart(5, '0')}`;
  return {
    hostname: host,
    users: [{ name: 'admin', password_hash: PASSWORD_HASH, ssh_authorized_keys: [SSH_KEY], sudo: 'ALL=(ALL) NOPASSWD:ALL' }],
    network: {
      ethernets: {
        eth0: {
          addresses: [`10.${((index + 1) >> 16) & 255}.${((index + 1) >> 8) & 255}.${(index + 1) & 255}/8`],
          routes: [{ to: 'default', via: '10.255.255.254' }],
          nameservers: { addresses: ['10.255.255.253'] },
        },
      },
    },
    write_files: [{ path: '/etc/motd', content: `Welcome to ${host}\n`, permissions: '0644' }],
  };
}

/** Writes specs 0..count-1 as `<dir>/node00000.json`...; JSON is YAML, and cheaper for every loader. */
export function writeSpecFiles(dir: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => {
    const file = join(dir, `node${String(index).padStart(5, '0')}.json`);
    writeFileSync(file, JSON.stringify(makeSpec(index)));
    return file;
  });
}
