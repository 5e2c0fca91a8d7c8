/**
 * `cloudseed batch` as users run it: many specs on two threads, every image read back by xorriso or
 * mtools and compared with the seed rendered from the same spec; invalid specs, --keep-going,
 * --force, collisions, empty patterns, plain lines off a TTY and the progress line on one.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { test } from 'node:test';
import { renderSeed } from '../../src/seed.js';
import { loadSpecFile } from '../../src/input/load.js';
import { INVALID_SPEC, specText, writeSpec } from '../batch/spec-files.js';
import { cliCommand, runCli } from '../helpers/cli.js';
import { extractFatWithMtools, extractIsoWithXorriso, readTreeFromDir } from '../helpers/images.js';
import { runTool, withTempDir } from '../helpers/tools.js';

interface JsonResult {
  spec: string;
  status: string;
  output?: string;
  instance_id?: string;
  issues?: { path: string; message: string }[];
  error?: string;
}

interface JsonSummary {
  total: number;
  built: number;
  failed: number;
  seconds: number;
  results: JsonResult[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** 30 specs, the same names in two folders; every fifth one asks for vfat. */
function writeThirtySpecs(dir: string): void {
  for (let n = 0; n < 30; n++) {
    const folder = n < 15 ? 'web' : 'db';
    writeSpec(dir, `specs/${folder}/vm${String(n % 15).padStart(2, '0')}.yaml`, specText(n, n % 5 === 0 ? 'filesystem: vfat\n' : ''));
  }
}

function sameTree(actual: ReadonlyMap<string, Uint8Array>, expected: ReadonlyMap<string, Uint8Array>, what: string): void {
  assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort(), what);
  for (const [path, content] of expected) assert.ok(Buffer.from(actual.get(path)!).equals(content), `${what}: ${path} differs`);
}

