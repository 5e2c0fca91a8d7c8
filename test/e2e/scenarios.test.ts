/**
 * End-to-end matrix: seeds built by buildSeed() are booted in real Debian guests under QEMU, and
 * what cloud-init applied is compared with the spec, with zero warnings but the known ones
 * (known-warnings.ts). Three cloud-init generations: trixie (25.x) boots every datasource on
 * both filesystems and the four network renderers; bookworm (22.4) the wider scenario set;
 * bullseye (20.4) a smoke set. Two guests at a time (2 cores). No scenario is ever skipped: a
 * missing tool or feature fails.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { buildSeed } from '../../src/index.js';
import type { DatasourceName, Spec } from '../../src/input/types.js';
import { assertSpecApplied, reporterKernelArgs } from './assert-spec.js';
import { bootWithSeeds, keepSeedFiles, type NetworkRenderer } from './boot-seed.js';
import type { GuestFacts } from './facts.js';
import { ensureGuestImage, type GuestSuite } from './guest-image.js';
import { knownSeedWarnings } from './known-warnings.js';
import { DEFAULT_MAC } from './qemu-args.js';
import { withScenarioDir } from './scenario-dir.js';
import { ADMIN_USER } from './admin-user.js';

interface BuildOptions {
  readonly datasource: DatasourceName;
  readonly filesystem: 'iso9660' | 'vfat';
  readonly writer: 'native' | 'xorriso';
}

interface Scenario {
  /** Also the folder under test-output/e2e/ kept when it fails; starts with the suite. */
  readonly name: string;
  readonly suite: GuestSuite;
  /** The network renderer cloud-init must use; default: the guest's own (ENI on bullseye and bookworm). */
  readonly renderer?: NetworkRenderer;
  readonly spec: Spec;
  readonly options: BuildOptions;
  /** One NIC per MAC, eth0 first. Default: one NIC with DEFAULT_MAC. */
  readonly macs?: readonly string[];
  /** More than 1: booted again over a qcow2 overlay, with a seed rebuilt from `rebuiltFrom` (default: the same spec). */
  readonly boots?: number;
  /** The spec of the seed for the boots after the first. */
  readonly rebuiltFrom?: Spec;
  /** Checks beyond what the spec states, on every boot's facts. */
  readonly check?: (boots: readonly GuestFacts[]) => void;
}

const MACS = [DEFAULT_MAC, '52:54:00:12:34:57', '52:54:00:12:34:58'] as const;
const RUNCMD_MARKER = '/var/lib/cloudseed-e2e/markers/runcmd';
const PART_MARKER = '/var/lib/cloudseed-e2e/markers/part';

/** Everything cloud-init applies at first boot that every datasource carries. */
const FULL_SPEC = {
  hostname: 'web01',
  users: [
    ADMIN_USER,
    {
      name: 'ops',
      ssh_authorized_keys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPe/vCUYZxeRTLiaPPyPOlpJi4jaevZXSSqPyDKKIiiS ops@ci'],
      shell: '/bin/sh',
    },
  ],
  network: {
    ethernets: {
      eth0: {
        match: { macaddress: DEFAULT_MAC },
        'set-name': 'eth0',
        addresses: ['192.0.2.10/24', '2001:db8::10/64'],
        routes: [{ to: 'default', via: '192.0.2.1' }, { to: '198.51.100.0/24', via: '192.0.2.254' }],
        nameservers: { addresses: ['192.0.2.53'], search: ['example.com'] },
      },
    },
  },
  write_files: [
    { path: '/etc/cloudseed-e2e/app.conf', content: 'mode = e2e\nlevel: 3\n', permissions: '0640' },
    { path: '/etc/motd', content: 'Welcome to web01\n' },
  ],
  runcmd: [`echo ran >> ${RUNCMD_MARKER}`],
  // A second user-data part makes the user-data MIME multipart; cloud-init runs the script once per instance.
  user_data: {
    parts: [{ content: `#!/bin/sh\nmkdir -p ${PART_MARKER.replace(/\/[^/]+$/, '')}\necho part >> ${PART_MARKER}\n`, filename: 'part.sh' }],
  },
} satisfies Spec;

