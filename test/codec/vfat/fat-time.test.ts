import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeFatTimestamp } from '../../../src/codec/vfat/fat-time.js';

test('2023-11-14 22:13:20 UTC', () => {
  assert.deepEqual(encodeFatTimestamp(1700000000), {
    date: (43 << 9) | (11 << 5) | 14,
    time: (22 << 11) | (13 << 5) | (20 / 2),
    hundredths: 0,
  });
});

test('an odd second keeps its half in the creation hundredths', () => {
  const stamp = encodeFatTimestamp(1700000001);
  assert.equal(stamp.time & 0x1f, 10);
  assert.equal(stamp.hundredths, 100);
});

test('dates before 1980 clamp to 1980-01-01 00:00, after 2107 to its last second', () => {
  assert.deepEqual(encodeFatTimestamp(0), { date: (1 << 5) | 1, time: 0, hundredths: 0 });
  assert.deepEqual(encodeFatTimestamp(315532799), { date: (1 << 5) | 1, time: 0, hundredths: 0 });
  assert.deepEqual(encodeFatTimestamp(315532800), { date: (1 << 5) | 1, time: 0, hundredths: 0 });
  assert.deepEqual(encodeFatTimestamp(5000000000), { date: (127 << 9) | (12 << 5) | 31, time: (23 << 11) | (59 << 5) | 29, hundredths: 0 });
});
