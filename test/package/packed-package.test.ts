/**
 * The package as npm users get it, on every Node runtime they run: one `npm pack`, then one
 * install into an empty project per runtime (scripts/test-packed-package.sh does the work and
 * says what it checks). Runtimes other than this node's are fetched from the npm registry once
 * and cached in .cache/node-runtimes; one that cannot be fetched fails the test, never skips it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'test-packed-package.sh');
const MAJORS = ['20', '22', '24'];

function runScript(args: readonly string[]): string {
  const result = spawnSync('bash', [SCRIPT, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(result.status, 0, `${SCRIPT} ${args.join(' ')} failed:\n${result.stderr}\n${result.stdout}`);
  return result.stdout;
}

describe('the packed package, installed into an empty project', { timeout: 600_000 }, () => {
  // One tarball for every runtime: packing runs the whole build.
  const packDir = mkdtempSync(join(tmpdir(), 'cloudseed-pack-'));
  let tarball = '';
  before(() => {
    tarball = runScript(['--pack', packDir]).trim();
    assert.match(tarball, /cloudseed-[\d.]+\.tgz$/);
  });
  after(() => rmSync(packDir, { recursive: true, force: true }));

  for (const major of MAJORS) {
    test(`works on Node ${major}: library, images read by xorriso and mtools, the bin, TypeScript types`, () => {
      assert.match(runScript(['--tarball', tarball, major]), new RegExp(`^ok: Node ${major}$`, 'm'));
    });
  }
});