/** FULL_SPEC with changed content: a rebuilt seed from it must make cloud-init run again. */
const CHANGED_SPEC = { ...FULL_SPEC, hostname: 'web01b', runcmd: [...FULL_SPEC.runcmd, 'echo changed'] } satisfies Spec;

/** The fqdn must be what `hostname -f` answers, which on Debian needs it in /etc/hosts. */
const FQDN_SPEC = { hostname: 'web02', fqdn: 'web02.example.com' } satisfies Spec;

/** oVirt's ENI text carries only the default gateway, so its spec has no other route. */
const OVIRT_SPEC = {
  ...FULL_SPEC,
  network: {
    ethernets: { eth0: { ...FULL_SPEC.network.ethernets.eth0, routes: [{ to: 'default', via: '192.0.2.1' }] } },
  },
} satisfies Spec;

/** Two NICs matched by MAC, the second renamed from eth1 and configured by DHCP. */
const MULTI_NIC_SPEC = {
  hostname: 'multi01',
  network: {
    ethernets: {
      eth0: { match: { macaddress: MACS[0] }, 'set-name': 'eth0', addresses: ['192.0.2.20/24'], mtu: 1400 },
      lan1: { match: { macaddress: MACS[1] }, 'set-name': 'lan1', dhcp4: true },
    },
  },
} satisfies Spec;

/** An active-backup bond over two NICs and a VLAN on the third (named the way config drives name VLANs). */
function bondVlanSpec(vlanName: string): Spec {
  return {
    hostname: 'bond01',
    network: {
      ethernets: {
        eth0: { match: { macaddress: MACS[0] }, 'set-name': 'eth0', addresses: ['192.0.2.30/24'] },
        eth1: { match: { macaddress: MACS[1] }, 'set-name': 'eth1' },
        eth2: { match: { macaddress: MACS[2] }, 'set-name': 'eth2' },
      },
      bonds: {
        bond0: {
          interfaces: ['eth1', 'eth2'],
          parameters: { mode: 'active-backup', primary: 'eth1', 'mii-monitor-interval': 100 },
          addresses: ['198.51.100.10/24'],
          routes: [{ to: 'default', via: '198.51.100.1' }],
        },
      },
      vlans: { [vlanName]: { id: 100, link: 'eth0', addresses: ['203.0.113.10/24'] } },
    },
  };
}

/** The file each renderer writes (cloud-init 25.1 names): proof the boot used the renderer asked for. */
const RENDERER_FILE: Record<NetworkRenderer, RegExp> = {
  eni: /^\/etc\/network\/interfaces\.d\/50-cloud-init$/,
  netplan: /^\/etc\/netplan\/50-cloud-init\.yaml$/,
  'network-manager': /^\/etc\/NetworkManager\/system-connections\/cloud-init-.*\.nmconnection$/,
  networkd: /^\/etc\/systemd\/network\/10-cloud-init-.*\.network$/,
};

function assertRenderedBy(facts: GuestFacts, renderer: NetworkRenderer): void {
  const written = Object.keys(facts.network.files);
  for (const [other, file] of Object.entries(RENDERER_FILE)) {
    const present = written.some((path) => file.test(path));
    // netplan's own output for systemd-networkd goes to /run, so its guest has no /etc/systemd/network file.
    assert.equal(present, other === renderer, `${renderer} boot: ${other}'s file ${present ? 'present' : 'absent'} (${written.join(', ')})`);
  }
}

function assertRanOnce(boots: readonly GuestFacts[]): void {
  for (const facts of boots) {
    assert.equal(facts.files[RUNCMD_MARKER]?.content, 'ran\n', 'runcmd ran exactly once');
    assert.equal(facts.files[PART_MARKER]?.content, 'part\n', 'the shell-script user-data part ran exactly once');
  }
}

