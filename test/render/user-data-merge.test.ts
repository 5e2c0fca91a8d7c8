/**
 * Extra user-data adds to what cloudseed generates, judged by cloud-init's own merging code
 * (test/helpers/merge-user-data.py): cloud-init merges a later cloud-config part with
 * `dict(replace)` by default, so an extra `users:` list used to replace the spec's users.
 * Also `users: [default]`: cloud-init's entry for the image's default user.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { renderSeed } from '../../src/index.js';
import { runCli } from '../helpers/cli.js';
import { runTool, withTempDir } from '../helpers/tools.js';

interface Merged {
  cloud_config: Record<string, unknown>;
  users: Record<string, { default: boolean }>;
}

const KEY = (comment: string): string => `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ${comment}`;

/** What cloud-init makes of a user-data file: the merged cloud-config and the users it creates. */
function mergeWithCloudInit(userDataFile: string): Merged {
  return JSON.parse(runTool('/usr/bin/python3', [join(import.meta.dirname, '..', 'helpers', 'merge-user-data.py'), userDataFile]).stdout) as Merged;
}

const SPEC = {
  hostname: 'web01',
  users: [{ name: 'bob', shell: '/bin/bash' }],
  ssh: { authorized_keys: [KEY('generated@host')], password_auth: false },
  packages: ['curl'],
  runcmd: ['echo generated'],
  write_files: [{ path: '/etc/generated', content: 'generated\n' }],
};

const EXTRA = [
  '#cloud-config',
  'users: [{name: carol, shell: /bin/sh}]',
  `ssh_authorized_keys: ["${KEY('extra@host')}"]`,
  'runcmd: [echo extra]',
  'write_files: [{path: /etc/extra, content: "extra\\n", permissions: 0600}]',
  'packages: [jq]',
  'ssh_pwauth: true',
  '',
].join('\n');

/** A part cloud-init renders itself, so it cannot be merged at build time. */
const JINJA = ['## template: jinja', '#cloud-config', 'users: [{name: dave}]', 'runcmd: [echo {{ v1.local_hostname }}]', ''].join('\n');

function assertNothingLost(merged: Merged, extraUsers: string[]): void {
  const config = merged.cloud_config;
  assert.deepEqual(Object.keys(merged.users).sort(), ['bob', ...extraUsers, 'debian'].sort(), 'generated and extra users');
  assert.equal(merged.users['debian']!.default, true, 'the default user is kept for ssh.authorized_keys');
  assert.deepEqual(config['ssh_authorized_keys'], [KEY('generated@host'), KEY('extra@host')]);
  assert.deepEqual(config['packages'], ['curl', 'jq']);
  assert.deepEqual(
    (config['write_files'] as { path: string }[]).map((file) => file.path),
    ['/etc/generated', '/etc/extra'],
  );
  assert.deepEqual((config['runcmd'] as string[]).slice(0, 2), ['echo generated', 'echo extra']);
}

