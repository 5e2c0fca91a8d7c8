/** The e2e harness's pure parts, without booting anything. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseAccelerator } from './accelerator.js';
import { assertNoWarnings } from './assert-cloud-init.js';
import { verifySha512Crypt } from './assert-identity.js';
import { assertNetwork } from './assert-network.js';
import { findStall } from './console-watch.js';
import { extractFacts, FACTS_BEGIN, FACTS_END, type GuestFacts } from './facts.js';
import { hashPassword } from './fixture-seed.js';
import { buildQemuArgs, formatCommandLine, seedDevice, type Machine } from './qemu-args.js';

const GUEST = { suite: 'bookworm', image: '/cache/guest.img', kernel: '/cache/vmlinuz', initrd: '/cache/initrd.img' } as const;
const LOGS = { console: '/out/console.log', facts: '/out/facts.log' };

function probe(present: readonly string[], override?: string) {
  return { exists: (path: string) => present.includes(path), override };
}

test('KVM only with a hardware KVM module and no PVM; TCG otherwise', () => {
  assert.equal(chooseAccelerator(probe(['/dev/kvm', '/sys/module/kvm_intel'])), 'kvm');
  assert.equal(chooseAccelerator(probe(['/dev/kvm', '/sys/module/kvm_amd'])), 'kvm');
  assert.equal(chooseAccelerator(probe(['/dev/kvm', '/sys/module/kvm_pvm'])), 'tcg');
  assert.equal(chooseAccelerator(probe(['/dev/kvm', '/sys/module/kvm_intel', '/sys/module/kvm_pvm'])), 'tcg');
  assert.equal(chooseAccelerator(probe(['/sys/module/kvm_intel'])), 'tcg');
  assert.equal(chooseAccelerator(probe([], 'kvm')), 'kvm');
  assert.throws(() => chooseAccelerator(probe([], 'hvf')), /kvm or tcg/);
});

test('an iso9660 seed is an IDE CD-ROM (/dev/sr0), a vfat seed a virtio disk after the root (/dev/vdb)', () => {
  const machine: Machine = {
    guest: GUEST,
    root: { kind: 'snapshot' },
    seed: { path: '/out/seed.iso', attach: 'cdrom' },
    macs: ['52:54:00:00:00:01', '52:54:00:00:00:02'],
    kernelArgs: ['cloudseed_e2e.files=/etc/a'],
  };
  const args = buildQemuArgs(machine, LOGS, 'tcg');
  const drives = args.filter((_, index) => args[index - 1] === '-drive');
  assert.deepEqual(drives, [
    'file=/cache/guest.img,format=raw,if=virtio,snapshot=on',
    'file=/out/seed.iso,format=raw,readonly=on,media=cdrom,if=ide',
  ]);
  assert.deepEqual(
    args.filter((_, index) => args[index - 1] === '-nic'),
    ['user,restrict=on,model=virtio-net-pci,mac=52:54:00:00:00:01', 'user,restrict=on,model=virtio-net-pci,mac=52:54:00:00:00:02'],
  );
  assert.match(args[args.indexOf('-append') + 1] ?? '', /^console=ttyS0 root=\/dev\/vda .* cloudseed_e2e\.files=\/etc\/a$/);
  assert.deepEqual(args.slice(0, 2), ['-accel', 'tcg']);
  assert.equal(seedDevice({ path: '/out/seed.img', attach: 'disk' }), '/dev/vdb');
});

test('an overlay root is a qcow2 drive, and commas in paths are doubled', () => {
  const machine: Machine = {
    guest: GUEST,
    root: { kind: 'overlay', path: '/out/a,b/overlay.qcow2' },
    seed: { path: '/out/seed.img', attach: 'disk' },
    macs: [],
  };
  const args = buildQemuArgs(machine, LOGS, 'kvm');
  assert.ok(args.includes('file=/out/a,,b/overlay.qcow2,format=qcow2,if=virtio'));
  assert.ok(args.includes('file=/out/seed.img,format=raw,readonly=on,if=virtio'));
  assert.deepEqual(args.slice(0, 4), ['-accel', 'kvm', '-cpu', 'host']);
});

test('the saved command line quotes what a shell would split', () => {
  assert.equal(formatCommandLine('qemu', ['-append', 'a b', "it's"]), `qemu -append 'a b' 'it'\\''s'`);
});

test('stalls are recognised in the console log', () => {
  assert.equal(findStall('[ 1.0] ok\n[ 2.0] systemd[1]: Started x.\n'), undefined);
  assert.match(findStall('[ 80.1] rcu: INFO: rcu_sched self-detected stall on CPU\n') ?? '', /rcu_sched/);
  assert.match(findStall('[ 9.9] watchdog: BUG: soft lockup - CPU#0 stuck for 22s!\n') ?? '', /soft lockup/);
  assert.match(findStall('[ 242.0] INFO: task systemd-udevd:123 blocked for more than 120 seconds.\n') ?? '', /blocked/);
});

test('facts are read between the markers, CRLF or not; a missing end or a reporter error throws', () => {
  const body = '{"boot": {"count": 1}}';
  assert.equal(extractFacts(`noise\r\n${FACTS_BEGIN}\r\n${body}\r\n${FACTS_END}\r\n`).boot.count, 1);
  assert.throws(() => extractFacts(`${FACTS_BEGIN}\n${body}\n`), /no facts between/);
  assert.throws(() => extractFacts(`${FACTS_BEGIN}\n{"boot": \n${FACTS_END}\n`), /not JSON/);
  assert.throws(() => extractFacts(`${FACTS_BEGIN}\n{"reporter_error": "x"}\n${FACTS_END}\n`), /reporter failed/);
});

test('a shadow hash verifies against its password only', () => {
  const hash = hashPassword('pässwörd with spaces', 'saltsalt');
  assert.equal(verifySha512Crypt(hash, 'pässwörd with spaces'), true);
  assert.equal(verifySha512Crypt(hash, 'pässwörd with space'), false);
  assert.throws(() => verifySha512Crypt('$6$rounds=5000$salt$x', 'x'), /without rounds/);
});

test('network facts are compared in canonical form, and a missing address or route is named', () => {
  const network = {
    addresses: [
      {
        ifname: 'eth0',
        address: '52:54:00:12:34:56',
        addr_info: [
          { family: 'inet', local: '192.0.2.10', prefixlen: 24 },
          { family: 'inet6', local: '2001:db8::10', prefixlen: 64 },
        ],
      },
    ],
    routes4: [{ dst: 'default', gateway: '192.0.2.1' }],
    routes6: [{ dst: '2001:db8:1::/48', gateway: '2001:db8::1' }],
    resolv_conf: '',
    files: {},
    bonds: {},
    vlans: {},
  };
  const facts = { network } as unknown as GuestFacts;
  const eth0 = {
    match: { macaddress: '52:54:00:12:34:56' },
    addresses: ['2001:0db8:0:0::10/64', '192.0.2.10/24'],
    routes: [{ to: 'default', via: '192.0.2.1' }, { to: '2001:db8:1::/48', via: '2001:0db8::1' }],
  };
  assertNetwork(facts, { ethernets: { eth0 } });
  assert.throws(() => assertNetwork(facts, { ethernets: { eth0: { addresses: ['192.0.2.11/24'] } } }), /eth0: lacks 192\.0\.2\.11\/24/);
  assert.throws(() => assertNetwork(facts, { ethernets: { eth0: { routes: [{ to: '10.0.0.0/8', via: '192.0.2.1' }] } } }), /no route to 10\.0\.0\.0\/8/);
  assert.throws(() => assertNetwork(facts, { ethernets: { lan0: { match: { macaddress: '52:54:00:12:34:56' } } } }), /name of the NIC/);
});

test('a warning, a deprecation, a traceback or a degraded status fails the boot unless known for its scenario', () => {
  const factsWith = (logProblems: string[], status: object): GuestFacts =>
    ({ cloud_init: { version: '25.1.4', log_problems: logProblems, status } }) as unknown as GuestFacts;
  const clean = { status: 'done', errors: [], extended_status: 'done', recoverable_errors: {} };
  assert.deepEqual(assertNoWarnings(factsWith([], clean), 'any'), []);
  const warning = '2026-01-31 12:34:56,789 - util.py[WARNING]: something odd';
  assert.throws(() => assertNoWarnings(factsWith([warning], clean), 'any'), /something odd/);
  const traceback = ['2026-01-31 12:34:56,789 - util.py[DEBUG]: failed', 'Traceback (most recent call last):', '  File "x.py"'];
  assert.throws(() => assertNoWarnings(factsWith(traceback, clean), 'any'), /Traceback[^]*File "x\.py"/);
  const degraded = { ...clean, extended_status: 'degraded done', recoverable_errors: { DEPRECATED: ['Key gateway4 is deprecated'] } };
  assert.throws(() => assertNoWarnings(factsWith([], degraded), 'any'), /recoverable DEPRECATED: Key gateway4/);
  assert.throws(() => assertNoWarnings(factsWith([], { ...clean, extended_status: 'degraded done' }), 'any'), /extended_status: degraded done/);
  // cloud-init 20.4's status read from its text form has neither field.
  assert.deepEqual(assertNoWarnings(factsWith([], { status: 'done', errors: [], source: 'text' }), undefined), []);
});

test('a known seed warning passes only in the scenarios and cloud-init versions it is listed for', () => {
  const line = '2026-01-31 12:34:56,789 - main.py[WARNING]: Stdout, stderr changing to (>> /var/log/cloud-init-output.log, >> /var/log/cloud-init-output.log)';
  const facts = (version: string): GuestFacts =>
    ({ cloud_init: { version, log_problems: [line], status: { status: 'done', errors: [], source: 'text' } } }) as unknown as GuestFacts;
  const [seen] = assertNoWarnings(facts('20.4.1'), 'bullseye-ovirt-iso9660');
  assert.match(seen?.name ?? '', /^ovirt: output\.all/);
  assert.throws(() => assertNoWarnings(facts('20.4.1'), 'bullseye-nocloud-iso9660'), /Stdout, stderr changing/);
  assert.throws(() => assertNoWarnings(facts('20.4.1'), undefined), /Stdout, stderr changing/);
});