/**
 * Debian 12, cloud-init 22.4: the xorriso writer, multi-NIC, bond + VLAN on a config drive, fqdn
 * and second boots. Left to the other guests (boot time is the CI budget): every datasource x
 * filesystem (trixie boots each, bullseye three; the second-boot scenarios' first boot is nocloud
 * iso9660 native) and NoCloud bond + VLAN (trixie boots it under three renderers).
 */
const BOOKWORM: readonly Scenario[] = ([
  { name: 'nocloud-iso9660-xorriso', spec: FULL_SPEC, options: { datasource: 'nocloud', filesystem: 'iso9660', writer: 'xorriso' }, check: assertRanOnce },
  { name: 'nocloud-multi-nic', spec: MULTI_NIC_SPEC, options: { datasource: 'nocloud', filesystem: 'iso9660', writer: 'native' }, macs: MACS.slice(0, 2) },
  { name: 'configdrive-bond-vlan', spec: bondVlanSpec('eth0.100'), options: { datasource: 'configdrive', filesystem: 'iso9660', writer: 'native' }, macs: MACS },
  {
    name: 'nocloud-fqdn',
    spec: FQDN_SPEC,
    options: { datasource: 'nocloud', filesystem: 'iso9660', writer: 'native' },
  },
  {
    name: 'nocloud-second-boot-rebuilt-seed',
    spec: FULL_SPEC,
    options: { datasource: 'nocloud', filesystem: 'iso9660', writer: 'native' },
    boots: 2,
    check: (boots) => {
      const [first, second] = boots;
      assert.ok(first && second);
      assert.equal(second.boot.count, 2, 'the overlay kept the first boot');
      assert.equal(second.instance_id, first.instance_id, 'a rebuilt seed of the same spec keeps the instance-id');
      assert.deepEqual(second.semaphores, first.semaphores, 'no per-instance module ran again');
      assertRanOnce(boots);
    },
  },
  {
    name: 'nocloud-second-boot-changed-seed',
    spec: FULL_SPEC,
    rebuiltFrom: CHANGED_SPEC,
    options: { datasource: 'nocloud', filesystem: 'iso9660', writer: 'native' },
    boots: 2,
    check: (boots) => {
      const [first, second] = boots;
      assert.ok(first && second);
      assert.equal(second.boot.count, 2, 'the overlay kept the first boot');
      assert.notEqual(second.instance_id, first.instance_id, 'changed content gives a new instance-id');
      assert.equal(second.files[RUNCMD_MARKER]?.content, 'ran\nran\n', 'runcmd ran again for the new instance');
      assert.equal(second.files[PART_MARKER]?.content, 'part\npart\n', 'the script part ran again');
    },
  },
] satisfies Array<Omit<Scenario, 'suite'>>).map((scenario) => ({ ...scenario, name: `bookworm-${scenario.name}`, suite: 'bookworm' }));

/** The renderers cloud-init has for Linux guests, all four installed in the trixie guest. */
const RENDERERS: readonly NetworkRenderer[] = ['eni', 'netplan', 'network-manager', 'networkd'];

/**
 * Dual-stack static addresses with an IPv4 and an IPv6 default route, on two NICs matched by MAC
 * and renamed crosswise (the kernel's eth1 becomes lan0, eth0 becomes lan1): the names can only
 * come from the MAC match.
 */
const DUAL_STACK_RENAME_SPEC = {
  hostname: 'dual01',
  network: {
    ethernets: {
      lan0: {
        match: { macaddress: MACS[1] },
        'set-name': 'lan0',
        addresses: ['192.0.2.40/24', '2001:db8::40/64'],
        routes: [{ to: 'default', via: '192.0.2.1' }, { to: 'default', via: '2001:db8::1' }],
        nameservers: { addresses: ['192.0.2.53', '2001:db8::53'], search: ['example.com'] },
      },
      lan1: {
        match: { macaddress: MACS[0] },
        'set-name': 'lan1',
        addresses: ['198.51.100.40/24'],
        routes: [{ to: '203.0.113.0/24', via: '198.51.100.254' }],
      },
    },
  },
} satisfies Spec;

