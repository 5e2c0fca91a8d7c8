/**
 * End-to-end proofs of the ways a seed reaches a guest other than a seed image from buildSeed():
 * `cloudseed serve` over HTTP (NoCloud with a kernel-argument seed URL, and the OpenStack metadata
 * service at 169.254.169.254), the qcow2 export attached as a CD-ROM, and the VMware export's
 * guestinfo variables over cloud-init's envvar transport. Each is one trixie (cloud-init 25.x)
 * boot, one guest at a time, with the same assertions as scenarios.test.ts and zero warnings but
 * the known ones.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, test, type TestContext } from 'node:test';
import { buildSeed, exportSeed } from '../../src/index.js';
import { startLoopbackServer } from '../../src/serve/index.js';
import type { Spec } from '../../src/input/types.js';
import { assertSpecDelivered, type DeliveryExpectation } from './assert-delivery.js';
import { assertSpecApplied, reporterKernelArgs } from './assert-spec.js';
import { ensureGuestImage } from './guest-image.js';
import { knownSeedWarnings, type KnownWarning } from './known-warnings.js';
import { bootGuest, type BootResult } from './qemu.js';
import { DEFAULT_MAC, type Machine } from './qemu-args.js';
import { withScenarioDir } from './scenario-dir.js';
import { guestinfoKernelArgs, openStackUserNet, seedUrlUserNet } from './delivery-machine.js';
import { ADMIN_USER } from './admin-user.js';

/** What every delivery applies: identity, a user with password and key, a static network, a file. */
const SPEC = {
  hostname: 'deliver01',
  users: [
    ADMIN_USER,
  ],
  network: {
    ethernets: {
      eth0: {
        match: { macaddress: DEFAULT_MAC },
        'set-name': 'eth0',
        addresses: ['192.0.2.10/24'],
        routes: [{ to: 'default', via: '192.0.2.1' }],
        nameservers: { addresses: ['192.0.2.53'], search: ['example.com'] },
      },
    },
  },
  write_files: [{ path: '/etc/cloudseed-e2e/app.conf', content: 'mode = e2e\n', permissions: '0640' }],
} satisfies Spec;

function reportBoot(t: TestContext, boot: BootResult): void {
  t.diagnostic(`boot: ${(boot.durationMs / 1000).toFixed(0)} s, ${boot.attempts} attempt(s), cloud-init ${boot.facts.cloud_init.version}`);
}

function reportKnown(t: TestContext, scenario: string, version: string, seen: readonly KnownWarning[]): void {
  for (const known of knownSeedWarnings(scenario, version)) {
    t.diagnostic(`${seen.includes(known) ? 'known seed warning' : 'unused known seed warning'}: ${known.name}`);
  }
}

/** The guest fetched `path` from the server (the access log's request line for it, answered 200). */
function assertServed(requests: readonly string[], path: string): void {
  assert.ok(requests.some((line) => line.includes(`"GET ${path} HTTP/1.1" 200 `)), `the server answered GET ${path}:\n${requests.join('\n')}`);
}

/** A machine without a seed disk: one NIC (QEMU's default MAC), the trixie guest's root as a snapshot. */
async function diskless(kernelArgs: readonly string[], extra: Pick<Machine, 'nicOptions' | 'extraArgs'>): Promise<Machine> {
  const guest = await ensureGuestImage('trixie');
  return { guest, root: { kind: 'snapshot' }, macs: [DEFAULT_MAC], nicOptions: extra.nicOptions, extraArgs: extra.extraArgs, kernelArgs };
}

/**
 * Serves SPEC from a spec file in the scenario folder on 127.0.0.1 while `body` runs; returns its
 * answer and the server's access log (kept in the folder too).
 */
async function withServedSpec<T>(dir: string, body: (port: number) => Promise<T>): Promise<{ result: T; requests: string[] }> {
  const specPath = join(dir, 'vm01.yaml');
  await writeFile(specPath, `${JSON.stringify(SPEC, null, 2)}\n`);
  const requests: string[] = [];
  const server = await startLoopbackServer(specPath, { accessLog: (line) => requests.push(line) });
  try {
    return { result: await body(server.port), requests };
  } finally {
    await server.close();
    await writeFile(join(dir, 'serve-access.log'), `${requests.join('\n')}\n`);
  }
}

