import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkSchema } from '../../src/parse/schema.js';
import { cpuMillisSince } from '../helpers/cpu-time.js';

test('a valid spec has no issues', () => {
  assert.deepEqual(checkSchema({ hostname: 'a', users: [{ name: 'bob', groups: ['x'], sudo: false }] }), []);
});

test('unknown keys name their path and suggest the closest key, nested ones too', () => {
  const issues = checkSchema({ hostnme: 'x', users: [{ name: 'a', pasword: 'x' }], network: { ethernets: { eth0: { adresses: [] } } } });
  assert.deepEqual(issues, [
    { path: 'hostnme', message: "unknown key (did you mean 'hostname'?)" },
    { path: 'users[0].pasword', message: "unknown key (did you mean 'password'?)" },
    { path: 'network.ethernets.eth0.adresses', message: "unknown key (did you mean 'addresses'?)" },
  ]);
});

test('no suggestion for a key unlike any known one', () => {
  assert.deepEqual(checkSchema({ hostname: 'a', zzzzzzzz: 1 }), [{ path: 'zzzzzzzz', message: 'unknown key' }]);
});

test('wrong types, enums and alternatives are described in words', () => {
  const issues = checkSchema({ hostname: 5, datasource: 'azure', users: [{ name: 'a', sudo: 3 }], runcmd: [7] });
  assert.deepEqual(issues, [
    { path: 'hostname', message: 'must be string, not number 5' },
    { path: 'datasource', message: 'must be one of "nocloud", "configdrive", "ovirt", not string "azure"' },
    { path: 'users[0].sudo', message: 'must be a string or a list of strings or false, not number 3' },
    { path: 'runcmd[0]', message: 'must be a string or a list of strings, not number 7' },
  ]);
});

test('every issue is reported at once', () => {
  assert.equal(checkSchema({ a: 1, b: 2, c: 3, users: [{}] }).length, 4);
});

test('a spec that is not a mapping says so', () => {
  assert.deepEqual(checkSchema(['x']), [{ path: '', message: 'the spec must be a mapping of keys to values, not a list' }]);
});

test('cloud-config keys the spec spells differently point at the spec key that means the same', () => {
  const issues = checkSchema({
    hostname: 'a',
    ssh_authorized_keys: [],
    ssh_pwauth: true,
    users: [{ name: 'a', passwd: 'x', hashed_passwd: 'y', plain_text_passwd: 'z' }],
    ssh: { ssh_pwauth: true },
  });
  assert.deepEqual(
    issues.map((issue) => [issue.path, /did you mean '([^']+)'/.exec(issue.message)?.[1]]),
    [
      ['ssh_authorized_keys', 'ssh.authorized_keys'],
      ['ssh_pwauth', 'ssh.password_auth'],
      ['users[0].passwd', 'password_hash'],
      ['users[0].hashed_passwd', 'password_hash'],
      ['users[0].plain_text_passwd', 'password'],
      // Inside ssh the plain edit distance applies.
      ['ssh.ssh_pwauth', undefined],
    ],
  );
  assert.match(issues.find((issue) => issue.path === 'ssh_authorized_keys')!.message, /users\[\]\.ssh_authorized_keys/);
});

test('a long list of wrong items is validated in time proportional to its length (collapseOneOf was quadratic)', () => {
  const started = process.cpuUsage();
  const issues = checkSchema({ runcmd: Array.from({ length: 10_000 }, (_, i) => i) });
  const elapsed = cpuMillisSince(started);
  assert.equal(issues.length, 10_000);
  assert.deepEqual(issues[9_999], { path: 'runcmd[9999]', message: 'must be a string or a list of strings, not number 9999' });
  // A bound on a bomb, not a benchmark: the quadratic version took tens of seconds here.
  assert.ok(elapsed < 3000, `took ${Math.round(elapsed)} ms of CPU time`);
});