/**
 * Debian 13, cloud-init 25.x: every datasource on both filesystems, each under one of the four
 * renderers in turn (ENI for oVirt on iso9660, as its guests' ifupdown would), then static
 * dual-stack with MAC renames and bond + VLAN under each renderer.
 */
const TRIXIE: readonly Scenario[] = [
  ...([
    ['nocloud', 'iso9660', 'eni'],
    ['nocloud', 'vfat', 'netplan'],
    ['configdrive', 'iso9660', 'network-manager'],
    ['configdrive', 'vfat', 'networkd'],
    ['ovirt', 'iso9660', 'eni'],
    ['ovirt', 'vfat', 'network-manager'],
  ] as const).map(([datasource, filesystem, renderer]): Scenario => ({
    name: `trixie-${datasource}-${filesystem}-${renderer}`,
    suite: 'trixie',
    renderer,
    spec: datasource === 'ovirt' ? OVIRT_SPEC : FULL_SPEC,
    options: { datasource, filesystem, writer: 'native' },
    check: assertRanOnce,
  })),
  ...RENDERERS.flatMap((renderer): Scenario[] => [
    // Not under networkd: cloud-init's networkd renderer (cloudinit/net/networkd.py, 25.1) writes
    // only .network files for physical interfaces, no .netdev: it cannot make a bond or a VLAN from
    // any seed (booted so, the NICs stayed eth0-eth2). docs/network.md says so.
    {
      name: `trixie-${renderer}-dual-stack-rename`,
      suite: 'trixie',
      renderer,
      spec: DUAL_STACK_RENAME_SPEC,
      options: { datasource: 'nocloud', filesystem: 'iso9660', writer: 'native' },
      macs: MACS.slice(0, 2),
    },
    ...(renderer === 'networkd' ? [] : [{
      name: `trixie-${renderer}-bond-vlan`,
      suite: 'trixie',
      renderer,
      spec: bondVlanSpec('vlan100'),
      options: { datasource: 'nocloud', filesystem: 'iso9660', writer: 'native' },
      macs: MACS,
    } satisfies Scenario]),
  ]),
];

const EXTRA_MARKER = '/var/lib/cloudseed-e2e/markers/extra';
/**
 * FULL_SPEC plus an extra cloud-config part with lists of its own (`users`, `runcmd`), as
 * `--user-data extra.yaml` gives it: at boot, cloud-init's default merge would let such a part
 * replace the generated lists; cloudseed merges it so that nothing generated is lost.
 */
const EXTRA_USER_DATA_SPEC = {
  ...FULL_SPEC,
  user_data: {
    parts: [
      ...FULL_SPEC.user_data.parts,
      { content: `#cloud-config\nusers:\n  - name: carol\n    shell: /bin/sh\nruncmd:\n  - echo extra >> ${EXTRA_MARKER}\n`, filename: 'extra.yaml' },
    ],
  },
} satisfies Spec;

/** The generated users and runcmd and the extra part's, all applied once. */
function assertExtraUserDataMerged(boots: readonly GuestFacts[]): void {
  assertRanOnce(boots);
  for (const facts of boots) {
    const names = facts.users.map((user) => user.name);
    for (const name of ['admin', 'ops', 'carol']) assert.ok(names.includes(name), `user ${name} exists (users: ${names.join(', ')})`);
    assert.equal(facts.files[EXTRA_MARKER]?.content, 'extra\n', "the extra part's runcmd ran once");
  }
}

