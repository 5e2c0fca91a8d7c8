/** examples/fleet.ts type-checks against the library's sources and builds a seed per machine that blkid recognises. */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../helpers/cli.js';
import { probeWithBlkid } from '../helpers/images.js';
import { runTool, withTempDir } from '../helpers/tools.js';

const TSCONFIG = join(REPO_ROOT, 'examples', 'tsconfig.json');

test('examples/fleet.ts type-checks (cloudseed resolves to src/index.ts)', () => {
  runTool(process.execPath, [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', TSCONFIG]);
});

test('examples/fleet.ts writes one cidata seed per machine', async () => {
  await withTempDir((dir) => {
    const out = join(dir, 'seeds');
    const run = runTool(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'examples', 'fleet.ts'), out], {
      cwd: REPO_ROOT,
      env: { ...process.env, TSX_TSCONFIG_PATH: TSCONFIG, ADMIN_KEY: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMFcLQa5LtljAU6hzHLRucNvrq2+nO1ZUSgbxus8oGZO admin@laptop' },
    });
    const images = readdirSync(out).sort();
    assert.equal(images.length, run.stdout.trim().split('\n').length);
    assert.ok(images.length > 1);
    for (const image of images) assert.equal(probeWithBlkid(join(out, image))['LABEL'], 'cidata', image);
  });
});
