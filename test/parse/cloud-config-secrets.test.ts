/**
 * Clear-text passwords in pass-through cloud-config (`user_data.cloud_config`, `vendor_data`)
 * are refused by path, in every form cc_set_passwords and cc_users_groups take them, and the
 * message never repeats the value.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateSpec } from '../../src/seed.js';

const SECRET = 'Hunter2-clear';
const HASH = `$6$saltsalt$${'a'.repeat(86)}`;

async function issuesOf(spec: Record<string, unknown>): Promise<{ path: string; message: string }[]> {
  const { issues } = await validateSpec({ hostname: 'a', ...spec });
  for (const issue of issues) assert.ok(!issue.message.includes(SECRET), `the message repeats the password: ${issue.message}`);
  return [...issues];
}

test('every clear-text form is refused by path, without the value', async () => {
  const issues = await issuesOf({
    user_data: {
      cloud_config: {
        password: SECRET,
        chpasswd: {
          users: [
            { name: 'a', type: 'text', password: SECRET },
            { name: 'b', password: SECRET },
            { name: 'c', type: 'hash', password: HASH },
            { name: 'd', type: 'RANDOM' },
          ],
          list: [`e:${SECRET}`, `f:${HASH}`, 'g:RANDOM', 'h:R'],
        },
        user: { name: 'me', plain_text_passwd: SECRET },
        users: ['default', { name: 'i', passwd: SECRET }, { name: 'j', passwd: HASH }, { name: 'k', plain_text_passwd: SECRET }],
      },
    },
    vendor_data: { chpasswd: { list: `x:${HASH}\ny:${SECRET}\n` }, password: 1234 },
  });
  assert.deepEqual(
    issues.map((issue) => issue.path),
    [
      'user_data.cloud_config.password',
      'user_data.cloud_config.chpasswd.users[0].password',
      'user_data.cloud_config.chpasswd.users[1].password',
      'user_data.cloud_config.chpasswd.list[0]',
      'user_data.cloud_config.user.plain_text_passwd',
      'user_data.cloud_config.users[1].passwd',
      'user_data.cloud_config.users[3].plain_text_passwd',
      'vendor_data.password',
      'vendor_data.chpasswd.list',
    ],
  );
  assert.match(issues[1]!.message, /type: text/);
  assert.deepEqual((await issuesOf({ vendor_data: `#cloud-config\npassword: ${SECRET}\n` })).map((issue) => issue.path), ['vendor_data.password']);
  assert.match(issues[8]!.message, /^line 2: /);
  for (const issue of issues) assert.match(issue.message, /users\[\]\.password \(hashed at build time\)/);
});

test('hashes, random passwords and cloud-config without passwords pass', async () => {
  assert.deepEqual(
    await issuesOf({
      user_data: { cloud_config: { chpasswd: { expire: false, users: [{ name: 'a', password: HASH }, { name: 'b', type: 'RANDOM' }] }, users: [{ name: 'c', hashed_passwd: HASH }] } },
      vendor_data: '#cloud-config\n',
    }),
    [],
  );
});
