import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SpecError } from '../../src/errors.js';
import { loadSpecFile, MAX_SPEC_BYTES, parseSpecText } from '../../src/input/load.js';
import { withTempDir } from '../helpers/tools.js';
import { cpuMillisSince } from '../helpers/cpu-time.js';

const modeOf = (literal: string): unknown =>
  (parseSpecText(`hostname: a\nwrite_files:\n  - path: /f\n    permissions: ${literal}\n`, 'spec.yaml') as { write_files: { permissions: unknown }[] })
    .write_files[0]!.permissions;

test('an unquoted 0-prefixed mode is kept as the mode written, as cloud-init (YAML 1.1) means it', () => {
  assert.equal(modeOf('0644'), '0644');
  assert.equal(modeOf('0755'), '0755');
  assert.equal(modeOf('01777'), '01777');
});

test('other unquoted numbers stay numbers, for validation to refuse with the quoted fix', () => {
  assert.equal(modeOf('644'), 644);
  assert.equal(modeOf('420'), 420);
  assert.equal(modeOf('0x1a4'), 0x1a4);
  assert.equal(modeOf('06_44'), 0o644);
  assert.equal(modeOf('"0600"'), '0600');
});

test('only write_files modes are kept as text; elsewhere 0644 is the YAML 1.1 integer', () => {
  const spec = parseSpecText('hostname: a\nuser_data:\n  cloud_config:\n    write_files: [{path: /f, permissions: 0644}]\n', 'spec.yaml') as {
    user_data: { cloud_config: { write_files: { permissions: unknown }[] } };
  };
  // cloud-init reads this integer as mode 0644 itself.
  assert.equal(spec.user_data.cloud_config.write_files[0]!.permissions, 0o644);
});

test('UTF-16 specs with a BOM (PowerShell 5 `>` writes UTF-16LE) and UTF-8 specs with a BOM are read as text', async () => {
  await withTempDir(async (dir) => {
    const text = 'hostname: web01\nusers: [{name: jos\u00e9}]\n';
    const forms: ReadonlyArray<readonly [string, Buffer]> = [
      ['le.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
      ['be.yaml', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])],
      ['bom.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
      ['le.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"hostname": "web01", "users": [{"name": "jos\u00e9"}]}', 'utf16le')])],
    ];
    for (const [name, bytes] of forms) {
      writeFileSync(join(dir, name), bytes);
      assert.deepEqual((await loadSpecFile(join(dir, name))).data, { hostname: 'web01', users: [{ name: 'jos\u00e9' }] }, name);
    }
  });
});

test('the size limit applies while reading: /dev/zero and an endless pipe stop at the limit', async () => {
  // CPU time, not wall time (test/helpers/cpu-time.ts): reading far past the limit would show as
  // system time, which a loaded machine does not stretch.
  const started = process.cpuUsage();
  await assert.rejects(loadSpecFile('/dev/zero'), (error) => error instanceof SpecError && /larger than \d+ bytes/.test(error.message));
  assert.ok(cpuMillisSince(started) < 5000);
  // A pipe that never ends, as stdin (`-` and /dev/stdin): the reader stops at the limit.
  for (const name of ['-', '/dev/stdin']) {
    const load = `import('./src/input/load.ts').then((m) => m.loadSpecFile('${name}')).catch((e) => { console.log(e.message); })`;
    const child = spawnSync('sh', ['-c', `yes | ${JSON.stringify(process.execPath)} --import tsx -e ${JSON.stringify(load)}`], {
      cwd: join(import.meta.dirname, '..', '..'),
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.match(child.stdout, new RegExp(`larger than ${MAX_SPEC_BYTES} bytes`), name);
  }
});

test('specs of every size around the reading buffer (64 KiB) and the limit read whole, one after another', async () => {
  await withTempDir(async (dir) => {
    const sizes = [0, 1, 65_535, 65_536, 65_537, 200_000, MAX_SPEC_BYTES];
    for (const size of [...sizes, 10, ...sizes.reverse()]) {
      const file = join(dir, `spec-${size}.json`);
      // A JSON object of exactly `size` bytes (empty: a file that parses to nothing).
      const text = size < 16 ? ' '.repeat(size) : `{"hostname":"${'a'.repeat(size - 16)}"}`.padEnd(size, ' ');
      writeFileSync(file, text);
      if (size < 16) {
        await assert.rejects(loadSpecFile(file), SpecError, `${size} bytes of spaces are not JSON`);
        continue;
      }
      const { data } = await loadSpecFile(file);
      assert.equal((data as { hostname: string }).hostname.length, size - 16, `${size} bytes`);
    }
    writeFileSync(join(dir, 'over.json'), ' '.repeat(MAX_SPEC_BYTES + 1));
    await assert.rejects(loadSpecFile(join(dir, 'over.json')), /larger than \d+ bytes/);
  });
});

test('alias expansion is bounded by the expanded size, not only by the number of aliases', () => {
  const big = 'x'.repeat(1024 * 1024);
  const text = `hostname: a\nwrite_files:\n  - {path: /a, content: &big "${big}"}\nruncmd: [*big, *big, *big, *big, *big]\n`;
  assert.throws(() => parseSpecText(text, 'spec.yaml'), (error) => error instanceof SpecError && /spec.yaml: expands to more than/.test(error.message));
  // A few small aliases are fine.
  assert.deepEqual(parseSpecText('a: &x [1, 2]\nb: *x\n', 'spec.yaml'), { a: [1, 2], b: [1, 2] });
});

test('deeply nested JSON and YAML are refused with a message, not a stack overflow', () => {
  const deep = `{"hostname": "a", "runcmd": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
  assert.throws(() => parseSpecText(deep, 'spec.json'), (error) => error instanceof SpecError && /nested more than \d+ levels/.test(error.message));
  assert.throws(() => parseSpecText(`runcmd: ${'['.repeat(100_000)}`, 'spec.yaml'), SpecError);
});
