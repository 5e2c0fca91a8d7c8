/** Files named by flags: password files and --ssh-key values. */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { applyFlags, expandHome, readPasswordFile } from '../../../src/cli/flags/spec-flags.js';
import { withTempDir } from '../../helpers/tools.js';

test('a password file starting with a byte order mark gives the password without it (UTF-8 and UTF-16)', async () => {
  await withTempDir(async (dir) => {
    const forms: ReadonlyArray<readonly [string, Buffer]> = [
      ['utf8-bom', Buffer.from('\ufeffs3cret\r\n', 'utf8')],
      ['utf16le-bom', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('s3cret\r\n', 'utf16le')])],
      ['plain', Buffer.from('s3cret\nsecond line\n')],
    ];
    for (const [name, bytes] of forms) {
      writeFileSync(join(dir, name), bytes);
      assert.deepEqual(await readPasswordFile(join(dir, name)), { password: 's3cret' }, name);
    }
  });
});

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl bob@host';

test('--ssh-key expands ~ as the shell would have (--ssh-key=~/... and quoted values reach us unexpanded)', async () => {
  await withTempDir(async (home) => {
    mkdirSync(join(home, '.ssh'));
    writeFileSync(join(home, '.ssh', 'id_ed25519.pub'), `${KEY}\n`);
    assert.equal(expandHome('~/.ssh/id_ed25519.pub', home), join(home, '.ssh', 'id_ed25519.pub'));
    assert.equal(expandHome('~', home), home);
    assert.equal(expandHome('a/~/b', home), 'a/~/b');
    const saved = process.env['HOME'];
    process.env['HOME'] = home;
    try {
      const { spec, issues } = await applyFlags({ hostname: 'a' }, { sshKeys: ['~/.ssh/id_ed25519.pub'] });
      assert.deepEqual(issues, []);
      assert.deepEqual(spec['ssh'], { authorized_keys: [KEY] });
    } finally {
      process.env['HOME'] = saved;
    }
  });
});

test('a missing key file is reported as no such file; a mistyped key as not a key', async () => {
  await withTempDir(async (dir) => {
    const missing = join(dir, 'id_ed25519.pub');
    const { issues } = await applyFlags({ hostname: 'a' }, { sshKeys: [missing, 'AAAAC3NzaC1lZDI1 me@host', dir] });
    assert.deepEqual(issues, [
      { path: '--ssh-key[0]', message: `${missing}: no such file` },
      { path: '--ssh-key[1]', message: "'AAAAC3NzaC1lZDI1 me@host' is not a public key (those start with ssh-, ecdsa- or sk-) and no file has that name" },
      { path: '--ssh-key[2]', message: `${dir} is a directory; name the public key file (e.g. ${join(dir, 'id_ed25519.pub')})` },
    ]);
  });
});
