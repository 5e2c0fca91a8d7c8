/** The xorriso back end: same tree as the native writer when read back, repeatable, clear error when missing. */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildSeed } from '../../src/seed.js';
import { loadSpecFile } from '../../src/input/load.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { GOLDEN_ROOT } from '../helpers/golden.js';
import { extractIsoWithXorriso, probeWithBlkid } from '../helpers/images.js';
import { runTool, withTempDir } from '../helpers/tools.js';

const SPECS = ['nocloud-full', 'configdrive-files', 'ovirt-seed'];

for (const name of SPECS) {
  test(`${name}: native and xorriso images hold the same tree, read back by xorriso and 7z`, async () => {
    const { data, baseDir } = await loadSpecFile(join(GOLDEN_ROOT, 'specs', `${name}.yaml`));
    const native = await buildSeed(data, { baseDir, writer: 'native' });
    const xorriso = await buildSeed(data, { baseDir, writer: 'xorriso' });
    await withTempDir((dir) => {
      writeFileSync(join(dir, 'native.iso'), native.image);
      writeFileSync(join(dir, 'xorriso.iso'), xorriso.image);
      const fromNative = extractIsoWithXorriso(join(dir, 'native.iso'), join(dir, 'n'));
      const fromXorriso = extractIsoWithXorriso(join(dir, 'xorriso.iso'), join(dir, 'x'));
      assert.deepEqual(fromXorriso, fromNative);
      assert.deepEqual(fromNative, native.files);
      mkdirSync(join(dir, 'z'));
      runTool('7z', ['x', '-y', `-o${join(dir, 'z')}`, join(dir, 'xorriso.iso')]);
      assert.equal(probeWithBlkid(join(dir, 'xorriso.iso'))['LABEL'], native.model.image.label);
    });
  });
}

test('the xorriso back end is repeatable: same spec, same bytes', async () => {
  const spec = { hostname: 'repeat', users: [{ name: 'a', password_hash: '$6$abcdefghijklmnop$4MjOne1jVRKP4IuHRPFedC4vlQHNjvcBfQJVlfB8ciQ5YUzW2g81Pyw4sptw4femJ071/eApI0WDsBAOOCmTl0' }] };
  const first = await buildSeed(spec, { writer: 'xorriso' });
  const second = await buildSeed(spec, { writer: 'xorriso' });
  assert.ok(Buffer.from(first.image).equals(Buffer.from(second.image)));
});

test('a missing xorriso is a tool error (exit 3) naming the package, and leaves no file', async () => {
  await withTempDir(async (dir) => {
    // A PATH with node but without xorriso.
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    symlinkSync(process.execPath, join(bin, 'node'));
    const output = join(dir, 'seed.iso');
    const result = await runCli(['build', join(REPO_ROOT, 'examples', 'web01.yaml'), '--writer', 'xorriso', '-o', output], {
      env: { PATH: bin },
    });
    assert.equal(result.status, 3, result.stderr);
    assert.match(result.stderr, /apt-get install xorriso/);
    assert.throws(() => readFileSync(output));
  });
});
