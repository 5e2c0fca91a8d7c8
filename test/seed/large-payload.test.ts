/**
 * Injected `source:` files (configdrive `files:`) are streamed from disk into the image: through the
 * built CLI a 300 MiB payload builds with a peak RSS well below the payload, and xorriso's
 * neighbours (7z, isoinfo) read back the very bytes. A source that changes between the checks and
 * the write fails clearly, with no image left behind. The payload files are sparse (truncate) with
 * a few islands of random bytes, so they cost little disk and a shifted or dropped chunk shows.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, closeSync, openSync, readdirSync, readFileSync, statSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SourceFile } from '../../src/common/file-tree.js';
import { SpecError } from '../../src/errors.js';
import { readSourceChunks, SOURCE_CHUNK_BYTES } from '../../src/input/source-file-reader.js';
import { writeFileAtomic } from '../../src/output/atomic-write.js';
import { beginInstanceId, deriveInstanceId, type InstanceIdDigest, PENDING_INSTANCE_ID } from '../../src/parse/instance-id.js';
import { buildSeed, renderSeed, streamSeed } from '../../src/seed.js';
import { writeSeed } from '../../src/write-seed.js';
import { cliCommand } from '../helpers/cli.js';
import { runTool, withTempDir } from '../helpers/tools.js';

const MiB = 1024 * 1024;
const PAYLOAD = 300 * MiB;

/** A sparse file of `size` bytes with random islands at the start, across a chunk boundary and at the end. */
function writeSparsePayload(path: string, size: number): void {
  const fd = openSync(path, 'w');
  try {
    const islands = [0, SOURCE_CHUNK_BYTES * 7 - 100, Math.floor(size / 2) + 12345, size - 777].filter((offset) => offset < size);
    for (const offset of islands) writeSync(fd, randomBytes(Math.min(MiB, size - offset)), 0, undefined, offset);
  } finally {
    closeSync(fd);
  }
  truncateSync(path, size);
}

function writeSpec(dir: string, files: ReadonlyArray<readonly [string, string]>, extra = ''): string {
  const entries = files.map(([path, source]) => `  - {path: ${path}, source: ./${source}}`).join('\n');
  const spec = join(dir, 'spec.yaml');
  appendFileSync(spec, `hostname: big\ndatasource: configdrive\n${extra}files:\n${entries}\n`);
  return spec;
}

/** Runs a shell command line under GNU time; returns the exit status, stderr and the peak RSS in bytes. */
function timed(commandLine: string, cwd: string): { status: number; stderr: string; peakRss: number } {
  const result = spawnSync('/usr/bin/time', ['-v', 'sh', '-c', commandLine], { cwd, encoding: 'utf8' });
  const kib = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr);
  assert.ok(kib, `GNU time reported no peak RSS:\n${result.stderr}`);
  return { status: result.status ?? 128, stderr: result.stderr, peakRss: Number(kib[1]) * 1024 };
}

