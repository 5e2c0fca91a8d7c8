// Runs inside an empty project where the packed cloudseed tarball was installed, with the Node
// runtime under test, and uses only the package's public entry points, as a user would.
// Prints nothing on success, and the library must print nothing either: the calling script
// (scripts/test-packed-package.sh) fails when either stream is not empty. It writes what the
// independent readers check: lib.iso and lib.img, and expected/ with the files they must hold.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as cloudseed from 'cloudseed';

const { IoError, SpecError, buildSeed, loadSpecFile, readSeed, renderSeed, validateSpec, writeSeed } = cloudseed;
const out = process.argv[2];
assert.ok(out, 'usage: check-library.mjs OUT_DIR');
const require = createRequire(import.meta.url);

// The exports map: the entry point, package.json and the schema; nothing deeper.
assert.deepEqual(Object.keys(cloudseed).sort(), [
  'CloudseedError', 'EXPORT_TARGETS', 'IoError', 'SpecError', 'ToolError',
  'buildSeed', 'editSeed', 'exportSeed', 'loadSpecFile', 'parseSpecText', 'readSeed', 'renderSeed', 'validateSpec', 'writeSeed',
]);
assert.match(require('cloudseed/package.json').version, /^\d+\.\d+\.\d+/);
assert.equal(typeof require('cloudseed/schema').properties.hostname, 'object');
await assert.rejects(import('cloudseed/dist/seed.js'), { code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' });

// Invalid input is an answer from validateSpec and a SpecError from the builders.
const invalid = { hostname: 'not a hostname!', users: [{ name: 'admin', shell: 5 }] };
const validation = await validateSpec(invalid);
assert.equal(validation.ok, false);
assert.ok(validation.issues.length >= 1, JSON.stringify(validation));
for (const issue of validation.issues) assert.deepEqual(Object.keys(issue).sort(), ['message', 'path']);
await assert.rejects(buildSeed(invalid), (error) => error instanceof SpecError && error.issues.length === validation.issues.length);

// A valid spec from a file, its `source:` resolved against the spec's folder.
const { data, baseDir } = await loadSpecFile('spec.yaml');
assert.deepEqual(await validateSpec(data, { baseDir }), { ok: true, issues: [] });
const rendered = await renderSeed(data, { baseDir });
const built = await buildSeed(data, { baseDir });
assert.equal(built.datasource, 'nocloud');
assert.equal(built.filesystem, 'iso9660');
assert.equal(built.label, 'cidata');
assert.equal(built.instanceIdDerived, true);
assert.deepEqual(built.warnings, []);
assert.ok(built.image instanceof Uint8Array && built.image.length > 0);
assert.deepEqual([...built.files.keys()].sort(), ['meta-data', 'user-data']);
assert.deepEqual(built.files, rendered.files);
const decode = (bytes) => new TextDecoder().decode(bytes);
assert.match(decode(built.files.get('meta-data')), new RegExp(built.instanceId));
for (const [path, content] of built.files) {
  mkdirSync(dirname(join(out, 'expected', path)), { recursive: true });
  writeFileSync(join(out, 'expected', path), content);
}

// writeSeed: the same bytes, owner-only, never over an existing file without force.
const isoPath = join(out, 'lib.iso');
const written = await writeSeed(data, isoPath, { baseDir });
assert.equal(written.path, isoPath);
assert.deepEqual(new Uint8Array(readFileSync(isoPath)), built.image);
assert.equal(statSync(isoPath).mode & 0o777, 0o600);
writeFileSync(isoPath, 'old');
await assert.rejects(writeSeed(data, isoPath, { baseDir }), (error) => error instanceof IoError && /already exists/.test(error.message));
assert.equal(readFileSync(isoPath, 'utf8'), 'old');
await assert.rejects(writeSeed(invalid, isoPath, { force: true }), SpecError);
assert.equal(readFileSync(isoPath, 'utf8'), 'old');
await writeSeed(data, isoPath, { baseDir, force: true });
assert.deepEqual(new Uint8Array(readFileSync(isoPath)), built.image);
const vfat = await writeSeed(data, join(out, 'lib.img'), { baseDir, filesystem: 'vfat' });
assert.equal(vfat.filesystem, 'vfat');
assert.equal(vfat.label, 'CIDATA');
await assert.rejects(writeSeed(data, join(out, 'no-such-folder', 'seed.iso'), { baseDir }), IoError);
// Nothing left behind by the refused writes: no temp files beside the targets.
assert.deepEqual(readdirSync(out).sort(), ['expected', 'lib.img', 'lib.iso']);

// A payload over 64 MiB (sparse): writeSeed hashes its derived instance-id on a worker thread
// while it writes; the image and id are buildSeed's, which hashes in memory first. The calling
// script builds big.yaml with the bin too and compares.
writeFileSync('big.bin', 'not only zeros\n');
truncateSync('big.bin', 64 * 2 ** 20 + 5);
const big = await loadSpecFile('big.yaml');
const bigWritten = await writeSeed(big.data, 'big.iso', { baseDir: big.baseDir });
const bigBuilt = await buildSeed(big.data, { baseDir: big.baseDir });
assert.equal(bigWritten.instanceId, bigBuilt.instanceId);
assert.deepEqual(new Uint8Array(readFileSync('big.iso')), bigBuilt.image);

// readSeed reports what `cloudseed inspect` shows, for both filesystems.
// writeSeed streams the image to its file and does not hold it: read it back from there.
const vfatImage = new Uint8Array(readFileSync(join(out, 'lib.img')));
assert.equal(vfat.size, vfatImage.length);
for (const seed of [built, { ...vfat, image: vfatImage }]) {
  const report = readSeed(seed.image);
  assert.equal(report.filesystem.type, seed.filesystem);
  assert.equal(report.label, seed.label);
  assert.equal(report.datasource, 'nocloud');
  assert.equal(report.instanceId, seed.instanceId);
  assert.equal(report.hostname, 'pkg-test');
  assert.deepEqual(report.users.map((user) => user.name), ['admin']);
  assert.deepEqual(report.files.map((file) => file.path).sort(), ['meta-data', 'user-data']);
  assert.deepEqual(report.tree, seed.files);
  assert.deepEqual(report.warnings, []);
}
const pinned = await buildSeed({ hostname: 'other' }, { instanceId: built.instanceId });
const changed = readSeed(pinned.image, { previous: built.image });
assert.deepEqual(changed.warnings.map((warning) => warning.code), ['same-instance-id']);
