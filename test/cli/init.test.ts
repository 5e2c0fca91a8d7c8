/** `cloudseed init`: the templates as shipped, comments intact, listed with their descriptions. */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { withTempDir } from '../helpers/tools.js';

const TEMPLATES = join(REPO_ROOT, 'templates');
const templateText = (name: string): string => readFileSync(join(TEMPLATES, `${name}.yaml`), 'utf8');
const NAMES = readdirSync(TEMPLATES).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();

test('init prints the minimal template byte for byte, comments included', async () => {
  const result = await runCli(['init']);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout.toString(), templateText('minimal'));
  assert.match(result.stdout.toString(), /^# /);
});

test('init --template NAME prints that template', async () => {
  const result = await runCli(['init', '--template', 'password-login']);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout.toString(), templateText('password-login'));
});

test('init --list names every template with the description from its first line', async () => {
  const result = await runCli(['init', '--list']);
  assert.equal(result.status, 0, result.stderr);
  const lines = result.stdout.toString().trimEnd().split('\n');
  assert.deepEqual(lines.map((line) => line.split(/\s+/, 1)[0]), NAMES);
  for (const [index, name] of NAMES.entries()) {
    assert.ok(lines[index]!.endsWith(templateText(name).split('\n', 1)[0]!.replace(/^#\s*/, '')), lines[index]);
  }
  const json = await runCli(['init', '--list', '--json']);
  assert.deepEqual((JSON.parse(json.stdout.toString()) as { name: string }[]).map((t) => t.name), NAMES);
});

test('an unknown template is a usage error that lists the names', async () => {
  const result = await runCli(['init', '--template', 'no-such-template']);
  assert.equal(result.status, 2);
  assert.equal(result.stdout.length, 0);
  assert.match(result.stderr, /unknown template 'no-such-template'/);
  for (const name of NAMES) assert.ok(result.stderr.includes(name), `${name} missing from: ${result.stderr}`);
});

test('init -o writes an owner-only file, never over an existing one without --force, and the file builds', async () => {
  await withTempDir(async (dir) => {
    const spec = join(dir, 'spec.yaml');
    const written = await runCli(['init', '--template', 'static-ip', '-o', spec]);
    assert.equal(written.status, 0, written.stderr);
    assert.equal(readFileSync(spec, 'utf8'), templateText('static-ip'));
    assert.equal(statSync(spec).mode & 0o777, 0o600);
    const again = await runCli(['init', '-o', spec]);
    assert.equal(again.status, 3);
    assert.match(again.stderr, /already exists; use --force/);
    assert.equal(readFileSync(spec, 'utf8'), templateText('static-ip'));
    assert.equal((await runCli(['init', '-o', spec, '--force'])).status, 0);
    assert.equal(readFileSync(spec, 'utf8'), templateText('minimal'));
    const built = await runCli(['build', spec, '-o', join(dir, 'seed.iso'), '--allow-placeholders']);
    assert.equal(built.status, 0, built.stderr);
  });
});
