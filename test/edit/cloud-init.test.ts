/**
 * `editSeed` on images other tools made (cloud-localds iso9660 and vfat, genisoimage, mkfs.vfat +
 * mcopy, our own config drive), judged by independent readers: xorriso or mtools extract the
 * edited image, blkid reads its label, and cloud-init 22.4's own DataSourceNoCloud /
 * DataSourceConfigDrive (test/helpers/read-*.py) read the result.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { editSeed } from '../../src/edit/edit.js';
import { buildSeed } from '../../src/seed.js';
import { readSeedAsCloudInit } from '../helpers/cloud-init-view.js';
import { readConfigDrive, fromBase64 } from '../helpers/config-drive.js';
import { extractFatWithMtools, extractIsoWithXorriso, loadWithPyYaml, probeWithBlkid } from '../helpers/images.js';
import { runTool, withTempDir } from '../helpers/tools.js';
import { makeIso, makeSshKey, makeVfat, textTree } from '../read/reference-images.js';

const USER_DATA = '#cloud-config\n# set by hand\npassword: passw0rd\nchpasswd: { expire: False }\nssh_pwauth: True\n';

let key: { line: string; fingerprint: string };
before(async () => {
  key = await makeSshKey('ed25519', 'ops@edit');
});

/** cloud-localds as its --help shows it: it writes meta-data itself (instance-id iid-local01, -H's local-hostname). */
function cloudLocalds(args: readonly string[], userData: string): Promise<Uint8Array> {
  return withTempDir((dir) => {
    writeFileSync(join(dir, 'user-data'), userData);
    runTool('cloud-localds', [...args, join(dir, 'seed.img'), join(dir, 'user-data')]);
    return new Uint8Array(readFileSync(join(dir, 'seed.img')));
  });
}

interface Extracted {
  readonly dir: string;
  readonly blkid: Record<string, string>;
}

/** Writes the image, probes it with blkid and extracts it with the tool of its filesystem. */
function extract(dir: string, image: Uint8Array): Extracted {
  const path = join(dir, 'edited.img');
  writeFileSync(path, image);
  const blkid = probeWithBlkid(path);
  const files = join(dir, 'files');
  if (blkid['TYPE'] === 'iso9660') extractIsoWithXorriso(path, files);
  else extractFatWithMtools(path, files);
  return { dir: files, blkid };
}

type Users = (string | { name: string; ssh_authorized_keys?: string[]; sudo?: string; hashed_passwd?: string })[];

test('a cloud-localds iso9660 seed: cloud-init reads the new hostname, instance-id, user with key and network', () =>
  withTempDir(async (dir) => {
    const original = await cloudLocalds(['-H', 'orig01'], USER_DATA);
    const edited = await editSeed(original, { hostname: 'web02', user: 'ops', sshKeys: [key.line], net: ['eth0=dhcp'] });
    assert.equal(edited.previousInstanceId, 'iid-local01');
    assert.notEqual(edited.instanceId, 'iid-local01');
    assert.equal(edited.instanceIdPolicy, 'new');
    assert.deepEqual(edited.notes, ['user-data: rewritten as YAML, its comments were not kept']);
    const { dir: files, blkid } = extract(dir, edited.image);
    assert.equal(blkid['TYPE'], 'iso9660');
    assert.equal(blkid['LABEL'], 'cidata');
    const seen = readSeedAsCloudInit(files, { hostname: 'web02' });
    assert.equal(seen.hostname, 'web02');
    assert.equal(seen.instanceId, edited.instanceId);
    const config = loadWithPyYaml(seen.cloudConfig) as Record<string, unknown>;
    // What the user wrote stays; the default user stays next to the new one.
    assert.equal(config['password'], 'passw0rd');
    assert.equal(config['ssh_pwauth'], true);
    const users = config['users'] as Users;
    assert.equal(users[0], 'default');
    assert.deepEqual(users[1], { name: 'ops', shell: '/bin/bash', sudo: 'ALL=(ALL) NOPASSWD:ALL', lock_passwd: true, ssh_authorized_keys: [key.line] });
    const view = JSON.parse(runTool('/usr/bin/python3', [join(import.meta.dirname, '..', 'helpers', 'read-nocloud.py'), files]).stdout);
    assert.deepEqual(view.network_config, { version: 1, config: [{ type: 'physical', name: 'eth0', subnets: [{ type: 'dhcp4' }] }] });
  }));

