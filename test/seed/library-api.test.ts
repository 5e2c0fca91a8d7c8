/**
 * The library's public entry points (src/index.ts): their shapes, writeSeed's atomic file
 * handling judged by xorriso and blkid, and the rule that the library never prints or exits.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import fg from 'fast-glob';
import * as cloudseed from '../../src/index.js';
import { IoError, SpecError, buildSeed, renderSeed, validateSpec, writeSeed } from '../../src/index.js';
import { extractIsoWithXorriso, probeWithBlkid } from '../helpers/images.js';
import { withTempDir } from '../helpers/tools.js';

const SPEC = { hostname: 'api-test', write_files: [{ path: '/etc/motd', content: 'hello\n' }] };
const INVALID = { hostname: 'not a hostname!', users: [{ name: 'admin', shell: 5 }] };
const SRC = join(import.meta.dirname, '..', '..', 'src');

test('the entry point exports exactly the public API (the packed-package test checks the same list)', () => {
  assert.deepEqual(Object.keys(cloudseed).sort(), [
    'CloudseedError', 'EXPORT_TARGETS', 'IoError', 'SpecError', 'ToolError',
    'buildSeed', 'editSeed', 'exportSeed', 'loadSpecFile', 'parseSpecText', 'readSeed', 'renderSeed', 'validateSpec', 'writeSeed',
  ]);
});

test('validateSpec answers {ok, issues}: invalid input is an answer, and the builders throw the same issues', async () => {
  assert.deepEqual(await validateSpec(SPEC), { ok: true, issues: [] });
  const result = await validateSpec(INVALID);
  assert.equal(result.ok, false);
  assert.deepEqual(result.issues, [{ path: 'users[0].shell', message: 'must be string, not number 5' }]);
  await assert.rejects(buildSeed(INVALID), (error) => error instanceof SpecError && JSON.stringify(error.issues) === JSON.stringify(result.issues));
});

test('buildSeed reports the label and filesystem it wrote, and the files renderSeed renders', async () => {
  const rendered = await renderSeed(SPEC);
  const iso = await buildSeed(SPEC);
  assert.deepEqual(iso.files, rendered.files);
  assert.equal(iso.instanceId, rendered.instanceId);
  assert.deepEqual([iso.datasource, iso.filesystem, iso.label], ['nocloud', 'iso9660', 'cidata']);
  const drive = await buildSeed(SPEC, { datasource: 'configdrive', filesystem: 'vfat' });
  assert.deepEqual([drive.datasource, drive.filesystem, drive.label], ['configdrive', 'vfat', 'CONFIG-2']);
});

test('writeSeed writes the built image owner-only, and xorriso and blkid read what buildSeed reported', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'seed.iso');
    const written = await writeSeed(SPEC, path);
    assert.equal(written.path, path);
    assert.deepEqual(new Uint8Array(readFileSync(path)), (await buildSeed(SPEC)).image);
    assert.equal(written.size, statSync(path).size);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.deepEqual(extractIsoWithXorriso(path, join(dir, 'files')), written.files);
    assert.equal(probeWithBlkid(path)['LABEL'], written.label);
  });
});

test('writeSeed keeps an existing file unless forced, and leaves nothing behind when it fails', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'seed.iso');
    writeFileSync(path, 'old');
    await assert.rejects(writeSeed(SPEC, path), (error) => error instanceof IoError && /already exists/.test(error.message));
    await assert.rejects(writeSeed(INVALID, path, { force: true }), SpecError);
    assert.equal(readFileSync(path, 'utf8'), 'old');
    await assert.rejects(writeSeed(SPEC, join(dir, 'missing', 'seed.iso')), IoError);
    assert.deepEqual(readdirSync(dir), ['seed.iso']);
    const forced = await writeSeed(SPEC, path, { force: true, mode: 0o644 });
    assert.equal(forced.size, readFileSync(path).length);
    assert.equal(statSync(path).mode & 0o777, 0o644);
  });
});

test('the library never prints, exits or sets an exit code: only src/cli talks to the terminal', async () => {
  const files = await fg('**/*.ts', { cwd: SRC, ignore: ['cli/**'], absolute: true });
  assert.ok(files.length > 20);
  const forbidden = /\bconsole\.(log|info|warn|error|debug|trace)\b|\bprocess\.(stdout|stderr|exit|exitCode|emitWarning)\b/;
  const offenders = files.filter((file) => forbidden.test(readFileSync(file, 'utf8'))).map((file) => relative(SRC, file));
  assert.deepEqual(offenders, []);
});

test('validateSpec and buildSeed refuse what is not plain data (cycles, BigInt, Symbol, functions, Buffers, __proto__) by path, and agree', async () => {
  const cyclic: Record<string, unknown> = { hostname: 'a' };
  cyclic['user_data'] = { cloud_config: { again: cyclic } };
  const cases: ReadonlyArray<readonly [unknown, string]> = [
    // The options are merged into a copy of the root, so the cycle closes one step further in.
    [cyclic, 'user_data.cloud_config.again.user_data'],
    [{ users: [{ name: 'a', uid: 10n }] }, 'users[0].uid'],
    [{ hostname: Symbol('h') }, 'hostname'],
    [{ runcmd: [() => 'x'] }, 'runcmd[0]'],
    [{ write_files: [{ path: '/a', content: Buffer.from('x') }] }, 'write_files[0].content'],
    [JSON.parse('{"user_data": {"cloud_config": {"__proto__": {"packages": ["x"]}}}}'), 'user_data.cloud_config.__proto__'],
    [{ user_data: { cloud_config: { constructor: 1 } } }, 'user_data.cloud_config.constructor'],
  ];
  for (const [spec, path] of cases) {
    const result = await validateSpec(spec);
    assert.equal(result.ok, false, path);
    assert.deepEqual(result.issues.map((issue) => issue.path), [path]);
    await assert.rejects(buildSeed(spec), (error) => error instanceof SpecError && JSON.stringify(error.issues) === JSON.stringify(result.issues));
    await assert.rejects(renderSeed(spec), SpecError);
  }
});
