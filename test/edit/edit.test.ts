/** editSeed's instance-id policy and its refusals, on seeds built in memory. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { test } from 'node:test';
import { editSeed } from '../../src/edit/edit.js';
import { IoError, SpecError } from '../../src/errors.js';
import { readSeed } from '../../src/read/seed.js';
import { buildSeed } from '../../src/seed.js';
import { withTempDir } from '../helpers/tools.js';
import { makeIso, textTree } from '../read/reference-images.js';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIByNidShqSJJ5gQSDcLpsl7eG8265tm+T3PzyG7f9lcD ops@laptop';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function seed(spec: Record<string, unknown> = {}): Promise<{ image: Uint8Array; instanceId: string }> {
  return buildSeed({ hostname: 'base01', ...spec });
}

async function rejectsWith(promise: Promise<unknown>, path: string, message: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof SpecError, String(error));
    assert.ok(
      error.issues.some((issue) => issue.path === path && message.test(issue.message)),
      JSON.stringify(error.issues),
    );
    return true;
  });
}

test('nothing to change: the instance-id stays and the seed reads the same', async () => {
  const original = await seed();
  const edited = await editSeed(original.image, {});
  assert.deepEqual([edited.changed, edited.instanceIdPolicy, edited.instanceId], [false, 'keep', original.instanceId]);
  assert.deepEqual(readSeed(edited.image).tree, readSeed(original.image).tree);
});

test('default: a changed seed gets a new random instance-id, each time', async () => {
  const original = await seed();
  const first = await editSeed(original.image, { hostname: 'web02' });
  const second = await editSeed(original.image, { hostname: 'web02' });
  assert.equal(first.instanceIdPolicy, 'new');
  assert.match(first.instanceId, UUID);
  assert.notEqual(first.instanceId, second.instanceId);
  assert.equal(first.previousInstanceId, original.instanceId);
  assert.equal(readSeed(first.image).instanceId, first.instanceId);
});

test('--instance-id keep keeps it even when the content changed; derived is the same for the same edit', async () => {
  const original = await seed();
  const kept = await editSeed(original.image, { hostname: 'web02', instanceId: 'keep' });
  assert.deepEqual([kept.changed, kept.instanceId, readSeed(kept.image).instanceId], [true, original.instanceId, original.instanceId]);
  const derived = await editSeed(original.image, { hostname: 'web02', instanceId: 'derived' });
  const again = await editSeed(original.image, { hostname: 'web02', instanceId: 'derived' });
  const other = await editSeed(original.image, { hostname: 'web03', instanceId: 'derived' });
  assert.match(derived.instanceId, UUID);
  assert.equal(derived.instanceId, again.instanceId);
  assert.notEqual(derived.instanceId, other.instanceId);
  assert.notEqual(derived.instanceId, original.instanceId);
  assert.equal(readSeed(derived.image).hostname, 'web02');
});

test('a password is written only as a salted hash', async () => {
  const original = await seed();
  const edited = await editSeed(original.image, { user: 'ops', password: 'Sup3r secret pw', sshKeys: [KEY] }, { saltSeed: 'edit-test-salt' });
  assert.ok(!Buffer.from(edited.image).includes('Sup3r secret pw'));
  const [, ops] = readSeed(edited.image).users;
  assert.deepEqual([ops?.name, ops?.password, ops?.sshKeys.length], ['ops', 'hash', 1]);
});

test('refusals name the flag or file: hostname, key, missing user-data file', async () => {
  const { image } = await seed();
  await rejectsWith(editSeed(image, { hostname: 'bad host' }), '--hostname', /space/);
  await rejectsWith(editSeed(image, { sshKeys: ['ssh-ed25519 AAAA'] }), '--ssh-key[0]', /key/);
  await rejectsWith(editSeed(image, { userData: ['/nonexistent/part.sh'] }), '--user-data[0]', /no such file/);
});

test('--user-data files get the checks build gives user_data.parts: clear-text passwords, unreadable cloud-config', async () => {
  const { image } = await seed();
  await withTempDir(async (dir) => {
    const secret = join(dir, 'secret.yaml');
    writeFileSync(secret, '#cloud-config\nchpasswd: {users: [{name: ops, type: text, password: hunter2-not-here}]}\n');
    await assert.rejects(editSeed(image, { userData: [secret] }), (error: unknown) => {
      assert.ok(error instanceof SpecError, String(error));
      assert.deepEqual(error.issues.map((issue) => issue.path), ['--user-data[0].chpasswd.users[0].password']);
      assert.ok(!JSON.stringify(error.issues).includes('hunter2-not-here'));
      return true;
    });
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, '#cloud-config\nruncmd: [unclosed\n');
    await rejectsWith(editSeed(image, { userData: [broken] }), '--user-data[0]', /is not a cloud-config cloud-init can read/);
  });
});

test('refusals: not an image, a label cloud-init ignores, --net on an oVirt payload, gzip user-data', async () => {
  await assert.rejects(editSeed(new Uint8Array(4096), { hostname: 'x' }), IoError);
  const unlabelled = await makeIso('xorriso', ['-V', 'DATA'], textTree({ 'meta-data': 'instance-id: a\n', 'user-data': '' }));
  await rejectsWith(editSeed(unlabelled, { hostname: 'x' }), 'image', /label 'DATA'/);
  const ovirt = await seed({ datasource: 'ovirt' });
  await rejectsWith(editSeed(ovirt.image, { net: ['eth0=dhcp'] }), '--net', /oVirt|ovirt/);
  const gzipped = await makeIso(
    'xorriso',
    ['-V', 'cidata', '-J', '-r'],
    new Map([
      ['meta-data', new TextEncoder().encode('instance-id: a\n')],
      ['user-data', new Uint8Array(gzipSync('#cloud-config\n{}\n'))],
    ]),
  );
  await rejectsWith(editSeed(gzipped, { sshKeys: [KEY] }), 'user-data', /gzip/);
});

test('--write-file: a relative guest path or a missing source is refused, named by the flag', async () => {
  const { image } = await seed();
  await rejectsWith(editSeed(image, { writeFiles: [{ path: 'etc/motd', source: '/etc/hostname' }] }), '--write-file[0]', /absolute/);
  await rejectsWith(editSeed(image, { writeFiles: [{ path: '/etc/motd', source: '/nonexistent/motd' }] }), '--write-file[0]', /./);
});

test('a vfat seed keeps its size while the content fits, and grows (said in a note) when it does not', () =>
  withTempDir(async (dir) => {
    const original = await buildSeed({ hostname: 'fat01', filesystem: 'vfat', size: '128K' });
    const small = await editSeed(original.image, { hostname: 'fat02' });
    assert.equal(small.image.length, 128 * 1024);
    assert.deepEqual(small.notes, []);
    const part = join(dir, 'big.sh');
    writeFileSync(part, `#!/bin/sh\n: '${'x'.repeat(300 * 1024)}'\n`);
    const grown = await editSeed(original.image, { userData: [part] });
    assert.ok(grown.image.length > 300 * 1024);
    assert.deepEqual(grown.notes, [`the vfat image grew from ${128 * 1024} to ${grown.image.length} bytes to hold the new content`]);
    assert.equal(readSeed(grown.image).label, original.label);
  }));

test('--hostname on MIME user-data whose cloud-config sets its own hostname is refused (it would not apply)', () =>
  withTempDir(async (dir) => {
    writeFileSync(join(dir, 'first.sh'), '#!/bin/sh\ntrue\n');
    const built = await buildSeed({ hostname: 'mime01', user_data: { parts: [join(dir, 'first.sh')] } }, { allowOutsideSources: true });
    await rejectsWith(editSeed(built.image, { hostname: 'web02' }), 'user-data', /sets hostname or fqdn, which wins over --hostname/);
    const keysOnly = await editSeed(built.image, { sshKeys: [KEY] });
    assert.equal(readSeed(keysOnly.image).hostname, 'mime01');
  }));
