/** The YAML emitter against PyYAML (YAML 1.1, cloud-init's parser): every tricky string reads back as written. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toYaml11 } from '../../src/render/yaml11.js';
import { loadWithPyYaml } from '../helpers/images.js';

const TRICKY = [
  'yes', 'no', 'on', 'off', 'y', 'n', 'Y', 'N', 'YES', 'Off', 'True', 'false', '~', 'null', 'NULL', '',
  '1_000', '0b101', '0x1F', '012', '0o17', '+1', '-0', '1e3', '1.5', '.inf', '-.Inf', '.NaN',
  '12:30', '1:20:30', '190:20:30', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2002-12-14 21:59:43.10 -5',
  '=', '<<', 'a\tb', '\ttab first', 'a\nb\n', 'multi\nline\nno trailing', ' lead', 'trail ', '#x', 'a: b', 'a #b',
  '- x', '@x', '`x', '%x', '!x', '&x', '*x', '|', '>', '?', '"q"', "'s'", '{a}', '[a]', 'x,y', 'ünï', '🙂',
  `${'long '.repeat(60)}end`, 'ALL=(ALL) NOPASSWD:ALL', '$6$salt$hash/with.dots', '0644', '0600',
];

test('every tricky string and key reads back through PyYAML unchanged', () => {
  const value = {
    list: TRICKY,
    map: Object.fromEntries(TRICKY.filter((t) => t !== '').map((t, i) => [t, i])),
    nested: { a: [1, 2, { b: true, c: null }], d: -1.5 },
  };
  assert.deepEqual(loadWithPyYaml(toYaml11(value)), value);
});

test('repeated objects are written out, not as anchors and aliases', () => {
  const shared = { x: 1 };
  const text = toYaml11({ a: shared, b: shared });
  assert.doesNotMatch(text, /[&*]a\d/);
  assert.deepEqual(loadWithPyYaml(text), { a: { x: 1 }, b: { x: 1 } });
});

test('long lines are not folded', () => {
  const long = 'word '.repeat(100).trim();
  assert.equal(toYaml11({ long }).trim().split('\n').length, 1);
});

/** Characters PyYAML refuses in any scalar it reads unescaped, or reads as line breaks or a byte order mark. */
const SPECIALS = [
  '\x7f', '\x80', '\x84', '\x85', '\x86', '\x9f', '\u2028', '\u2029', '\ufeff', '\ufffe', '\uffff', '\x01', '\x1b', '\r',
];

test('controls, line separators, a BOM and non-characters are escaped so PyYAML reads them back', () => {
  for (const special of SPECIALS) {
    const texts = [special, `a${special}b`, `${special}lead`, `multi\nline${special}\n`, `${special}\nnext\n`];
    const value = {
      list: texts,
      map: Object.fromEntries(texts.map((t, i) => [t, i])),
      [`${special}first`]: { nested: [{ [special]: special }] },
    };
    const text = toYaml11(value);
    assert.deepEqual(loadWithPyYaml(text), value, JSON.stringify(special));
  }
});

test('a key longer than PyYAML allows for an implicit key is written as an explicit key', () => {
  for (const key of ['k'.repeat(1025), `${'k'.repeat(1030)}\u2028`, `${'ü'.repeat(1100)}`]) {
    const value = { [key]: 1, short: { [key]: ['x'] } };
    assert.deepEqual(loadWithPyYaml(toYaml11(value)), value);
  }
});
