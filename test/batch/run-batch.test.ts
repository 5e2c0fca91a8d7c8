/** The batch engine on its own: phases, events, statuses, and what is (not) written. Workers run from source here. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runBatch, type BatchEvent } from '../../src/batch/index.js';
import { IoError, UsageError } from '../../src/errors.js';
import { withTempDir } from '../helpers/tools.js';
import { INVALID_SPEC, specText, writeSpec } from './spec-files.js';

function writeSpecs(dir: string, count: number): void {
  for (let n = 0; n < count; n++) writeSpec(dir, `specs/${n % 2 ? 'odd' : 'even'}/vm${String(n).padStart(2, '0')}.yaml`, specText(n));
}

test('two worker threads validate, then build every spec; events tell each step', async () => {
  await withTempDir(async (dir) => {
    writeSpecs(dir, 12);
    writeSpec(dir, 'specs/even/disk.yaml', specText(99, 'filesystem: vfat\n'));
    const events: BatchEvent[] = [];
    const summary = await runBatch(['specs/**/*.yaml'], { outDir: join(dir, 'out'), jobs: 2, cwd: dir, onEvent: (event) => events.push(event) });
    assert.equal(summary.total, 13);
    assert.equal(summary.built, 13);
    assert.equal(summary.failed, 0);
    assert.deepEqual(summary.results[0], {
      spec: 'specs/even/disk.yaml',
      status: 'built',
      output: join(dir, 'out', 'even', 'disk.img'),
      instanceId: summary.results[0]!.instanceId,
      warnings: [],
    });
    assert.equal(summary.results[1]!.output, join(dir, 'out', 'even', 'vm00.iso'));
    assert.deepEqual(readdirSync(join(dir, 'out', 'odd')).sort(), ['vm01.iso', 'vm03.iso', 'vm05.iso', 'vm07.iso', 'vm09.iso', 'vm11.iso']);
    const kinds = events.map((event) => (event.type === 'phase' ? `${event.phase}:${event.total}` : event.type));
    assert.equal(kinds[0], 'validate:13');
    assert.equal(kinds.indexOf('build:13'), 13 + 13 + 1, 'every spec is started and validated before the build phase');
    assert.equal(kinds.filter((kind) => kind === 'finished').length, 13);
    assert.ok(summary.seconds > 0);
  });
});

test('iso9660 images leave their zero system area unwritten (a hole); vfat images are written whole', async () => {
  await withTempDir(async (dir) => {
    writeSpecs(dir, 2);
    writeSpec(dir, 'specs/even/disk.yaml', specText(99, 'filesystem: vfat\n'));
    const summary = await runBatch(['specs/**/*.yaml'], { outDir: join(dir, 'out'), jobs: 2, cwd: dir });
    assert.equal(summary.built, 3);
    const iso = statSync(join(dir, 'out', 'even', 'vm00.iso'));
    // Written whole, the image would take its size rounded up to 4 KiB blocks.
    assert.ok(iso.blocks * 512 <= Math.ceil(iso.size / 4096) * 4096 - 32768, `${iso.blocks} blocks for ${iso.size} bytes`);
    assert.deepEqual([...readFileSync(join(dir, 'out', 'even', 'vm00.iso')).subarray(0, 32768)].filter((byte) => byte !== 0), []);
    assert.notEqual(readFileSync(join(dir, 'out', 'even', 'disk.img'))[0], 0);
  });
});

test('without keepGoing one invalid spec means no image and no out-dir; every bad spec is named with its field path', async () => {
  await withTempDir(async (dir) => {
    writeSpecs(dir, 4);
    writeSpec(dir, 'specs/odd/bad.yaml', INVALID_SPEC);
    writeSpec(dir, 'specs/even/worse.yaml', 'hostname: [1, 2]\n');
    const summary = await runBatch(['specs/**/*.yaml'], { outDir: join(dir, 'out'), jobs: 2, cwd: dir });
    assert.equal(existsSync(join(dir, 'out')), false);
    assert.deepEqual(
      summary.results.map((result) => [result.spec, result.status]),
      [
        ['specs/even/vm00.yaml', 'skipped'],
        ['specs/even/vm02.yaml', 'skipped'],
        ['specs/even/worse.yaml', 'invalid'],
        ['specs/odd/bad.yaml', 'invalid'],
        ['specs/odd/vm01.yaml', 'skipped'],
        ['specs/odd/vm03.yaml', 'skipped'],
      ],
    );
    assert.equal(summary.failed, 2);
    assert.equal(summary.built, 0);
    assert.deepEqual(summary.results[3]!.issues?.map((issue) => issue.path), ['users[0].name']);
    assert.equal(summary.results[2]!.issues?.[0]?.path, 'hostname');
  });
});

test('with keepGoing the valid specs are built and the invalid ones reported', async () => {
  await withTempDir(async (dir) => {
    writeSpecs(dir, 3);
    writeSpec(dir, 'specs/odd/bad.yaml', INVALID_SPEC);
    const summary = await runBatch(['specs/**/*.yaml'], { outDir: join(dir, 'out'), jobs: 1, cwd: dir, keepGoing: true });
    assert.deepEqual(summary.results.map((result) => result.status), ['built', 'built', 'invalid', 'built']);
    assert.deepEqual(readdirSync(join(dir, 'out', 'odd')), ['vm01.iso']);
  });
});

test('a failed build stops the run without keepGoing, and not with it', async () => {
  await withTempDir(async (dir) => {
    writeSpecs(dir, 6);
    // A folder where the first image goes: with force, moving the image there fails.
    mkdirSync(join(dir, 'out', 'vm00.iso'), { recursive: true });
    const options = { outDir: join(dir, 'out'), jobs: 1, cwd: dir, force: true };
    const stopped = await runBatch(['specs/even/*.yaml'], options);
    assert.deepEqual(stopped.results.map((result) => result.status), ['failed', 'skipped', 'skipped']);
    assert.ok(stopped.results[0]!.error instanceof IoError);
    assert.match(stopped.results[0]!.error.message, /cannot write .*vm00\.iso/);
    const kept = await runBatch(['specs/even/*.yaml'], { ...options, keepGoing: true });
    assert.deepEqual(kept.results.map((result) => result.status), ['failed', 'built', 'built']);
    assert.deepEqual(readdirSync(join(dir, 'out')).sort(), ['vm00.iso', 'vm02.iso', 'vm04.iso']);
  });
});

test('existing images without force stop the run before any image is built', async () => {
  await withTempDir(async (dir) => {
    writeSpecs(dir, 4);
    mkdirSync(join(dir, 'out', 'odd'), { recursive: true });
    writeFileSync(join(dir, 'out', 'odd', 'vm03.iso'), 'precious');
    await assert.rejects(
      runBatch(['specs/**/*.yaml'], { outDir: join(dir, 'out'), jobs: 2, cwd: dir }),
      (error: unknown) => error instanceof IoError && /1 image\(s\) already exist; use --force[\s\S]*out\/odd\/vm03\.iso/.test(error.message),
    );
    assert.deepEqual(readdirSync(join(dir, 'out')), ['odd']);
    assert.deepEqual(readdirSync(join(dir, 'out', 'odd')), ['vm03.iso']);
    assert.equal(readFileSync(join(dir, 'out', 'odd', 'vm03.iso'), 'utf8'), 'precious');
  });
});

test('jobs must be a positive integer', async () => {
  await assert.rejects(runBatch(['*.yaml'], { outDir: 'out', jobs: 0 }), UsageError);
  await assert.rejects(runBatch(['*.yaml'], { outDir: 'out', jobs: 1.5 }), UsageError);
});