/** Debian 11, cloud-init 20.4 (the default cloud_init_version target): one boot per datasource. */
const BULLSEYE: readonly Scenario[] = [
  // Also the extra user-data merge, on the oldest cloud-init.
  { name: 'bullseye-nocloud-iso9660', suite: 'bullseye', spec: EXTRA_USER_DATA_SPEC, options: { datasource: 'nocloud', filesystem: 'iso9660', writer: 'native' }, check: assertExtraUserDataMerged },
  { name: 'bullseye-configdrive-vfat', suite: 'bullseye', spec: FULL_SPEC, options: { datasource: 'configdrive', filesystem: 'vfat', writer: 'native' }, check: assertRanOnce },
  { name: 'bullseye-ovirt-iso9660', suite: 'bullseye', spec: OVIRT_SPEC, options: { datasource: 'ovirt', filesystem: 'iso9660', writer: 'native' }, check: assertRanOnce },
];

/**
 * CLOUDSEED_E2E_SUITES=trixie,bullseye narrows a local run to those guests (and builds only
 * them); CI runs all three.
 */
const SUITES = suitesToRun(process.env.CLOUDSEED_E2E_SUITES);
const SCENARIOS: readonly Scenario[] = [...TRIXIE, ...BULLSEYE, ...BOOKWORM].filter((scenario) => SUITES.includes(scenario.suite));

function suitesToRun(knob: string | undefined): GuestSuite[] {
  const all: GuestSuite[] = ['trixie', 'bullseye', 'bookworm'];
  if (!knob) return all;
  const wanted = knob.split(',').map((word) => word.trim());
  const unknown = wanted.filter((word) => !all.includes(word as GuestSuite));
  if (unknown.length) throw new Error(`CLOUDSEED_E2E_SUITES: unknown suite ${unknown.join(', ')} (${all.join(', ')})`);
  return all.filter((suite) => wanted.includes(suite));
}

describe('e2e: seeds from buildSeed() in Debian 11, 12 and 13 guests', { concurrency: 2 }, () => {
  // Every guest is built before any boot: a build's downloads and dpkg runs overlap well with
  // each other, but a build beside two boots would slow the boots into their time limits.
  before(async () => {
    await Promise.all(SUITES.map((suite) => ensureGuestImage(suite)));
  });
  for (const scenario of SCENARIOS) {
    test(scenario.name, async (t) => {
      await withScenarioDir(scenario.name, async (dir) => {
        // Each boot gets a freshly built seed: with a plain password only the salt differs.
        const specs = Array.from({ length: scenario.boots ?? 1 }, (_, i) => (i === 0 ? scenario.spec : (scenario.rebuiltFrom ?? scenario.spec)));
        const seeds = await Promise.all(specs.map((spec) => buildSeed(spec, scenario.options)));
        const [seed] = seeds;
        assert.ok(seed);
        await keepSeedFiles(dir, seed.files);
        const { boots, seedDevice } = await bootWithSeeds(
          dir,
          {
            suite: scenario.suite,
            renderer: scenario.renderer,
            filesystem: scenario.options.filesystem,
            macs: scenario.macs,
            kernelArgs: reporterKernelArgs(scenario.spec),
          },
          seeds.map((built) => built.image),
        );
        for (const boot of boots) {
          t.diagnostic(`boot: ${(boot.durationMs / 1000).toFixed(0)} s, ${boot.attempts} attempt(s), cloud-init ${boot.facts.cloud_init.version}`);
        }
        boots.forEach((boot, i) => {
          const expected = { datasource: scenario.options.datasource, seedDevice, instanceId: seeds[i]!.instanceId, scenario: scenario.name };
          const seen = assertSpecApplied(boot.facts, specs[i]!, expected);
          for (const known of knownSeedWarnings(scenario.name, boot.facts.cloud_init.version)) {
            t.diagnostic(`${seen.includes(known) ? 'known seed warning' : 'unused known seed warning'}: ${known.name}`);
          }
        });
        if (scenario.renderer) for (const boot of boots) assertRenderedBy(boot.facts, scenario.renderer);
        scenario.check?.(boots.map((boot) => boot.facts));
      });
    });
  }
});
