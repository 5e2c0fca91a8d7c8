/** The templates' placeholder key and example hash are refused wherever they turn up, unless allowed. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateSpec } from '../../src/seed.js';
import { applyFlags } from '../../src/cli/flags/spec-flags.js';

const PLACEHOLDER = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINHOWyAOuUICBE1TQgYM0xhJFwEw5Sf4wQ/DLitKan+h REPLACE-WITH-YOUR-KEY@example';
const EXAMPLE_HASH = '$6$cloudseedtmpl01$Przku.GxFP/ydw3Qj2oyzt2QdSKXp9V5/VJ9f3R9GcdrBqUKLltWiOKLum94B04msKoPC.UXsjpuTzI03bce2.';
const MINE = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMFcLQa5LtljAU6hzHLRucNvrq2+nO1ZUSgbxus8oGZO me@laptop';

const copied = {
  hostname: 'vm01',
  users: [{ name: 'admin', password_hash: EXAMPLE_HASH, ssh_authorized_keys: [MINE, PLACEHOLDER] }],
  ssh: { authorized_keys: [PLACEHOLDER.replace(' REPLACE-WITH-YOUR-KEY@example', ' renamed')] },
};

test('a spec copied from a template is refused at each placeholder, with what to do', async () => {
  const { ok, issues } = await validateSpec(copied);
  assert.equal(ok, false);
  assert.deepEqual(
    issues.map((issue) => issue.path),
    ['users[0].password_hash', 'users[0].ssh_authorized_keys[1]', 'ssh.authorized_keys[0]'],
  );
  assert.match(issues[0]!.message, /example hash.*replace it.*--user admin --password-prompt.*--allow-placeholders/);
  assert.match(issues[1]!.message, /placeholder key.*replace it.*--ssh-key.*--allow-placeholders/);
});

test('allowPlaceholders accepts them', async () => {
  assert.deepEqual(await validateSpec(copied, { allowPlaceholders: true }), { ok: true, issues: [] });
});

test('--ssh-key takes the place of every placeholder key, and keeps the real ones', async () => {
  const { spec, issues } = await applyFlags({ ...copied, users: [{ name: 'admin', ssh_authorized_keys: [MINE, PLACEHOLDER] }] }, { sshKeys: [MINE.replace('me@laptop', 'second')] });
  assert.deepEqual(issues, []);
  assert.deepEqual(spec['users'], [{ name: 'admin', ssh_authorized_keys: [MINE, MINE.replace('me@laptop', 'second')] }]);
  assert.deepEqual(spec['ssh'], { authorized_keys: [] });
  assert.deepEqual(await validateSpec(spec), { ok: true, issues: [] });
});

test("the Windows template's example admin password is refused, without repeating it, unless allowed", async () => {
  const windows = { datasource: 'configdrive', hostname: 'win01', windows: { admin_pass_in_clear: true, admin_pass: 'Replace-Me-2024!' } };
  const { ok, issues } = await validateSpec(windows);
  assert.equal(ok, false);
  assert.deepEqual(issues.map((issue) => issue.path), ['windows.admin_pass']);
  assert.match(issues[0]!.message, /example password.*replace it.*--allow-placeholders/);
  assert.ok(!issues[0]!.message.includes('Replace-Me-2024!'));
  assert.deepEqual(await validateSpec(windows, { allowPlaceholders: true }), { ok: true, issues: [] });
  assert.deepEqual(await validateSpec({ ...windows, windows: { admin_pass_in_clear: true, admin_pass: 'My-Own-Pass-7' } }), { ok: true, issues: [] });
});