test('a cloud-localds vfat seed keeps its label, FAT type and size; an existing user gets the key added, nothing else', () =>
  withTempDir(async (dir) => {
    const userData = `#cloud-config\nusers:\n  - default\n  - name: ops\n    groups: [adm]\n    ssh_authorized_keys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA/old+key/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA old']\n`;
    const original = await cloudLocalds(['-f', 'vfat', '-H', 'orig01'], userData);
    const edited = await editSeed(original, { user: 'ops', sshKeys: [key.line] });
    assert.equal(edited.image.length, original.length);
    const { dir: files, blkid } = extract(dir, edited.image);
    assert.equal(blkid['TYPE'], 'vfat');
    assert.equal(blkid['LABEL'], 'cidata');
    const seen = readSeedAsCloudInit(files, { hostname: 'orig01' });
    assert.equal(seen.hostname, 'orig01');
    const users = (loadWithPyYaml(seen.cloudConfig) as { users: Users }).users;
    assert.deepEqual(users[1], {
      name: 'ops',
      groups: ['adm'],
      ssh_authorized_keys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA/old+key/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA old', key.line],
    });
  }));

test('genisoimage and mkfs.vfat + mcopy seeds (upper-case label) keep label and filesystem', async () => {
  const tree = textTree({ 'meta-data': 'instance-id: i-1\nlocal-hostname: a\n', 'user-data': '#cloud-config\n' });
  const iso = await makeIso('genisoimage', ['-V', 'cidata', '-J', '-r'], tree);
  const fat = await makeVfat(['-n', 'CIDATA'], 1440, tree);
  for (const [original, filesystem, label] of [[iso, 'iso9660', 'cidata'], [fat, 'vfat', 'CIDATA']] as const) {
    await withTempDir(async (dir) => {
      const edited = await editSeed(original, { hostname: 'b', instanceId: 'keep' });
      assert.equal(edited.instanceId, 'i-1');
      const { dir: files, blkid } = extract(dir, edited.image);
      assert.deepEqual([blkid['TYPE'], blkid['LABEL']], [filesystem, label]);
      const seen = readSeedAsCloudInit(files, { hostname: 'b' });
      assert.deepEqual([seen.hostname, seen.instanceId], ['b', 'i-1']);
    });
  }
});

test('a script as user-data stays byte for byte; the new user comes as a cloud-config part cloud-init reads', () =>
  withTempDir(async (dir) => {
    const script = '#!/bin/sh\necho hello > /run/hello\n';
    const original = await cloudLocalds(['-H', 'orig01'], script);
    const edited = await editSeed(original, { user: 'ops', sshKeys: [key.line] });
    const { dir: files } = extract(dir, edited.image);
    const view = JSON.parse(runTool('/usr/bin/python3', [join(import.meta.dirname, '..', 'helpers', 'read-nocloud.py'), files]).stdout);
    const parts = view.userdata_parts as { type: string; content: string }[];
    assert.deepEqual(parts.map((part) => part.type), ['text/x-shellscript', 'text/cloud-config']);
    assert.equal(parts[0]!.content, script);
    const users = (loadWithPyYaml(parts[1]!.content) as { users: Users }).users;
    assert.deepEqual(users.map((user) => (typeof user === 'string' ? user : user.name)), ['default', 'ops']);
  }));

