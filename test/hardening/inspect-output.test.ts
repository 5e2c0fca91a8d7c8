/**
 * What `inspect` prints of an image is the image's to choose: names with terminal controls in
 * them are shown escaped, and names that decode alike are reported and never extracted one over
 * the other.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readSeed } from '../../src/read/seed.js';
import { runCli } from '../helpers/cli.js';
import { withTempDir } from '../helpers/tools.js';
import { makeIso, textTree } from '../read/reference-images.js';

/** ESC ] 0 ; ... BEL sets the terminal's title; ESC [ 2 J clears the screen; U+009B is the 8-bit CSI. */
const HOSTILE_NAME = 'evil\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202ename';

test('inspect escapes terminal controls from image names; --json stays JSON with them escaped', async () => {
  const image = await makeIso('xorriso', ['-R', '-V', 'cidata'], textTree({ 'meta-data': 'instance-id: i-1\n', 'user-data': '#cloud-config\n', [HOSTILE_NAME]: 'x' }));
  assert.ok(readSeed(image).files.some((file) => file.path === HOSTILE_NAME), 'the reader keeps the name as it is');
  await withTempDir(async (dir) => {
    writeFileSync(join(dir, 'seed.iso'), image);
    const text = await runCli(['inspect', 'seed.iso'], { cwd: dir });
    assert.equal(text.status, 0, text.stderr);
    const printed = text.stdout.toString('utf8');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the test
    assert.doesNotMatch(printed, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/, 'no control character but newlines');
    assert.ok(printed.includes('evil\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\u202ename'), printed);
    const json = await runCli(['inspect', 'seed.iso', '--json'], { cwd: dir });
    const raw = json.stdout.toString('utf8');
    assert.doesNotMatch(raw, /[\u007f-\u009f\u202e]/, 'JSON carries C1 and bidi controls as \\u escapes');
    const parsed = JSON.parse(raw) as { files: { path: string }[] };
    assert.ok(parsed.files.some((file) => file.path === HOSTILE_NAME), 'the JSON value is the name itself');
  });
});

/** Joliet records (UCS-2 big-endian identifiers) named `from` renamed to `to`, same length. */
function renameJoliet(image: Uint8Array, from: string, to: string): Uint8Array {
  const copy = Buffer.from(image);
  const needle = Buffer.from(from, 'utf16le').swap16();
  const replacement = Buffer.from(to, 'utf16le').swap16();
  let count = 0;
  for (let at = copy.indexOf(needle); at >= 0; at = copy.indexOf(needle, at + 1)) {
    replacement.copy(copy, at);
    count++;
  }
  assert.ok(count > 0, `no Joliet record named ${from}`);
  return new Uint8Array(copy);
}

test('Joliet names that decode alike: a duplicate-name finding, and --extract refuses', async () => {
  const original = await makeIso('genisoimage', ['-J', '-V', 'cidata'], textTree({ 'meta-data': 'instance-id: i-1\n', 'user-data': '#cloud-config\n', 'same-a': 'first', 'same-b': 'second' }));
  const image = renameJoliet(original, 'same-b', 'same-a');
  const report = readSeed(image);
  assert.deepEqual(
    report.warnings.filter((warning) => warning.code === 'duplicate-name').map((warning) => warning.file),
    ['same-a'],
  );
  await withTempDir(async (dir) => {
    writeFileSync(join(dir, 'seed.iso'), image);
    const inspected = await runCli(['inspect', 'seed.iso'], { cwd: dir });
    assert.equal(inspected.status, 0, inspected.stderr);
    assert.match(inspected.stdout.toString('utf8'), /duplicate-name: more than one entry of the image is named same-a/);
    const extracted = await runCli(['inspect', 'seed.iso', '--extract', 'out'], { cwd: dir });
    assert.equal(extracted.status, 3, extracted.stderr);
    assert.match(extracted.stderr, /refusing to extract to out: the image names same-a more than once/);
    assert.ok(!existsSync(join(dir, 'out')) || readdirSync(join(dir, 'out')).length === 0, 'nothing extracted');
  });
});
