/** inspect's user summary reports a password cloud-init sets in clear as clear text ('plain'). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summarizeUsers } from '../../src/read/users.js';

const HASH = `$6$saltsalt$${'a'.repeat(86)}`;

test('chpasswd type: text is clear text even when the value is shaped like a hash, and a hash without type is not', () => {
  const users = summarizeUsers(
    [{ users: ['default', 'bob', 'carol', 'dave'], chpasswd: { users: [{ name: 'bob', type: 'text', password: HASH }, { name: 'carol', password: HASH }, { name: 'dave', type: 'hash', password: 'clear' }] } }],
    [],
  );
  assert.deepEqual(users.map((user) => [user.name, user.password]), [['default', 'none'], ['bob', 'plain'], ['carol', 'hash'], ['dave', 'plain']]);
});

test('a clear chpasswd password wins over the user entry hash: cc_set_passwords runs after the users exist', () => {
  const users = summarizeUsers([{ users: [{ name: 'erin', hashed_passwd: HASH }], chpasswd: { list: ['erin:clear'] } }], []);
  assert.deepEqual(users.map((user) => [user.name, user.password]), [['erin', 'plain']]);
});
