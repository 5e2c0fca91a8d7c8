/**
 * The package as npm users get it, on every Node runtime they run: one `npm pack`, then one
 * install into an empty project per runtime (scripts/test-packed-package.sh does the work and
 * says what it checks). Runtimes other than this node's are fetched from the npm registry once
 * and cached in .cache/node-runtimes; one that cannot be fetched fails the test, never skips it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, test } from 'node:test';

const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'test-packed-package.sh');
const MAJORS = ['20', '22', '24'];
const README = join(import.meta.dirname, '..', '..', 'README.md');
const WALKTHROUGH_HEADING = '## From a packed tarball to a booted VM';
/** What the README's walk-through names the tarball it installs. */
const TARBALL_IN_README = /\/path\/to\/checkout\/(cloudseed-[\d.]+\.tgz)/;

/** The sh blocks of the README's walk-through section, in order. */
function walkthroughBlocks(): string[] {
  const readme = readFileSync(README, 'utf8');
  const start = readme.indexOf(WALKTHROUGH_HEADING);
  assert.ok(start >= 0, `README.md has no '${WALKTHROUGH_HEADING}' section`);
  const section = readme.slice(start, readme.indexOf('\n## ', start + WALKTHROUGH_HEADING.length));
  return [...section.matchAll(/^ *```sh\n([\s\S]*?)^ *```/gm)].map((match) => match[1]!.replace(/^ +/gm, ''));
}

function bash(script: string, cwd: string, env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  return spawnSync('bash', ['-euo', 'pipefail', '-c', script], { cwd, encoding: 'utf8', env: { ...process.env, ...env }, input: '' });
}

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

  // Steps 1 and 2 as written, in an empty folder: the pack step is what before() did; the password
  // comes from the environment, since a test has no terminal to prompt on.
  test('the README walk-through installs the tarball and builds a seed in a new folder', () => {
    const [pack, install, build, ...rest] = walkthroughBlocks();
    assert.equal(pack!.trim(), 'npm ci && npm pack');
    assert.match(rest.join('\n'), /qemu-system|virt-install/, 'the walk-through goes on to boot the seed');
    const named = TARBALL_IN_README.exec(install!);
    assert.ok(named, `the install step names no /path/to/checkout/cloudseed-VERSION.tgz:\n${install}`);
    assert.equal(named[1], basename(tarball), 'the README names another version than npm pack writes');
    assert.match(build!, /--password-prompt/);
    const folder = mkdtempSync(join(tmpdir(), 'cloudseed-walkthrough-'));
    try {
      const installed = bash(install!.replace(named[0], tarball), folder);
      assert.equal(installed.status, 0, `${install}\n${installed.stderr}`);
      const env = { WALKTHROUGH_PASSWORD: 'a password of my own' };
      const buildLine = build!.replace('--password-prompt', '--password-env WALKTHROUGH_PASSWORD');
      const built = bash(buildLine, folder, env);
      assert.equal(built.status, 0, `${buildLine}\n${built.stderr}`);
      assert.match(built.stdout, /wrote seed\.iso: nocloud seed/);
      const image = readFileSync(join(folder, 'seed.iso'));
      assert.ok(!image.includes('$cloudseedtmpl01$'), "the template's example hash is in the seed");
      // Step 2 run again: the existing seed.iso is refused (before any prompt, checked in test/cli).
      const again = bash(buildLine, folder, env);
      assert.equal(again.status, 3);
      assert.match(again.stderr, /seed\.iso already exists; use --force/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  for (const major of MAJORS) {
    test(`works on Node ${major}: library, images read by xorriso and mtools, the bin, TypeScript types`, () => {
      assert.match(runScript(['--tarball', tarball, major]), new RegExp(`^ok: Node ${major}$`, 'm'));
    });
  }
});
