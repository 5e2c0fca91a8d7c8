/** Files named by flags: password files and --ssh-key values. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readPasswordFile } from '../../src/spec/flags.js';
import { withTempDir } from '../helpers/tools.js';

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