test('--user-data with users, keys, runcmd, write_files and packages adds to the generated lists (cloud-init merges it)', async () => {
  await withTempDir(async (dir) => {
    writeFileSync(join(dir, 'spec.json'), JSON.stringify(SPEC));
    writeFileSync(join(dir, 'extra.yaml'), EXTRA);
    writeFileSync(join(dir, 'template.yaml'), JINJA);
    const result = await runCli(['render', 'spec.json', '--user-data', 'extra.yaml', '--user-data', 'template.yaml', '--out-dir', 'out'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    const merged = mergeWithCloudInit(join(dir, 'out', 'user-data'));
    assertNothingLost(merged, ['carol', 'dave']);
    assert.deepEqual(merged.cloud_config['runcmd'], ['echo generated', 'echo extra', 'echo web01'], 'the template part appends too');
    // A value both give: the extra part wins, as in user_data.cloud_config.
    assert.equal(merged.cloud_config['ssh_pwauth'], true);
    // The plain cloud-config part was merged at build time; only the template is left as a part.
    const userData = readFileSync(join(dir, 'out', 'user-data'), 'utf8');
    assert.doesNotMatch(userData, /filename="extra\.yaml"/);
    assert.match(userData, /filename="template\.yaml"\nMerge-Type: list\(append\)\+dict\(no_replace,recurse_list\)\+str\(\)\n/);
  });
});

test('a cloud-config part with its own merge_how is left to cloud-init, which keeps the generated lists too', async () => {
  await withTempDir(async (dir) => {
    const own = `${EXTRA}merge_how: 'dict(recurse_array,no_replace)+list(append)'\n`;
    const { files } = await renderSeed({ ...SPEC, user_data: { parts: [{ content: own, filename: 'own.yaml' }] } });
    writeFileSync(join(dir, 'user-data'), files.get('user-data')!);
    assert.match(new TextDecoder().decode(files.get('user-data')), /filename="own\.yaml"/);
    const merged = mergeWithCloudInit(join(dir, 'user-data'));
    assertNothingLost(merged, ['carol']);
  });
});

test('an explicit Content-Type text/cloud-config part is merged like a #cloud-config one', async () => {
  await withTempDir(async (dir) => {
    const body = EXTRA.replace('#cloud-config\n', '');
    const { files } = await renderSeed({ ...SPEC, user_data: { parts: [{ content: body, type: 'text/cloud-config' }] } });
    writeFileSync(join(dir, 'user-data'), files.get('user-data')!);
    assertNothingLost(mergeWithCloudInit(join(dir, 'user-data')), ['carol']);
  });
});

test("users: [default] keeps the image's default user; without it, listing users replaces it", async () => {
  await withTempDir(async (dir) => {
    const cases: Array<[unknown[], string[]]> = [
      [['default', { name: 'bob' }], ['bob', 'debian']],
      [['default'], ['debian']],
      [[{ name: 'bob' }], ['bob']],
    ];
    for (const [users, expected] of cases) {
      const { files } = await renderSeed({ hostname: 'web01', users });
      writeFileSync(join(dir, 'user-data'), files.get('user-data')!);
      const merged = mergeWithCloudInit(join(dir, 'user-data'));
      assert.deepEqual(Object.keys(merged.users).sort(), expected, JSON.stringify(users));
      if (expected.includes('debian')) assert.equal(merged.users['debian']!.default, true);
    }
  });
});

test('a spec without default keeps the instance-id it had; listing default changes it', async () => {
  const { instanceId } = await renderSeed({ hostname: 'web01', users: [{ name: 'bob' }] });
  // The id this spec had before `default` was accepted.
  assert.equal(instanceId, '137a5c2f-525f-826c-bc65-8574f5fc4fff');
  const withDefault = await renderSeed({ hostname: 'web01', users: ['default', { name: 'bob' }] });
  assert.notEqual(withDefault.instanceId, instanceId);
});

test('users as a comma-separated string in user_data.cloud_config or a part adds those users; the spec user it names again keeps its settings', async () => {
  await withTempDir(async (dir) => {
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ cloud_config: { users: 'carol, dave' } }, ['bob', 'carol', 'dave']],
      [{ parts: [{ content: '#cloud-config\nusers: "dave,bob, carol"\n' }] }, ['bob', 'carol', 'dave']],
    ];
    for (const [userData, expected] of cases) {
      const { files } = await renderSeed({ hostname: 'web01', users: [{ name: 'bob', shell: '/bin/bash' }], user_data: userData });
      writeFileSync(join(dir, 'user-data'), files.get('user-data')!);
      const merged = mergeWithCloudInit(join(dir, 'user-data'));
      assert.deepEqual(Object.keys(merged.users).sort(), expected, JSON.stringify(userData));
      // The string used to replace the generated list: bob was then created without his settings.
      assert.equal((merged.users['bob'] as { shell?: string }).shell, '/bin/bash', JSON.stringify(userData));
    }
  });
});
