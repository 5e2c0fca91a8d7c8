/**
 * The other side of the corpus's dangling and folder symlinks: a source that is a symlink to a
 * regular file is followed (src/input/resolve-sources.ts says why), and the image holds the
 * target's bytes, as xorriso and PyYAML read them.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { extractIsoWithXorriso, loadWithPyYaml } from '../helpers/images.js';
import { withTempDir } from '../helpers/tools.js';

test('a source that is a symlink to a regular file is followed', async () => {
  await withTempDir(async (dir) => {
    mkdirSync(join(dir, 'secrets'));
    writeFileSync(join(dir, 'secrets', 'motd'), 'linked content\n');
    symlinkSync('secrets/motd', join(dir, 'motd'));
    writeFileSync(join(dir, 'spec.yaml'), 'hostname: a\nwrite_files: [{path: /etc/motd, source: ./motd}]\n');
    const result = await runCli(['build', 'spec.yaml', '-o', 'seed.iso'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    const tree = extractIsoWithXorriso(join(dir, 'seed.iso'), join(dir, 'extracted'));
    const userData = loadWithPyYaml(Buffer.from(tree.get('user-data')!).toString('utf8')) as { write_files: { content: string }[] };
    assert.equal(userData.write_files[0]!.content, readFileSync(join(dir, 'secrets', 'motd'), 'utf8'));
  });
});
