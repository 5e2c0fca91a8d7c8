/**
 * Golden renderings of the network corpus, compared byte for byte: test/fixtures/network/<case>/
 * holds netplan-v2.yaml, v1.yaml, network_data.json and interfaces (ENI), or `<file>.error` with
 * the message of a refusal. Regenerate deliberately, and review the diff:
 *     UPDATE_GOLDEN=1 node --import tsx --test test/render/network/golden.test.ts
 * Every YAML rendering must also read back unchanged through PyYAML's safe_load (what cloud-init uses).
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { toYaml11 } from '../../../src/render/yaml11.js';
import { runTool } from '../../helpers/tools.js';
import { FIXTURES, FORMATS, loadCorpus, type Format, type Rendering } from './corpus.js';

const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

const FILES: Readonly<Record<Format, { name: string; serialize: (value: Record<string, unknown> | string) => string }>> = {
  'netplan-v2': { name: 'netplan-v2.yaml', serialize: (value) => toYaml11(value) },
  v1: { name: 'v1.yaml', serialize: (value) => toYaml11(value) },
  'network-data': { name: 'network_data.json', serialize: (value) => `${JSON.stringify(value, null, 2)}\n` },
  eni: { name: 'interfaces', serialize: (value) => String(value) },
};

function golden(rendering: Rendering, format: Format): { file: string; content: string } {
  const { name: file, serialize } = FILES[format];
  return rendering.ok ? { file, content: serialize(rendering.value) } : { file: `${file}.error`, content: `${rendering.error}\n` };
}

const corpus = loadCorpus();

for (const item of corpus) {
  test(`${item.name}: renderings equal the golden files`, () => {
    const dir = join(FIXTURES, item.name);
    for (const format of FORMATS) {
      const { file, content } = golden(item.renderings[format], format);
      const path = join(dir, file);
      if (UPDATE) {
        mkdirSync(dir, { recursive: true });
        const stale = join(dir, file.endsWith('.error') ? FILES[format].name : `${FILES[format].name}.error`);
        rmSync(stale, { force: true });
        writeFileSync(path, content);
      }
      assert.ok(existsSync(path), `${path} is missing (expected ${file.endsWith('.error') ? 'a refusal' : 'a rendering'})`);
      assert.equal(content, readFileSync(path, 'utf8'), `${item.name}/${file}`);
    }
  });
}

test('every YAML rendering reads back unchanged through PyYAML safe_load', () => {
  const documents = corpus.flatMap((item) =>
    (['netplan-v2', 'v1'] as const).flatMap((format) => {
      const rendering = item.renderings[format];
      return rendering.ok ? [{ id: `${item.name}/${format}`, value: rendering.value, text: toYaml11(rendering.value) }] : [];
    }),
  );
  const script = 'import json, sys, yaml\nprint(json.dumps([yaml.safe_load(text) for text in json.load(sys.stdin)]))';
  const { stdout } = runTool('/usr/bin/python3', ['-c', script], { input: JSON.stringify(documents.map((d) => d.text)) });
  const loaded = JSON.parse(stdout) as unknown[];
  documents.forEach((document, index) => {
    assert.deepStrictEqual(loaded[index], document.value, document.id);
  });
});