const quote = (word: string): string => `'${word.replaceAll("'", `'\\''`)}'`;

/** 7z and isoinfo each stream the file out of the image; cmp compares it with the payload. */
function assertImageHolds(image: string, imagePath: string, payload: string): void {
  runTool('sh', ['-c', `7z x -so ${quote(image)} ${quote(imagePath)} | cmp - ${quote(payload)}`]);
  runTool('sh', ['-c', `isoinfo -R -i ${quote(image)} -x ${quote(`/${imagePath}`)} | cmp - ${quote(payload)}`]);
}

test('build -o FILE and -o - stream a 300 MiB injected file: peak RSS well below the payload, the bytes read back intact', async () => {
  await withTempDir(async (dir) => {
    writeSparsePayload(join(dir, 'big.bin'), PAYLOAD);
    appendFileSync(join(dir, 'small.txt'), 'small\n');
    writeSpec(dir, [
      ['/srv/big.bin', 'big.bin'],
      ['/etc/small.txt', 'small.txt'],
    ]);
    const cli = cliCommand([]).map(quote).join(' ');
    const toFile = timed(`${cli} build spec.yaml -o out.iso`, dir);
    assert.equal(toFile.status, 0, toFile.stderr);
    // Node itself takes some tens of MiB; holding the payload (or the image) would take 300 more.
    assert.ok(toFile.peakRss < PAYLOAD / 2, `peak RSS ${toFile.peakRss} bytes for a ${PAYLOAD}-byte payload`);
    assert.ok(statSync(join(dir, 'out.iso')).size > PAYLOAD);
    assertImageHolds(join(dir, 'out.iso'), 'openstack/content/0000', join(dir, 'big.bin'));
    assertImageHolds(join(dir, 'out.iso'), 'openstack/content/0001', join(dir, 'small.txt'));

    const toPipe = timed(`${cli} build spec.yaml -o - | cat > piped.iso`, dir);
    assert.equal(toPipe.status, 0, toPipe.stderr);
    assert.ok(toPipe.peakRss < PAYLOAD / 2, `peak RSS ${toPipe.peakRss} bytes with -o -`);
    runTool('cmp', [join(dir, 'out.iso'), join(dir, 'piped.iso')]);
  });
});

test('the derived instance-id of a source file equals the one of the same bytes in memory, at every chunk boundary', async () => {
  await withTempDir(async (dir) => {
    for (const size of [0, 1, 2, 3, SOURCE_CHUNK_BYTES - 1, SOURCE_CHUNK_BYTES, SOURCE_CHUNK_BYTES + 1, 2 * SOURCE_CHUNK_BYTES + 2]) {
      const path = join(dir, `f${size}`);
      const bytes = new Uint8Array(randomBytes(size));
      appendFileSync(path, bytes);
      const info = statSync(path);
      const source = new SourceFile('files[0].source', path, path, size, { dev: info.dev, ino: info.ino, mtimeMs: info.mtimeMs });
      const identity = (content: unknown) => ({ hostname: 'h', files: [{ path: '/a', content }, { path: '/b', content: new Uint8Array([1]) }] });
      assert.equal(deriveInstanceId(identity(source)), deriveInstanceId(identity(bytes)), `size ${size}`);
    }
  });
});

/**
 * writeSeed reads an injected file once, hashing the derived instance-id while the image is
 * written, then rewrites the files that carry the id: the image and the id must be those of the
 * same spec built in memory (buildSeed, which hashes first). The second user-data part holds the
 * MIME boundary the pending id would seed, so user_data changes size once the id is known and the
 * whole image is written again.
 */
test('writeSeed with a derived instance-id gives the image and id of buildSeed (configdrive, ovirt; files rewritten in place or the whole image)', async () => {
  await withTempDir(async (dir) => {
    writeSparsePayload(join(dir, 'a.bin'), 3 * SOURCE_CHUNK_BYTES + 5);
    writeSparsePayload(join(dir, 'b.bin'), SOURCE_CHUNK_BYTES - 1);
    appendFileSync(join(dir, 'empty.bin'), '');
    const pendingBoundary = `--cloudseed-${createHash('sha256').update(PENDING_INSTANCE_ID).digest('hex').slice(0, 32)}`;
    const files = [
      { path: '/srv/a.bin', source: './a.bin' },
      { path: '/etc/inline.txt', content: 'inline\n' },
      { path: '/srv/empty.bin', source: './empty.bin' },
      { path: '/srv/b.bin', source: './b.bin' },
    ];
    const parts = [
      [{ content: '#!/bin/sh\necho hi\n' }],
      [{ content: `#!/bin/sh\n# ${pendingBoundary}\n` }],
    ];
    for (const datasource of ['configdrive', 'ovirt']) {
      for (const [index, userParts] of [[], ...parts].entries()) {
        const spec = { hostname: 'big', datasource, files, ...(userParts.length > 0 ? { user_data: { parts: userParts } } : {}) };
        const path = join(dir, `${datasource}-${index}.iso`);
        const written = await writeSeed(spec, path, { baseDir: dir });
        const built = await buildSeed(spec, { baseDir: dir });
        assert.equal(written.instanceId, built.instanceId, `${datasource}, case ${index}`);
        assert.equal(written.instanceIdDerived, true);
        assert.equal(written.size, built.image.length);
        assert.ok(Buffer.from(readFileSync(path)).equals(built.image), `${datasource}, case ${index}: same image bytes`);
        assert.equal(written.model.instanceId, built.instanceId);
      }
    }
  });
});

