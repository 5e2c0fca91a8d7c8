/**
 * Every case of cases.yaml through the real CLI: the expected exit code, a message naming the
 * field, no stack trace (unless the case passes --debug), and no output file — not even a partial one.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse, stringify } from 'yaml';
import { mapWithLimit, runCli, type CliResult } from '../helpers/cli.js';
import { withTempDir } from '../helpers/tools.js';
import { createFixture, type Fixture } from './fixtures.js';

interface BadInputCase {
  name: string;
  spec?: unknown;
  spec_text?: string;
  file?: string;
  /** false: the spec file is not passed (the case names its own in `args`, or none). */
  spec_arg?: boolean;
  fixtures?: Fixture[];
  args?: string[];
  env?: Record<string, string>;
  exit?: number;
  path: string;
  message?: string;
  /** The message ends with a stack trace (cases that pass --debug). */
  stack?: boolean;
}

const cases = parse(readFileSync(join(import.meta.dirname, 'cases.yaml'), 'utf8')) as BadInputCase[];
const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;

test('the bad-input corpus has at least 60 cases with unique names', () => {
  assert.ok(cases.length >= 60, `only ${cases.length} cases`);
  assert.equal(new Set(cases.map((c) => c.name)).size, cases.length);
});

async function runCase(badCase: BadInputCase, dir: string): Promise<CliResult> {
  for (const fixture of badCase.fixtures ?? []) createFixture(dir, fixture);
  const specFile = join(dir, badCase.file ?? 'spec.yaml');
  const specArgs = badCase.spec_arg === false ? [] : [specFile];
  if (specArgs.length > 0) writeFileSync(specFile, badCase.spec_text ?? stringify(badCase.spec));
  return runCli(['build', ...specArgs, '-o', join(dir, 'out.iso'), ...(badCase.args ?? [])], { cwd: dir, env: badCase.env });
}

/** What the case itself put in its folder: the spec file and the fixtures' top-level names. */
function ownFiles(badCase: BadInputCase): Set<string> {
  const fixtures = (badCase.fixtures ?? []).map((fixture) => fixture.path.split('/')[0]!);
  return new Set([...(badCase.spec_arg === false ? [] : [badCase.file ?? 'spec.yaml']), ...fixtures]);
}

test('every bad input: expected exit code, field named, no stack, no output file', async () => {
  await withTempDir(async (root) => {
    const results = await mapWithLimit(cases, 4, async (badCase): Promise<[BadInputCase, CliResult, string]> => {
      const dir = join(root, String(cases.indexOf(badCase)));
      mkdirSync(dir);
      return [badCase, await runCase(badCase, dir), dir];
    });
    for (const [badCase, result, dir] of results) {
      const where = `case "${badCase.name}": stderr was\n${result.stderr}`;
      assert.equal(result.status, badCase.exit ?? 1, where);
      assert.doesNotMatch(result.stderr, /internal error/i, `${where}\nbad input is never an internal error`);
      assert.ok(result.stderr.includes(badCase.path), `${where}\nexpected it to name ${badCase.path}`);
      if (badCase.message) assert.ok(result.stderr.includes(badCase.message), `${where}\nexpected "${badCase.message}"`);
      if (badCase.stack) assert.match(result.stderr, STACK_LINE, `${where}\n--debug shows the stack trace`);
      else assert.doesNotMatch(result.stderr, STACK_LINE, `${where}\nno stack trace without --debug`);
      assert.equal(result.stdout.length, 0, `${where}\nnothing on stdout`);
      const own = ownFiles(badCase);
      const leftovers = readdirSync(dir).filter((name) => !own.has(name));
      assert.deepEqual(leftovers, [], `${where}\nno output or temp file may remain`);
      assert.equal(existsSync(join(dir, 'out.iso')), false);
    }
  });
});