test('30 specs on two threads: every image holds exactly the seed rendered from its spec', async () => {
  await withTempDir(async (dir) => {
    writeThirtySpecs(dir);
    const result = await runCli(['batch', 'specs/**/*.yaml', '--out-dir', 'out', '--jobs', '2', '--json'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    const summary = JSON.parse(result.stdout.toString()) as JsonSummary;
    assert.deepEqual(Object.keys(summary).sort(), ['built', 'failed', 'results', 'seconds', 'total']);
    assert.equal(summary.total, 30);
    assert.equal(summary.built, 30);
    assert.equal(summary.failed, 0);
    assert.deepEqual(summary.results.map((r) => r.spec), [...summary.results.map((r) => r.spec)].sort());
    for (const [n, entry] of summary.results.entries()) {
      const { data, baseDir } = await loadSpecFile(join(dir, entry.spec));
      const expected = await renderSeed(data, { baseDir });
      const vfat = (data as { filesystem?: string }).filesystem === 'vfat';
      assert.equal(entry.output, entry.spec.replace(/^specs/, 'out').replace(/\.yaml$/, vfat ? '.img' : '.iso'));
      assert.deepEqual(Object.keys(entry).sort(), ['instance_id', 'output', 'spec', 'status']);
      assert.equal(entry.status, 'built');
      assert.match(entry.instance_id!, UUID);
      assert.equal(entry.instance_id, expected.instanceId);
      const image = join(dir, entry.output!);
      assert.equal(statSync(image).mode & 0o777, 0o600);
      const extracted = vfat ? extractFatWithMtools(image, join(dir, 'x', String(n))) : extractIsoWithXorriso(image, join(dir, 'x', String(n)));
      sameTree(extracted, expected.files, entry.output!);
      assert.match(Buffer.from(extracted.get('meta-data')!).toString(), new RegExp(`instance-id: ${entry.instance_id}`));
    }
    assert.equal(readdirSync(join(dir, 'out')).sort().join(), 'db,web');
  });
});

test('an image matches `cloudseed render` of the same spec, and isoinfo reads the same user-data', async () => {
  await withTempDir(async (dir) => {
    const spec = writeSpec(dir, 'specs/one.yaml', specText(7));
    const built = await runCli(['batch', 'specs/*.yaml', '--out-dir', 'out', '--jobs', '1'], { cwd: dir });
    assert.equal(built.status, 0, built.stderr);
    const rendered = await runCli(['render', spec, '--out-dir', join(dir, 'rendered')]);
    assert.equal(rendered.status, 0, rendered.stderr);
    sameTree(extractIsoWithXorriso(join(dir, 'out', 'one.iso'), join(dir, 'x')), readTreeFromDir(join(dir, 'rendered')), 'one.iso');
    const userData = runTool('isoinfo', ['-R', '-i', join(dir, 'out', 'one.iso'), '-x', '/user-data']).stdout;
    assert.equal(userData, readFileSync(join(dir, 'rendered', 'user-data'), 'utf8'));
  });
});

test('off a TTY: one plain line per image and a summary; --quiet keeps only the errors', async () => {
  await withTempDir(async (dir) => {
    for (let n = 0; n < 3; n++) writeSpec(dir, `specs/vm${n}.yaml`, specText(n));
    const loud = await runCli(['batch', 'specs/*.yaml', '--out-dir', 'out', '--jobs', '2'], { cwd: dir });
    assert.equal(loud.status, 0, loud.stderr);
    const lines = loud.stdout.toString().trim().split('\n');
    assert.equal(lines.length, 4);
    for (let n = 0; n < 3; n++) {
      assert.ok(lines.some((line) => new RegExp(`^ok  specs/vm${n}\\.yaml -> out/vm${n}\\.iso \\(instance-id [0-9a-f-]{36}\\)$`).test(line)), lines.join('\n'));
    }
    assert.match(lines[3]!, /^built 3 of 3 images in \d+\.\d\ds$/);
    assert.ok(!loud.stderr.includes('\r'), 'no progress line off a TTY');
    const quiet = await runCli(['--quiet', 'batch', 'specs/*.yaml', '--out-dir', 'out2', '--jobs', '2'], { cwd: dir });
    assert.equal(quiet.status, 0, quiet.stderr);
    assert.equal(quiet.stdout.toString(), '');
    assert.equal(quiet.stderr, '');
  });
});

test('on a TTY a progress line is redrawn in place on stderr', async () => {
  await withTempDir(async (dir) => {
    for (let n = 0; n < 4; n++) writeSpec(dir, `specs/vm${n}.yaml`, specText(n));
    const command = cliCommand(['batch', 'specs/*.yaml', '--out-dir', 'out', '--jobs', '2']);
    const quoted = command.map((word) => `'${word.replaceAll("'", "'\\''")}'`).join(' ');
    // script(1) runs the command on a pseudo-terminal, as an interactive user would.
    const { stdout } = runTool('script', ['-qefc', quoted, '/dev/null'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the progress line is drawn with ANSI escapes (ESC): the test looks for them
    assert.match(stdout, /\r\u001b\[2Kvalidating \d\/4/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the progress line is drawn with ANSI escapes (ESC): the test looks for them
    assert.match(stdout, /\r\u001b\[2Kbuilding 4\/4 {2}\d+\/s ETA 0\.0s/);
    assert.match(stdout, /built 4 of 4 images/);
    assert.ok(!/^ok {2}/m.test(stdout), 'no per-image lines under the progress line');
    assert.equal(readdirSync(join(dir, 'out')).length, 4);
  });
});

test('an invalid spec: reported with its file and field path, and no image at all without --keep-going', async () => {
  await withTempDir(async (dir) => {
    for (let n = 0; n < 4; n++) writeSpec(dir, `specs/vm${n}.yaml`, specText(n));
    writeSpec(dir, 'specs/bad.yaml', INVALID_SPEC);
    const refused = await runCli(['batch', 'specs/*.yaml', '--out-dir', 'out', '--jobs', '2'], { cwd: dir });
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /FAIL specs\/bad\.yaml: users\[0\]\.name: contains uppercase/);
    assert.match(refused.stderr, /no images written: 1 invalid spec\(s\) \(--keep-going builds the valid ones\)/);
    assert.equal(existsSync(join(dir, 'out')), false);

    const kept = await runCli(['batch', 'specs/*.yaml', '--out-dir', 'out', '--jobs', '2', '--keep-going', '--json'], { cwd: dir });
    assert.equal(kept.status, 1);
    assert.match(kept.stderr, /FAIL specs\/bad\.yaml: users\[0\]\.name/);
    const summary = JSON.parse(kept.stdout.toString()) as JsonSummary;
    assert.equal(summary.built, 4);
    assert.equal(summary.failed, 1);
    assert.deepEqual(summary.results[0], {
      spec: 'specs/bad.yaml',
      status: 'invalid',
      issues: [{ path: 'users[0].name', message: summary.results[0]!.issues![0]!.message }],
    });
    assert.deepEqual(readdirSync(join(dir, 'out')).sort(), ['vm0.iso', 'vm1.iso', 'vm2.iso', 'vm3.iso']);
  });
});

test('existing images need --force: without it nothing is written', async () => {
  await withTempDir(async (dir) => {
    for (let n = 0; n < 3; n++) writeSpec(dir, `specs/vm${n}.yaml`, specText(n));
    const first = await runCli(['batch', 'specs/vm1.yaml', '--out-dir', 'out'], { cwd: dir });
    assert.equal(first.status, 0, first.stderr);
    writeFileSync(join(dir, 'out', 'vm1.iso'), 'precious');
    const refused = await runCli(['batch', 'specs/*.yaml', '--out-dir', 'out', '--jobs', '2'], { cwd: dir });
    assert.equal(refused.status, 3);
    assert.match(refused.stderr, /1 image\(s\) already exist; use --force to replace them:\n {2}out\/vm1\.iso/);
    assert.deepEqual(readdirSync(join(dir, 'out')), ['vm1.iso']);
    assert.equal(readFileSync(join(dir, 'out', 'vm1.iso'), 'utf8'), 'precious');
    const forced = await runCli(['batch', 'specs/*.yaml', '--out-dir', 'out', '--jobs', '2', '--force'], { cwd: dir });
    assert.equal(forced.status, 0, forced.stderr);
    assert.deepEqual(readdirSync(join(dir, 'out')).sort(), ['vm0.iso', 'vm1.iso', 'vm2.iso']);
    assert.notEqual(readFileSync(join(dir, 'out', 'vm1.iso'), 'utf8'), 'precious');
  });
});

test('usage errors: colliding output names, a pattern matching nothing, a bad --jobs', async () => {
  await withTempDir(async (dir) => {
    writeSpec(dir, 'a/x.yaml', specText(1));
    writeSpec(dir, 'b/x.yaml', specText(2));
    const collision = await runCli(['batch', 'a/*.yaml', 'b/*.yaml', '--out-dir', 'out'], { cwd: dir });
    assert.equal(collision.status, 2);
    assert.match(collision.stderr, /a\/x\.yaml and b\/x\.yaml would both be written as out\/x\.\*/);
    const empty = await runCli(['batch', 'a/*.yaml', 'nope/*.yaml', '--out-dir', 'out'], { cwd: dir });
    assert.equal(empty.status, 2);
    assert.match(empty.stderr, /no spec files match 'nope\/\*\.yaml'/);
    const jobs = await runCli(['batch', 'a/*.yaml', '--out-dir', 'out', '--jobs', 'many'], { cwd: dir });
    assert.equal(jobs.status, 2);
    assert.match(jobs.stderr, /--jobs must be a positive integer, not 'many'/);
    assert.equal(existsSync(join(dir, 'out')), false);
  });
});

test('Ctrl-C in the middle of a batch: exit 130, no temp file, only whole images', async () => {
  await withTempDir(async (dir) => {
    // Each spec has a clear-text password to hash (SHA-512 crypt, 5000 rounds): a few ms of work
    // a spec keeps the run going well past the first images, however fast the rest of a build is.
    const slowUser = 'users:\n  - name: ops\n    password: "interrupt me"\n';
    for (let n = 0; n < 400; n++) writeSpec(dir, `specs/vm${String(n).padStart(3, '0')}.yaml`, specText(n).replace('users:\n', slowUser));
    const [node, ...args] = cliCommand(['batch', 'specs/*.yaml', '--out-dir', 'out', '--jobs', '2']);
    const child = spawn(node!, args, {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    // Interrupt once some images are done, while later chunks are being written.
    child.stdout.on('data', (text: string) => {
      stdout += text;
      if (/^ok {2}/m.test(stdout) && child.exitCode === null && !child.killed) child.kill('SIGINT');
    });
    const [code, signal] = (await once(child, 'close')) as [number | null, string | null];
    assert.equal(signal, null);
    assert.equal(code, 130);
    const files = readdirSync(join(dir, 'out'));
    assert.deepEqual(files.filter((name) => !/^vm\d{3}\.iso$/.test(name)), [], 'no temp files');
    assert.ok(files.length > 0 && files.length < 400, `${files.length} images`);
    for (const name of files) {
      const size = statSync(join(dir, 'out', name)).size;
      assert.ok(size > 0 && size % 2048 === 0, `${name}: ${size} bytes`);
    }
    assert.equal(runTool('blkid', ['-p', '-o', 'value', '-s', 'TYPE', join(dir, 'out', files.at(-1)!)]).stdout.trim(), 'iso9660');
  });
});
