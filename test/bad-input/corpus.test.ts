/**
 * Every case of cases.yaml through the real CLI: the expected exit code, a message naming the
 * field, no stack trace, and no output file — not even a partial one.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse, stringify } from 'yaml';
import { mapWithLimit, runCli, type CliResult } from '../helpers/cli.js';
import { withTempDir } from '../helpers/tools.js';

interface BadInputCase {
  name: string;
  spec?: unknown;
  spec_text?: string;
  file?: string;
  args?: string[];
  env?: Record<string, string>;
  exit?: number;
  path: string;
  message?: string;
}

const cases = parse(readFileSync(join(import.meta.dirname, 'cases.yaml'), 'utf8')) as BadInputCase[];

test('the bad-input corpus has at least 20 cases with unique names', () => {
  assert.ok(cases.length >= 20, `only ${cases.length} cases`);
  assert.equal(new Set(cases.map((c) => c.name)).size, cases.length);
});

test('every bad input: expected exit code, field named, no stack, no output file', async () => {
  await withTempDir(async (root) => {
    const results = await mapWithLimit(cases, 4, async (badCase): Promise<[BadInputCase, CliResult, string]> => {
      const dir = join(root, String(cases.indexOf(badCase)));
      mkdirSync(dir);
      const specFile = join(dir, badCase.file ?? 'spec.yaml');
      writeFileSync(specFile, badCase.spec_text ?? stringify(badCase.spec));
      const output = join(dir, 'out.iso');
      const result = await runCli(['build', specFile, '-o', output, ...(badCase.args ?? [])], { cwd: dir, env: badCase.env });
      return [badCase, result, dir];
    });
    for (const [badCase, result, dir] of results) {
      const where = `case "${badCase.name}": stderr was\n${result.stderr}`;
      assert.equal(result.status, badCase.exit ?? 1, where);
      assert.ok(result.stderr.includes(badCase.path), `${where}\nexpected it to name ${badCase.path}`);
      if (badCase.message) assert.ok(result.stderr.includes(badCase.message), `${where}\nexpected "${badCase.message}"`);
      assert.doesNotMatch(result.stderr, /^\s+at .+:\d+:\d+\)?$/m, `${where}\nno stack trace without --debug`);
      assert.equal(result.stdout.length, 0, `${where}\nnothing on stdout`);
      const leftovers = readdirSync(dir).filter((name) => name !== (badCase.file ?? 'spec.yaml'));
      assert.deepEqual(leftovers, [], `${where}\nno output or temp file may remain`);
      assert.equal(existsSync(join(dir, 'out.iso')), false);
    }
  });
});
