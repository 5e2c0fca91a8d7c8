/**
 * The harness proves itself before it judges our seeds: a guest booted from a NoCloud seed made
 * by hand (fixture-seed.ts, xorrisofs) must report facts that pass the spec assertions, and a
 * guest booted without a seed must fail them (cloud-init does not fail the boot, it falls back).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Spec } from '../../src/input/types.js';
import { assertCloudInitSucceeded, assertDatasource } from './assert-cloud-init.js';
import { assertSpecApplied, reporterKernelArgs } from './assert-spec.js';
import { bootWithSeeds } from './boot-seed.js';
import { buildFixtureSeed, hashPassword } from './fixture-seed.js';
import { ensureGuestImage } from './guest-image.js';
import { bootGuest } from './qemu.js';
import { DEFAULT_MAC } from './qemu-args.js';
import { withScenarioDir } from './scenario-dir.js';
import { ADMIN_KEY, ADMIN_PASSWORD } from './admin-user.js';

const INSTANCE_ID = 'iid-e2e-smoke-1';

/** What the hand-made seed below says, in the spec's words, for the shared assertions. */
const SPEC = {
  hostname: 'smoke01',
  fqdn: 'smoke01.example.com',
  users: [
    {
      name: 'admin',
      password: ADMIN_PASSWORD,
      ssh_authorized_keys: [ADMIN_KEY],
      sudo: 'ALL=(ALL) NOPASSWD:ALL',
      groups: ['sudo'],
      shell: '/bin/bash',
    },
  ],
  network: {
    ethernets: {
      eth0: {
        match: { macaddress: DEFAULT_MAC },
        'set-name': 'eth0',
        addresses: ['192.0.2.10/24', '2001:db8::10/64'],
        routes: [{ to: '0.0.0.0/0', via: '192.0.2.1' }],
        nameservers: { addresses: ['192.0.2.53'], search: ['example.com'] },
      },
    },
  },
  write_files: [{ path: '/etc/cloudseed-e2e/hello.txt', content: 'hello from the seed\n', permissions: '0640' }],
  runcmd: ['echo ran > /var/lib/cloudseed-e2e/markers/runcmd'],
} satisfies Spec;

describe('e2e harness smoke test (hand-made NoCloud seed)', { concurrency: 2 }, () => {
  test('a guest booted from a hand-made cidata ISO reports facts matching its spec', async (t) => {
    await withScenarioDir('smoke-handmade-nocloud', async (dir) => {
      const [user] = SPEC.users;
      const image = await buildFixtureSeed(dir, {
        metaData: { 'instance-id': INSTANCE_ID, 'local-hostname': SPEC.hostname },
        userData: {
          hostname: SPEC.hostname,
          fqdn: SPEC.fqdn,
          manage_etc_hosts: true,
          users: [
            {
              name: user.name,
              passwd: hashPassword(user.password, 'e2eSmoke'),
              lock_passwd: false,
              shell: user.shell,
              groups: user.groups,
              sudo: user.sudo,
              ssh_authorized_keys: user.ssh_authorized_keys,
            },
          ],
          write_files: SPEC.write_files,
          runcmd: SPEC.runcmd,
        },
        networkConfig: { version: 2, ethernets: SPEC.network.ethernets },
      });
      const { boots, seedDevice } = await bootWithSeeds(
        dir,
        { suite: 'bookworm', filesystem: 'iso9660', kernelArgs: reporterKernelArgs(SPEC) },
        [image],
      );
      const [{ facts, durationMs, attempts }] = boots;
      t.diagnostic(`boot: ${(durationMs / 1000).toFixed(0)} s, ${attempts} attempt(s), ${facts.cloud_init.version}`);
      assertSpecApplied(facts, SPEC, { datasource: 'nocloud', seedDevice, instanceId: INSTANCE_ID });
      assert.equal(facts.files['/var/lib/cloudseed-e2e/markers/runcmd']?.content, 'ran\n', 'runcmd marker');
      assert.equal(facts.boot.count, 1);
      assert.ok(facts.semaphores.includes('config_runcmd'), 'runcmd semaphore');
      assert.match(facts.cloud_init.version, /^22\.4\./, 'the guest is Debian 12 with cloud-init 22.4');
    });
  });

  test('a guest booted without a seed fails the datasource assertion', async () => {
    await withScenarioDir('smoke-no-seed', async (dir) => {
      const guest = await ensureGuestImage('bookworm');
      const { facts } = await bootGuest(
        { guest, root: { kind: 'snapshot' }, macs: [DEFAULT_MAC] },
        { workDir: dir, name: 'boot1' },
      );
      assert.throws(() => {
        assertCloudInitSucceeded(facts);
        assertDatasource(facts, { datasource: 'nocloud', seedDevice: '/dev/sr0', instanceId: INSTANCE_ID });
      });
    });
  });
});