test('MIME user-data nests as it is: cloud-init sees its parts, then the edit and an added script', () =>
  withTempDir(async (dir) => {
    const scriptPath = join(dir, 'extra.sh');
    writeFileSync(scriptPath, '#!/bin/sh\ntrue\n');
    writeFileSync(join(dir, 'first.sh'), '#!/bin/sh\necho first\n');
    const built = await buildSeed({ hostname: 'mime01', user_data: { parts: [join(dir, 'first.sh')] } }, { allowOutsideSources: true });
    const edited = await editSeed(built.image, { sshKeys: [key.line], userData: [scriptPath] });
    const { dir: files } = extract(dir, edited.image);
    const view = JSON.parse(runTool('/usr/bin/python3', [join(import.meta.dirname, '..', 'helpers', 'read-nocloud.py'), files]).stdout);
    const parts = view.userdata_parts as { type: string; filename: string | null; content: string }[];
    assert.deepEqual(parts.map((part) => part.type), ['text/cloud-config', 'text/x-shellscript', 'text/cloud-config', 'text/x-shellscript']);
    assert.deepEqual((loadWithPyYaml(parts[2]!.content) as Record<string, unknown>)['ssh_authorized_keys'], [key.line]);
    assert.equal(parts[3]!.content, '#!/bin/sh\ntrue\n');
  }));

test('an added cloud-config file merges into #cloud-config user-data, lists appended', () =>
  withTempDir(async (dir) => {
    const extra = join(dir, 'extra.yaml');
    writeFileSync(extra, '#cloud-config\nruncmd: [[touch, /run/b]]\npackages: [htop]\n');
    const original = await cloudLocalds([], '#cloud-config\nruncmd: [[touch, /run/a]]\n');
    const edited = await editSeed(original, { userData: [extra] });
    const { dir: files } = extract(dir, edited.image);
    const seen = readSeedAsCloudInit(files, { hostname: 'x' });
    assert.deepEqual(seen.partTypes, ['text/cloud-config']);
    assert.deepEqual(loadWithPyYaml(seen.cloudConfig), { runcmd: [['touch', '/run/a'], ['touch', '/run/b']], packages: ['htop'] });
  }));

test('a config drive: every openstack/<version>/ folder changes; cloud-init ConfigDrive reads the new hostname and uuid', () =>
  withTempDir(async (dir) => {
    const built = await buildSeed({ hostname: 'cd01', datasource: 'configdrive' });
    const edited = await editSeed(built.image, { hostname: 'cd02', user: 'ops', sshKeys: [key.line] });
    const { dir: files } = extract(dir, edited.image);
    const { datasource } = readConfigDrive(files, {});
    assert.equal(datasource.found, true);
    assert.equal(datasource.hostname, 'cd02');
    assert.equal(datasource.instance_id, edited.instanceId);
    const raw = new TextDecoder().decode(fromBase64(datasource.userdata_raw));
    assert.ok(raw.includes(key.line));
    for (const version of ['latest', '2018-08-27']) {
      const meta = JSON.parse(readFileSync(join(files, 'openstack', version, 'meta_data.json'), 'utf8'));
      assert.deepEqual([meta.hostname, meta.uuid], ['cd02', edited.instanceId]);
    }
  }));

test("--write-file adds to write_files; a hostname in the user-data itself changes too, its fqdn goes", () =>
  withTempDir(async (dir) => {
    const motd = join(dir, 'motd');
    writeFileSync(motd, 'edited by cloudseed\n');
    const userData = '#cloud-config\nhostname: old01\nfqdn: old01.example.com\nwrite_files:\n  - path: /etc/a\n    content: a\n';
    const original = await cloudLocalds(['-H', 'old01'], userData);
    const edited = await editSeed(original, { hostname: 'new01', writeFiles: [{ path: '/etc/motd', source: motd }] });
    assert.deepEqual(edited.notes, ["user-data: removed fqdn 'old01.example.com' (it would win over the new hostname)"]);
    const { dir: files } = extract(dir, edited.image);
    const seen = readSeedAsCloudInit(files, { hostname: 'new01' });
    assert.equal(seen.hostname, 'new01');
    assert.deepEqual(loadWithPyYaml(seen.cloudConfig), {
      hostname: 'new01',
      write_files: [
        { path: '/etc/a', content: 'a' },
        { path: '/etc/motd', content: 'edited by cloudseed\n', permissions: '0644' },
      ],
    });
  }));
