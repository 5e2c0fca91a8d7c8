import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SourceFile } from '../../src/common/file-tree.js';
import { canonicalJson, SOURCE_MARK } from '../../src/parse/canonical-json.js';
import { propertyCases } from '../helpers/case-count.js';
import { seededRandom } from '../helpers/random-tree.js';

/** The definition the bytes must equal: JSON.stringify with keys sorted by Array.prototype.sort, bytes as base64. */
function reference(value: unknown): string {
  if (value instanceof Uint8Array) return `"base64:${Buffer.from(value).toString('base64')}"`;
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : reference(item))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .sort()
      .filter((key) => record[key] !== undefined);
    return `{${keys.map((key) => `${JSON.stringify(key)}:${reference(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Code units from every class the writer treats apart: plain ASCII, quote, backslash, controls, DEL, non-ASCII, surrogates. */
const UNITS = [0x41, 0x7a, 0x20, 0x7e, 0x22, 0x5c, 0x00, 0x0a, 0x1f, 0x7f, 0x80, 0xe9, 0x2028, 0xfeff, 0xd83d, 0xde00, 0xd800, 0xdfff];

function randomString(random: () => number): string {
  const length = Math.floor(random() * 12);
  let text = '';
  for (let index = 0; index < length; index++) {
    text += random() < 0.6 ? String.fromCharCode(0x61 + Math.floor(random() * 26)) : String.fromCharCode(UNITS[Math.floor(random() * UNITS.length)]!);
  }
  return text;
}

const NUMBERS = [0, -0, 1, -1.5, 2 ** 53, 1e21, 1e-7, 123.456, Number.NaN, Number.POSITIVE_INFINITY];

function randomValue(random: () => number, depth: number): unknown {
  const pick = random();
  if (depth > 3 || pick < 0.35) return randomString(random);
  if (pick < 0.45) return NUMBERS[Math.floor(random() * NUMBERS.length)];
  if (pick < 0.5) return random() < 0.5;
  if (pick < 0.55) return random() < 0.5 ? null : undefined;
  if (pick < 0.6) return Uint8Array.from({ length: Math.floor(random() * 8) }, () => Math.floor(random() * 256));
  if (pick < 0.75) return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
  const record: Record<string, unknown> = {};
  const count = Math.floor(random() * 6);
  for (let index = 0; index < count; index++) record[random() < 0.2 ? String(Math.floor(random() * 20)) : randomString(random)] = randomValue(random, depth + 1);
  return record;
}

test('canonicalJson writes the UTF-8 bytes of JSON with sorted keys, for any plain value', () => {
  const cases = propertyCases(20_000, 2_000);
  for (let seed = 1; seed <= cases; seed++) {
    const value = randomValue(seededRandom(seed), 0);
    const bytes = canonicalJson(value, []);
    assert.deepEqual(Buffer.from(bytes), Buffer.from(reference(value), 'utf8'), `seed ${seed}`);
  }
});

test('canonicalJson grows its buffer past the initial size', () => {
  const value = { text: 'x'.repeat(10_000), list: Array.from({ length: 2_000 }, (_, index) => index), wide: 'é😀'.repeat(3_000) };
  assert.deepEqual(Buffer.from(canonicalJson(value, [])), Buffer.from(reference(value), 'utf8'));
});

test('canonicalJson leaves top-level keys in omit out, and marks source files', () => {
  const source = new SourceFile('files[0].source', 'a.bin', '/tmp/a.bin', 3, { dev: 1, ino: 2, mtimeMs: 3 });
  const sources: SourceFile[] = [];
  const bytes = canonicalJson({ b: 1, a: { b: 2 }, files: [source] }, sources, new Set(['b']));
  assert.equal(Buffer.from(bytes).toString('utf8'), `{"a":{"b":2},"files":[${SOURCE_MARK}]}`);
  assert.deepEqual(sources, [source]);
});