/** Over the size from which InstanceIdDigest hashes on a worker thread (THREAD_MIN_BYTES, 64 MiB). */
const THREADED = 64 * MiB + 5;

/** A checked source file, as resolve-sources would give it for `field`. */
function sourceFile(field: string, path: string): SourceFile {
  const info = statSync(path);
  return new SourceFile(field, path, path, info.size, { dev: info.dev, ino: info.ino, mtimeMs: info.mtimeMs });
}

test('writeSeed hashes a payload over 64 MiB on a worker thread: the image and id of buildSeed', async () => {
  await withTempDir(async (dir) => {
    writeSparsePayload(join(dir, 'a.bin'), THREADED);
    writeSparsePayload(join(dir, 'b.bin'), 2 * SOURCE_CHUNK_BYTES + 1);
    appendFileSync(join(dir, 'empty.bin'), '');
    const files = [
      { path: '/srv/a.bin', source: './a.bin' },
      { path: '/srv/empty.bin', source: './empty.bin' },
      { path: '/etc/inline.txt', content: 'inline\n' },
      { path: '/srv/b.bin', source: './b.bin' },
    ];
    for (const datasource of ['configdrive', 'ovirt']) {
      const spec = { hostname: 'big', datasource, files };
      const path = join(dir, `${datasource}.iso`);
      const written = await writeSeed(spec, path, { baseDir: dir });
      const built = await buildSeed(spec, { baseDir: dir });
      assert.equal(written.instanceId, built.instanceId, datasource);
      assert.ok(Buffer.from(readFileSync(path)).equals(built.image), `${datasource}: same image bytes`);
    }
  });
});

test('on the worker thread, the id is the one of the bytes in memory; files read out of order or not at all are hashed by finish', async () => {
  await withTempDir(async (dir) => {
    writeSparsePayload(join(dir, 'a.bin'), THREADED);
    writeSparsePayload(join(dir, 'b.bin'), SOURCE_CHUNK_BYTES + 2);
    appendFileSync(join(dir, 'empty.bin'), '');
    const names = ['a.bin', 'empty.bin', 'b.bin'];
    const identity = (contents: readonly unknown[]) => ({ hostname: 'h', files: contents.map((content, index) => ({ path: `/${index}`, content })) });
    const expected = deriveInstanceId(identity(names.map((name) => new Uint8Array(readFileSync(join(dir, name))))));
    for (const order of [[0, 1, 2], [2, 0], [1], []]) {
      const sources = names.map((name, index) => sourceFile(`files[${index}].source`, join(dir, name)));
      const digest = beginInstanceId(identity(sources), true) as InstanceIdDigest;
      await digest.hashOnThread();
      for (const index of order) {
        const read = [...digest.read(sources[index]!)].reduce((total, chunk) => total + chunk.length, 0);
        assert.equal(read, sources[index]!.size);
      }
      assert.equal(digest.finish(), expected, `read ${order.join(', ')}`);
      await digest.close();
    }
  });
});

test('on the worker thread, chunks are read into its shared slots; a source that shrinks fails the read and the thread ends', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'a.bin');
    writeSparsePayload(path, THREADED);
    const source = sourceFile('files[0].source', path);
    const digest = beginInstanceId({ hostname: 'h', files: [{ path: '/a', content: source }] }, true) as InstanceIdDigest;
    await digest.hashOnThread();
    const chunks = digest.read(source);
    const first = chunks.next();
    assert.ok(!first.done && first.value.buffer instanceof SharedArrayBuffer, 'the chunk lies in the memory the thread shares');
    truncateSync(path, SOURCE_CHUNK_BYTES * 8);
    assert.throws(() => [...chunks], (error: unknown) => error instanceof SpecError && error.issues[0]?.path === 'files[0].source' && /shrank while it was read/.test(error.issues[0].message));
    // Resolves once the worker has stopped: a thread left waiting would keep this test from ending.
    await digest.close();
  });
});

