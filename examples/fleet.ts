/**
 * Seeds for a fleet, built with the cloudseed library: one NoCloud seed per VM of an inventory,
 * every spec validated before any image is written, each image written atomically.
 *
 *   ADMIN_KEY="$(cat ~/.ssh/id_ed25519.pub)" node --import tsx examples/fleet.ts [OUT_DIR]      (after npm ci, which builds the package)
 *
 * In your own project: npm install the packed tarball (see the README's walk-through), and import
 * from 'cloudseed' as below.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { validateSpec, writeSeed, type Spec } from 'cloudseed';

interface Machine {
  readonly name: string;
  readonly mac: string;
  readonly address: string;
  readonly role: 'web' | 'db';
}

const SITE = { prefix: 24, gateway: '192.0.2.1', dns: ['192.0.2.53'], domain: 'example.com' };
// Your public key, from the environment (ADMIN_KEY="$(cat ~/.ssh/id_ed25519.pub)"). Without it the
// placeholder below is used, which validateSpec refuses, as it refuses the templates' placeholder.
const ADMIN_KEY = process.env['ADMIN_KEY'] ?? 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINHOWyAOuUICBE1TQgYM0xhJFwEw5Sf4wQ/DLitKan+h REPLACE-WITH-YOUR-KEY@example';
const PACKAGES: Record<Machine['role'], string[]> = { web: ['nginx'], db: ['postgresql'] };

/** The inventory: in real code, from your CMDB, a cloud API or a CSV file. */
const FLEET: readonly Machine[] = Array.from({ length: 6 }, (_, index) => ({
  name: `${index < 4 ? 'web' : 'db'}${String(index + 1).padStart(2, '0')}`,
  mac: `52:54:00:00:01:${(index + 1).toString(16).padStart(2, '0')}`,
  address: `192.0.2.${10 + index}`,
  role: index < 4 ? 'web' : 'db',
}));

/** A plain object is a spec: the same keys as the YAML files (see the README's spec reference). */
function specFor(machine: Machine): Spec {
  return {
    hostname: machine.name,
    fqdn: `${machine.name}.${SITE.domain}`,
    users: [{ name: 'admin', ssh_authorized_keys: [ADMIN_KEY], sudo: 'ALL=(ALL) NOPASSWD:ALL', shell: '/bin/bash' }],
    network: {
      ethernets: {
        eth0: {
          match: { macaddress: machine.mac },
          'set-name': 'eth0',
          addresses: [`${machine.address}/${SITE.prefix}`],
          routes: [{ to: 'default', via: SITE.gateway }],
          nameservers: { addresses: SITE.dns, search: [SITE.domain] },
        },
      },
    },
    packages: PACKAGES[machine.role],
    meta: { role: machine.role },
  };
}

async function buildFleet(outDir: string): Promise<number> {
  const specs = FLEET.map((machine) => ({ machine, spec: specFor(machine) }));
  // Every problem of every machine first, so one run reports them all and nothing is half-built.
  const problems: string[] = [];
  for (const { machine, spec } of specs) {
    const { issues } = await validateSpec(spec);
    problems.push(...issues.map((issue) => `${machine.name}: ${issue.path}: ${issue.message}`));
  }
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    return 1;
  }
  await mkdir(outDir, { recursive: true });
  // Building is CPU work on the main thread; for thousands of seeds, `cloudseed batch` uses threads.
  for (const { machine, spec } of specs) {
    const seed = await writeSeed(spec, join(outDir, `${machine.name}-seed.iso`), { force: true });
    for (const warning of seed.warnings) console.warn(`${machine.name}: warning: ${warning}`);
    console.log(`${seed.path}  ${seed.label}  instance-id ${seed.instanceId}`);
  }
  return 0;
}

process.exitCode = await buildFleet(process.argv[2] ?? 'fleet-seeds');
