/** Base64Chunks joins to Buffer's base64 of the whole, for any lengths and chunk splits the reader makes. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { Base64Chunks } from '../../src/common/base64-chunks.js';

test('chunks of a multiple of 3 bytes, then any tail, encode to the base64 of the whole', () => {
  const encoder = new Base64Chunks();
  for (const length of [0, 1, 2, 3, 4, 5, 6, 7, 299, 300, 301, 3000, 3001, 3002]) {
    for (const chunkBytes of [3, 6, 300, 3 * 1024]) {
      const bytes = randomBytes(length);
      let text = '';
      for (let at = 0; at < length || (length === 0 && at === 0); at += chunkBytes) {
        text += Buffer.from(encoder.encode(bytes.subarray(at, at + chunkBytes))).toString('latin1');
        if (length === 0) break;
      }
      assert.equal(text, bytes.toString('base64'), `length ${length}, chunks of ${chunkBytes}`);
    }
  }
});