/** A spec whose injected file is checked by streamSeed, then changed by `change` before the image is written. */
async function writeAfterChange(change: (payload: string) => void): Promise<void> {
  await withTempDir(async (dir) => {
    const payload = join(dir, 'payload.bin');
    writeSparsePayload(payload, 3 * SOURCE_CHUNK_BYTES + 5);
    writeSpec(dir, [['/srv/payload.bin', 'payload.bin']]);
    const seed = await streamSeed({ hostname: 'big', datasource: 'configdrive', files: [{ path: '/srv/payload.bin', source: './payload.bin' }] }, { baseDir: dir });
    change(payload);
    await assert.rejects(writeFileAtomic(join(dir, 'out.iso'), seed.chunks), (error: unknown) => {
      assert.ok(error instanceof SpecError, String(error));
      assert.equal(error.issues[0]?.path, 'files[0].source');
      assert.match(error.issues[0]!.message, /payload\.bin .*(changed|replaced|modified)/);
      return true;
    });
    assert.deepEqual(readdirSync(dir).sort(), ['payload.bin', 'spec.yaml'], 'no image and no temp file is left');
  });
}

test('a source file that grew, shrank or was replaced after it was checked fails the write, naming the field', async () => {
  await writeAfterChange((payload) => appendFileSync(payload, 'more'));
  await writeAfterChange((payload) => truncateSync(payload, 10));
  await writeAfterChange((payload) => {
    const size = statSync(payload).size;
    spawnSync('sh', ['-c', `head -c ${size} /dev/zero > ${quote(`${payload}.new`)} && mv ${quote(`${payload}.new`)} ${quote(payload)}`]);
  });
});

test('a source file that grows or shrinks while it is read stops the reader, naming the field', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'payload.bin');
    const read = (change: () => void): void => {
      writeSparsePayload(path, 3 * SOURCE_CHUNK_BYTES);
      const info = statSync(path);
      const source = new SourceFile('files[2].source', './payload.bin', path, info.size, { dev: info.dev, ino: info.ino, mtimeMs: info.mtimeMs });
      const chunks = readSourceChunks(source);
      chunks.next();
      change();
      assert.throws(() => [...chunks], (error: unknown) => error instanceof SpecError && error.issues[0]?.path === 'files[2].source' && /(grew|shrank) while it was read/.test(error.issues[0].message));
    };
    read(() => appendFileSync(path, 'more'));
    read(() => truncateSync(path, SOURCE_CHUNK_BYTES + 1));
  });
});

test('buildSeed and renderSeed, which hold the files in memory, refuse a payload over 1 GiB and name the field', async () => {
  await withTempDir(async (dir) => {
    appendFileSync(join(dir, 'huge.bin'), '');
    truncateSync(join(dir, 'huge.bin'), 2 ** 30 + 1);
    const spec = { hostname: 'big', instance_id: 'i-1', datasource: 'configdrive', files: [{ path: '/srv/huge.bin', source: './huge.bin' }] };
    await assert.rejects(buildSeed(spec, { baseDir: dir }), (error: unknown) => {
      assert.ok(error instanceof SpecError, String(error));
      assert.equal(error.issues[0]?.path, 'files[0].source');
      assert.match(error.issues[0]!.message, /that buildSeed and batch can hold in memory: .*writeSeed/);
      return true;
    });
    await assert.rejects(renderSeed(spec, { baseDir: dir }), (error: unknown) => {
      assert.ok(error instanceof SpecError, String(error));
      assert.equal(error.issues[0]?.path, 'files[0].source');
      assert.match(error.issues[0]!.message, /over the 1073741824 \(1 GiB\) that renderSeed, render, export and serve can hold in memory/);
      return true;
    });
  });
});