describe('e2e: seeds delivered without buildSeed() images (trixie, cloud-init 25.x)', { concurrency: 1 }, () => {
  before(async () => {
    await ensureGuestImage('trixie');
  });

  test('trixie-serve-nocloud-seed-url', async (t) => {
    const scenario = 'trixie-serve-nocloud-seed-url';
    await withScenarioDir(scenario, async (dir) => {
      const { instanceId } = await buildSeed(SPEC, { datasource: 'nocloud' });
      const { result: boot, requests } = await withServedSpec(dir, async (port) => {
        const net = seedUrlUserNet(port, 'vm01');
        const machine = await diskless([...net.kernelArgs, ...reporterKernelArgs(SPEC)], net);
        return bootGuest(machine, { workDir: dir, name: 'boot1' });
      });
      reportBoot(t, boot);
      const expected: DeliveryExpectation = {
        className: 'DataSourceNoCloudNet',
        platform: 'nocloud',
        // cloud-init 25.x names the kernel command line as where it found the URL.
        subplatform: 'seed-dir (cmdline,http://10.0.2.100:80/vm01/)',
        instanceId,
        scenario,
      };
      reportKnown(t, scenario, boot.facts.cloud_init.version, assertSpecDelivered(boot.facts, SPEC, expected));
      // network-config too: cloud-init asks for it over HTTP from 24.3 on.
      for (const file of ['meta-data', 'user-data', 'network-config']) assertServed(requests, `/vm01/${file}`);
    });
  });

  test('trixie-serve-openstack-metadata', async (t) => {
    const scenario = 'trixie-serve-openstack-metadata';
    await withScenarioDir(scenario, async (dir) => {
      const { instanceId } = await buildSeed(SPEC, { datasource: 'configdrive' });
      const { result: boot, requests } = await withServedSpec(dir, async (port) => {
        const net = openStackUserNet(port);
        const machine = await diskless([...net.kernelArgs, ...reporterKernelArgs(SPEC)], net);
        return bootGuest(machine, { workDir: dir, name: 'boot1' });
      });
      reportBoot(t, boot);
      const expected: DeliveryExpectation = {
        className: 'DataSourceOpenStackLocal',
        platform: 'openstack',
        subplatform: 'metadata (http://169.254.169.254)',
        instanceId,
        scenario,
      };
      reportKnown(t, scenario, boot.facts.cloud_init.version, assertSpecDelivered(boot.facts, SPEC, expected));
      for (const file of ['meta_data.json', 'user_data', 'network_data.json']) assertServed(requests, `/openstack/2018-08-27/${file}`);
    });
  });

  test('trixie-export-qcow2-cdrom', async (t) => {
    const scenario = 'trixie-export-qcow2-cdrom';
    await withScenarioDir(scenario, async (dir) => {
      const exported = await exportSeed(SPEC, 'qcow2');
      const [qcow2] = exported.files;
      assert.ok(qcow2 && exported.files.length === 1, 'the qcow2 export is one file');
      const path = join(dir, qcow2.name);
      await writeFile(path, qcow2.content);
      const machine: Machine = {
        guest: await ensureGuestImage('trixie'),
        root: { kind: 'snapshot' },
        seed: { path, attach: 'cdrom', format: 'qcow2' },
        macs: [DEFAULT_MAC],
        kernelArgs: reporterKernelArgs(SPEC),
      };
      const boot = await bootGuest(machine, { workDir: dir, name: 'boot1' });
      reportBoot(t, boot);
      const expected = { datasource: exported.datasource, seedDevice: '/dev/sr0', instanceId: exported.instanceId, scenario };
      reportKnown(t, scenario, boot.facts.cloud_init.version, assertSpecApplied(boot.facts, SPEC, expected));
    });
  });

  test('trixie-export-vmware-envvar', async (t) => {
    const scenario = 'trixie-export-vmware-envvar';
    await withScenarioDir(scenario, async (dir) => {
      const exported = await exportSeed(SPEC, 'vmware');
      const env = exported.files.find((file) => file.name === 'guestinfo.env');
      assert.ok(env, 'the vmware export has guestinfo.env');
      const machine = await diskless([...guestinfoKernelArgs(new TextDecoder().decode(env.content)), ...reporterKernelArgs(SPEC)], {});
      const boot = await bootGuest(machine, { workDir: dir, name: 'boot1' });
      reportBoot(t, boot);
      const expected: DeliveryExpectation = {
        className: 'DataSourceVMware',
        platform: 'vmware',
        subplatform: 'envvar (VMX_GUESTINFO_METADATA)',
        instanceId: exported.instanceId,
        scenario,
      };
      reportKnown(t, scenario, boot.facts.cloud_init.version, assertSpecDelivered(boot.facts, SPEC, expected));
    });
  });
});
