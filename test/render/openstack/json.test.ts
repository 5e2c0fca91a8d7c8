import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isEmptyJson, toStableJson } from '../../../src/render/openstack/json.js';
import { runTool } from '../../helpers/tools.js';

test('toStableJson: keys sorted at every level whatever the build order, 2-space indent, final newline', () => {
  const a = toStableJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 'x' } });
  const b = toStableJson({ a: { c: 'x', d: [{ y: 2, z: 1 }] }, b: 1 });
  assert.equal(a, b);
  assert.equal(a, '{\n  "a": {\n    "c": "x",\n    "d": [\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n');
});

test('toStableJson: non-ASCII stays UTF-8 and Python reads every value back unchanged', () => {
  const value = { 'ünï': 'cödé ✓ 𝄞', quote: 'a "b" \\ c\n\t', n: [0, -1.5, 1e21, true, false, null] };
  const text = toStableJson(value);
  assert.ok(text.includes('cödé ✓ 𝄞'));
  // cloud-init's util.load_json is Python's json.loads.
  const script = 'import json, sys; print(json.dumps(json.loads(sys.stdin.buffer.read().decode("utf-8"))))';
  assert.deepEqual(JSON.parse(runTool('/usr/bin/python3', ['-c', script], { input: text }).stdout), value);
  assert.deepEqual(JSON.parse(text), value);
});

test('toStableJson: refuses values JSON would silently drop or change', () => {
  assert.throws(() => toStableJson({ a: undefined }), /\$\.a/);
  assert.throws(() => toStableJson([Number.NaN]), /\$\[0\]/);
  assert.throws(() => toStableJson({ d: new Date(0) }), /\$\.d/);
});

test('isEmptyJson: empty documents and containers of nothing are empty; any value is not', () => {
  for (const empty of [null, undefined, '', [], {}, { links: [], networks: [], services: [] }, { 'cloud-init': '' }]) {
    assert.equal(isEmptyJson(empty), true, JSON.stringify(empty));
  }
  for (const full of [0, false, 'x', [0], { a: false }, { links: [{ id: 'eth0' }] }]) {
    assert.equal(isEmptyJson(full), false, JSON.stringify(full));
  }
});
