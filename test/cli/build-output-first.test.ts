/**
 * `cloudseed build` checks its output path before it asks for anything: a user who typed a
 * password twice should not learn only then that seed.iso already exists.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { withTempDir } from '../helpers/tools.js';

const SPEC = 'hostname: vm01\nusers:\n  - name: admin\n';

// Without a terminal the prompt itself fails (exit 2), so exit 3 and "already exists" show the
// output was checked first.
test('an existing -o file is refused before --password-prompt asks', async () => {
  await withTempDir(async (dir) => {
    writeFileSync(join(dir, 'spec.yaml'), SPEC);
    writeFileSync(join(dir, 'seed.iso'), 'precious');
    const result = await runCli(['build', 'spec.yaml', '--user', 'admin', '--password-prompt', '-o', 'seed.iso'], { cwd: dir });
    assert.equal(result.status, 3, result.stderr);
    assert.match(result.stderr, /seed\.iso already exists; use --force/);
    assert.doesNotMatch(result.stderr, /Password:|needs a terminal/);
    assert.equal(readFileSync(join(dir, 'seed.iso'), 'utf8'), 'precious');
  });
});

test('the default output name is checked before the prompt too, following the spec filesystem', async () => {
  await withTempDir(async (dir) => {
    writeFileSync(join(dir, 'spec.yaml'), `${SPEC}filesystem: vfat\n`);
    writeFileSync(join(dir, 'seed.img'), 'precious');
    const result = await runCli(['build', 'spec.yaml', '--user', 'admin', '--password-prompt'], { cwd: dir });
    assert.equal(result.status, 3, result.stderr);
    assert.match(result.stderr, /seed\.img already exists/);
  });
});

test('with --force the prompt is reached (and, without a terminal, refused)', async () => {
  await withTempDir(async (dir) => {
    writeFileSync(join(dir, 'spec.yaml'), SPEC);
    writeFileSync(join(dir, 'seed.iso'), 'precious');
    const result = await runCli(['build', 'spec.yaml', '--user', 'admin', '--password-prompt', '--force', '-o', 'seed.iso'], { cwd: dir });
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /needs a terminal/);
  });
});
