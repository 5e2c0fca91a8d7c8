/**
 * readsAsOtherType is the union of two readers' implicit YAML 1.1 types: PyYAML's resolvers
 * (cloud-init's reader; asked through python3) and the `yaml` package's 1.1 schema (toYaml11's
 * fallback writer, whose quoting the fast path must reproduce). Compared on generated texts made
 * of the pieces those types are built from.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { Document } from 'yaml';
import { seededRandom } from '../helpers/random-tree.js';
import { runTool } from '../helpers/tools.js';
import { readsAsOtherType } from '../../src/render/yaml11-types.js';
import { toYaml11 } from '../../src/render/yaml11.js';

const PIECES = [
  '', '+', '-', '0', '1', '5', '6', '9', '00', '07', '08', '12', '30', '35', '59', '60', '99', '123', '2001', '_', '.', ':', 'e', 'E', 'e+', 'e-',
  'b', 'x', 'X', 'B', 'F', 'a', 'f', 'g', 't', 'T', ' ', '  ', '\t', 'Z', 'z', 'inf', 'Inf', 'INF', 'nan', 'NaN', 'iNf', 'y', 'Y', 'yes', 'Yes', 'yEs',
  'n', 'no', 'NO', 'nO', 'on', 'On', 'oN', 'off', 'OFF', 'true', 'TRUE', 'tRue', 'false', 'False', 'null', 'Null', 'nULL', '~', '=', '<<',
];

function timestampLike(next: () => number): string {
  const pick = (items: readonly string[]): string => items[Math.floor(next() * items.length)]!;
  // Mostly well-formed fields, so that the zone and fraction forms are reached often.
  const date = `${pick(['2001', '2001', '2001', '200', '20011'])}-${pick(['1', '12', '12', '123', ''])}-${pick(['4', '14', '14', '140', ''])}`;
  if (next() < 0.3) return date;
  const time = `${pick(['1', '21', '211'])}:${pick(['5', '59', '59', '590'])}:${pick(['4', '43', '43', '430', ''])}`;
  return date + pick(['t', 'T', ' ', '  ', '\t', '', 'x']) + time + pick(['', '.', '.1', '.10', '._']) + pick(['', ' ', '\t']) +
    pick(['', 'Z', 'z', '+5', '-05', '-35', '+99', '+123', '+05:30', '-5:3', '-5:300', '+', ':30']);
}

function samples(): string[] {
  const next = seededRandom(20261207);
  const found = new Set<string>(PIECES);
  for (const a of PIECES) for (const b of PIECES) found.add(a + b);
  for (let index = 0; index < 20_000; index++) {
    const count = 3 + Math.floor(next() * 5);
    let text = '';
    for (let piece = 0; piece < count; piece++) text += PIECES[Math.floor(next() * PIECES.length)]!;
    found.add(text);
    found.add(timestampLike(next));
  }
  return [...found];
}

/** The tag PyYAML's implicit resolvers give each text, in one python3 process. */
function pyyamlTags(texts: readonly string[]): string[] {
  const input = `${texts.map((text) => JSON.stringify(text)).join('\n')}\n`;
  const { stdout } = runTool('/usr/bin/python3', [join(import.meta.dirname, '../helpers/pyyaml-resolve.py')], { input });
  const tags = stdout.trimEnd().split('\n');
  assert.equal(tags.length, texts.length);
  return tags;
}

const packageTests = new Document(null, { version: '1.1' }).schema.tags
  .filter((tag) => tag.default === true && tag.tag !== 'tag:yaml.org,2002:str' && tag.tag !== 'tag:yaml.org,2002:merge' && tag.test !== undefined)
  .map((tag) => tag.test as RegExp);

test('a text reads as another type exactly when PyYAML or the yaml package takes it for one', () => {
  const texts = samples();
  const tags = pyyamlTags(texts);
  const wrong: string[] = [];
  let pyyamlOnly = 0;
  let packageOnly = 0;
  texts.forEach((text, index) => {
    const byPyyaml = tags[index] !== 'tag:yaml.org,2002:str' && tags[index] !== 'tag:yaml.org,2002:merge' && tags[index] !== 'tag:yaml.org,2002:value';
    const byPackage = packageTests.some((pattern) => pattern.test(text));
    if (byPyyaml && !byPackage) pyyamlOnly++;
    if (byPackage && !byPyyaml) packageOnly++;
    if (readsAsOtherType(text) !== (byPyyaml || byPackage)) wrong.push(`${JSON.stringify(text)}: PyYAML ${tags[index]}, package ${byPackage}`);
  });
  assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} of ${texts.length} texts`);
  // The generator reaches the forms where the two readers differ, both ways.
  assert.ok(pyyamlOnly > 20 && packageOnly > 100, `PyYAML only ${pyyamlOnly}, package only ${packageOnly}`);
});

test('timestamps only PyYAML reads are written quoted, by the fast path and through the package', () => {
  for (const text of ['2001-12-14 21:59:43.', '2001-12-14 21:59:43 -35', '2001-12-14t21:59:43+99:00']) {
    assert.equal(toYaml11({ [text]: text }), `"${text}": "${text}"\n`);
    assert.equal(toYaml11({ [text]: text, quote: "it's" }), `"${text}": "${text}"\nquote: it's\n`);
  }
});
