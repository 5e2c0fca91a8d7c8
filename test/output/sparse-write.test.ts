/** Writing an image into a fresh file with its leading zero blocks left as a hole: same bytes, fewer blocks. */
import assert from 'node:assert/strict';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { leadingZeroBytes, writeWholeFile } from '../../src/output/sparse-write.js';
import { withTempDir } from '../helpers/tools.js';

/** `zeros` leading zero bytes, then `tail` bytes that are not zero. */
function image(zeros: number, tail: number): Uint8Array {
  const bytes = new Uint8Array(zeros + tail);
  bytes.fill(0xa5, zeros);
  return bytes;
}

test('leadingZeroBytes counts whole 4 KiB zero blocks and always leaves the last byte to write', () => {
  assert.equal(leadingZeroBytes(image(32768, 26624)), 32768);
  assert.equal(leadingZeroBytes(image(32767, 26624)), 28672, 'a block with one non-zero byte is written');
  assert.equal(leadingZeroBytes(image(0, 512)), 0);
  assert.equal(leadingZeroBytes(new Uint8Array(0)), 0);
  assert.equal(leadingZeroBytes(new Uint8Array(8192)), 4096, 'all zeros: the last block is written, so the file has its length');
  assert.equal(leadingZeroBytes(new Uint8Array(8193)), 8192);
  // A view into a larger buffer is read from its own start.
  const backing = new Uint8Array(3 * 4096).fill(1);
  backing.fill(0, 4096, 2 * 4096);
  assert.equal(leadingZeroBytes(backing.subarray(4096)), 4096);
});

for (const [name, bytes] of [
  ['an iso9660-like image', image(32768, 26624)],
  ['a file of zeros', new Uint8Array(10_000)],
  ['an empty file', new Uint8Array(0)],
  ['a file without leading zeros', image(0, 5000)],
] as const) {
  test(`writeWholeFile: ${name} reads back byte for byte`, async () => {
    await withTempDir((dir) => {
      const path = join(dir, 'image');
      const fd = openSync(path, 'wx');
      try {
        writeWholeFile(fd, bytes);
      } finally {
        closeSync(fd);
      }
      assert.deepEqual(new Uint8Array(readFileSync(path)), bytes);
    });
  });
}

test('the 32 KiB zero system area of an iso9660 image takes no disk blocks', async () => {
  await withTempDir((dir) => {
    const path = join(dir, 'image.iso');
    const bytes = image(32768, 26624);
    const fd = openSync(path, 'wx');
    writeWholeFile(fd, bytes);
    closeSync(fd);
    const { size, blocks } = statSync(path);
    assert.equal(size, bytes.length);
    assert.ok(blocks * 512 < size, `${blocks} blocks of 512 bytes hold ${size} bytes: a hole`);
  });
});
