/** The batch's durable writer: whole files under the target names, owner-only, no temp files left, no overwrite without force. */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ChunkWriter } from '../../src/batch/chunk-writer.js';
import { createInterruptGuard, removeTempFilesOnExit } from '../../src/batch/interrupt-guard.js';
import { IoError } from '../../src/errors.js';
import { withTempDir } from '../helpers/tools.js';

const bytes = (n: number): Uint8Array => new Uint8Array(70_000).fill(n);
const guard = () => createInterruptGuard('test');

for (const fsync of [false, true]) {
  test(`a chunk lands whole under the target names, mode 0600, with no temp file left (fsync: ${fsync})`, async () => {
    await withTempDir(async (dir) => {
      mkdirSync(join(dir, 'sub'));
      const writer = new ChunkWriter(false, fsync, guard());
      const targets = [join(dir, 'a.iso'), join(dir, 'sub', 'b.img'), join(dir, 'c.iso')];
      targets.forEach((target, n) => {
        assert.equal(writer.stage(target, bytes(n)), n);
      });
      assert.deepEqual(await writer.commit(), [undefined, undefined, undefined]);
      targets.forEach((target, n) => {
        assert.deepEqual(new Uint8Array(readFileSync(target)), bytes(n));
        assert.equal(statSync(target).mode & 0o777, 0o600);
      });
      assert.deepEqual(readdirSync(dir).sort(), ['a.iso', 'c.iso', 'sub']);
      assert.deepEqual(readdirSync(join(dir, 'sub')), ['b.img']);
      // The writer starts afresh after a commit.
      assert.deepEqual(await writer.commit(), []);
    });
  });
}

test('an existing target is kept without force and replaced with it; the other images still land', async () => {
  await withTempDir(async (dir) => {
    writeFileSync(join(dir, 'old.iso'), 'precious');
    const careful = new ChunkWriter(false, false, guard());
    careful.stage(join(dir, 'old.iso'), bytes(1));
    careful.stage(join(dir, 'new.iso'), bytes(2));
    const [refused, fine] = await careful.commit();
    assert.ok(refused instanceof IoError);
    assert.match(refused.message, /old\.iso already exists; use --force/);
    assert.equal(fine, undefined);
    assert.equal(readFileSync(join(dir, 'old.iso'), 'utf8'), 'precious');
    assert.deepEqual(readdirSync(dir).sort(), ['new.iso', 'old.iso']);
    const forced = new ChunkWriter(true, false, guard());
    forced.stage(join(dir, 'old.iso'), bytes(3));
    assert.deepEqual(await forced.commit(), [undefined]);
    assert.deepEqual(new Uint8Array(readFileSync(join(dir, 'old.iso'))), bytes(3));
  });
});

test('a missing folder is an IoError at stage(), and nothing is left behind', async () => {
  await withTempDir(async (dir) => {
    const writer = new ChunkWriter(false, false, guard());
    assert.throws(() => writer.stage(join(dir, 'missing', 'a.iso'), bytes(1)), /cannot write .*a\.iso: the folder does not exist/);
    assert.deepEqual(await writer.commit(), []);
    assert.deepEqual(readdirSync(dir), []);
  });
});

test('on exit: staged temp files are removed and no new one is started', async () => {
  await withTempDir(async (dir) => {
    const stopping = guard();
    const writer = new ChunkWriter(false, false, stopping);
    const targets = [join(dir, 'a.iso'), join(dir, 'b.iso')];
    writer.stage(targets[0]!, bytes(1));
    assert.equal(readdirSync(dir).length, 1, 'the temp file of a.iso');
    removeTempFilesOnExit(stopping, targets);
    assert.deepEqual(readdirSync(dir), []);
    assert.throws(() => writer.stage(targets[1]!, bytes(2)), /the batch was interrupted/);
    const [moved] = await writer.commit();
    assert.ok(moved instanceof IoError);
    assert.deepEqual(readdirSync(dir), []);
  });
});
