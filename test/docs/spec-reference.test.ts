/** The README's spec reference is the one generated from schemas/spec.schema.json, and it covers every key. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../helpers/cli.js';
import { runTool } from '../helpers/tools.js';

test('README.md holds the spec reference generated from the current schema (node scripts/gen-spec-reference.mjs)', () => {
  const result = runTool(process.execPath, [join(REPO_ROOT, 'scripts', 'gen-spec-reference.mjs'), '--check'], { allowFailure: true });
  assert.equal(result.status, 0, result.stderr);
});

test('every top-level key of the schema has a row', () => {
  const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'spec.schema.json'), 'utf8')) as { properties: Record<string, unknown> };
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  for (const key of Object.keys(schema.properties)) assert.ok(readme.includes(`| \`${key}\``), `${key} has no row in the README`);
});
