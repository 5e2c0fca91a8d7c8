/**
 * Where `build -o` may write: not a folder, a device node, a FIFO or a socket (the rename would
 * replace it); `-o ''` is a usage error; `-o -` refuses a terminal unless forced and turns a full
 * disk or a closed pipe into a one-line I/O error; temp files of killed builds are cleaned up; a
 * signal during the file steps is not lost.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cliCommand, runCli } from '../helpers/cli.js';
import { withTempDir } from '../helpers/tools.js';

const SPEC = 'hostname: a\n';

function withSpec(body: (dir: string) => Promise<void>): Promise<void> {
  return withTempDir(async (dir) => {
    writeFileSync(join(dir, 'spec.yaml'), SPEC);
    await body(dir);
  });
}

function assertOneLine(stderr: string): void {
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
  assert.equal(stderr.trim().split('\n').length, 1, stderr);
}

test("-o '' is a usage error (exit 2)", async () => {
  await withSpec(async (dir) => {
    const result = await runCli(['build', 'spec.yaml', '-o', ''], { cwd: dir });
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /-o needs a file name/);
    assert.deepEqual(readdirSync(dir), ['spec.yaml']);
  });
});

test('-o DIR --force says the target is a directory', async () => {
  await withSpec(async (dir) => {
    mkdirSync(join(dir, 'out'));
    for (const force of [['--force'], []]) {
      const result = await runCli(['build', 'spec.yaml', '-o', 'out', ...force], { cwd: dir });
      assert.equal(result.status, 3, result.stderr);
      assert.match(result.stderr, /cannot write out: it is a directory/);
      assert.doesNotMatch(result.stderr, /EISDIR|rename/);
      assert.deepEqual(readdirSync(dir).sort(), ['out', 'spec.yaml']);
    }
  });
});

test('build -o refuses a character device, a FIFO, a socket and a link to a device, even with --force', async () => {
  await withSpec(async (dir) => {
    const made = spawnSync('sh', ['-c', 'mknod chr c 1 3 && mkfifo fifo && python3 -c "import socket; socket.socket(socket.AF_UNIX).bind(\'sock\')" && ln -s chr link'], { cwd: dir });
    assert.equal(made.status, 0, String(made.stderr));
    const expected = { chr: /is a device node/, fifo: /is a FIFO/, sock: /is a socket/, link: /is a symbolic link to a device node/ };
    for (const [name, pattern] of Object.entries(expected)) {
      const result = await runCli(['build', 'spec.yaml', '-o', name, '--force'], { cwd: dir });
      assert.equal(result.status, 3, `${name}: ${result.stderr}`);
      assert.match(result.stderr, pattern);
      assertOneLine(result.stderr);
    }
    assert.ok(lstatSync(join(dir, 'chr')).isCharacterDevice(), 'the device node is still there');
    assert.ok(lstatSync(join(dir, 'fifo')).isFIFO());
    assert.ok(lstatSync(join(dir, 'link')).isSymbolicLink());
    assert.equal(readdirSync(dir).filter((name) => name.endsWith('.tmp')).length, 0);
  });
});

test('build -o over a symlink to a file replaces the link, never the file it points to', async () => {
  await withSpec(async (dir) => {
    writeFileSync(join(dir, 'victim'), 'keep me');
    symlinkSync('victim', join(dir, 'seed.iso'));
    const result = await runCli(['build', 'spec.yaml', '-o', 'seed.iso', '--force'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    assert.ok(lstatSync(join(dir, 'seed.iso')).isFile());
    assert.equal(statSync(join(dir, 'victim')).size, 'keep me'.length);
  });
});

test('-o - into a full disk exits 3 with one line', async () => {
  await withSpec(async (dir) => {
    const [node, ...args] = cliCommand(['build', 'spec.yaml', '-o', '-']);
    const result = spawnSync('sh', ['-c', '"$@" > /dev/full', 'sh', node!, ...args], { cwd: dir, encoding: 'utf8' });
    assert.equal(result.status, 3, result.stderr);
    assert.match(result.stderr, /cannot write to stdout: no space left on device/);
    assertOneLine(result.stderr);
  });
});

test('-o - into a closed pipe exits 3 with one line', async () => {
  await withSpec(async (dir) => {
    const [node, ...args] = cliCommand(['build', 'spec.yaml', '-o', '-']);
    // The reader exits at once; the build's status is saved before the pipeline ends.
    const script = '{ "$@"; echo $? > status; } 2> stderr | true';
    spawnSync('bash', ['-c', script, 'bash', node!, ...args], { cwd: dir });
    const stderr = readFileSync(join(dir, 'stderr'), 'utf8');
    const status = readFileSync(join(dir, 'status'), 'utf8').trim();
    assert.equal(status, '3', stderr);
    assert.match(stderr, /cannot write to stdout: the reading end of the pipe was closed/);
    assertOneLine(stderr);
  });
});

test('text for a reader that went away (--help | head -1): exit 141 as SIGPIPE gives, no stack trace; a full disk: exit 3, one line', async () => {
  await withSpec(async (dir) => {
    const [node, ...args] = cliCommand(['build', '--help']);
    const script = '{ "$@"; echo $? > status; } 2> stderr | true';
    spawnSync('bash', ['-c', script, 'bash', node!, ...args], { cwd: dir });
    assert.equal(readFileSync(join(dir, 'status'), 'utf8').trim(), '141');
    assert.equal(readFileSync(join(dir, 'stderr'), 'utf8'), '');
    const full = spawnSync('sh', ['-c', '"$@" > /dev/full', 'sh', node!, ...args], { cwd: dir, encoding: 'utf8' });
    assert.equal(full.status, 3, full.stderr);
    assert.match(full.stderr, /^cloudseed: cannot write to stdout: ENOSPC/);
    assertOneLine(full.stderr);
  });
});

test('-o - refuses a terminal unless --force', async () => {
  await withSpec(async (dir) => {
    const quoted = cliCommand(['build', 'spec.yaml', '-o', '-']).map((arg) => `'${arg}'`).join(' ');
    const refused = spawnSync('script', ['-qec', quoted, '/dev/null'], { cwd: dir, encoding: 'latin1' });
    assert.equal(refused.status, 2, refused.stdout);
    assert.match(refused.stdout, /refusing to write a binary image to a terminal/);
    assert.match(refused.stdout, /--force/);
    const forced = spawnSync('script', ['-qec', `${quoted} --force`, '/dev/null'], { cwd: dir, encoding: 'latin1' });
    assert.equal(forced.status, 0);
    assert.match(forced.stdout, /CD001/, 'the image went to the terminal');
  });
});

test('a temp file left by a killed build is removed by the next build to the same path; a live one is kept', async () => {
  await withSpec(async (dir) => {
    // PID 1 always runs; a PID above the kernel's maximum never does.
    const dead = join(dir, '.seed.iso.cloudseed-99999999-0a1b2c.tmp');
    const alive = join(dir, '.seed.iso.cloudseed-1-0a1b2c.tmp');
    const other = join(dir, '.other.iso.cloudseed-99999999-0a1b2c.tmp');
    for (const path of [dead, alive, other]) writeFileSync(path, 'partial');
    const result = await runCli(['build', 'spec.yaml', '-o', 'seed.iso'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(existsSync(dead), false);
    assert.equal(existsSync(alive), true);
    assert.equal(existsSync(other), true, 'only temp files of the same target are touched');
  });
});

test('a temp file of a build killed with SIGKILL is named after its process', async () => {
  await withSpec(async (dir) => {
    const [node, ...args] = cliCommand(['build', 'spec.yaml', '--fs', 'vfat', '--size', '64M', '-o', 'big.img']);
    const child = spawn(node!, args, { cwd: dir, stdio: 'ignore' });
    const temp = await new Promise<string | undefined>((resolve) => {
      const timer = setInterval(() => {
        const found = readdirSync(dir).find((name) => name.startsWith('.big.img.'));
        if (found !== undefined || child.exitCode !== null) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve(found);
        }
      }, 1);
    });
    await new Promise((resolve) => child.once('close', resolve));
    assert.ok(temp !== undefined && existsSync(join(dir, temp)), 'the build was killed while writing its temp file');
    assert.match(temp, new RegExp(`^\\.big\\.img\\.cloudseed-${child.pid}-[0-9a-f]+\\.tmp$`));
    const next = await runCli(['build', 'spec.yaml', '-o', 'big.img'], { cwd: dir });
    assert.equal(next.status, 0, next.stderr);
    assert.equal(existsSync(join(dir, temp)), false, 'the next build removed it');
  });
});

test('a signal during the file steps ends the build with 128+signal and no success report', async () => {
  await withSpec(async (dir) => {
    const [node, ...args] = cliCommand(['build', 'spec.yaml', '--fs', 'vfat', '--size', '64M', '-o', 'big.img']);
    const child = spawn(node!, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const signalled = await new Promise<boolean>((resolve) => {
      const timer = setInterval(() => {
        if (readdirSync(dir).some((name) => name.startsWith('.big.img.'))) {
          clearInterval(timer);
          resolve(child.kill('SIGTERM'));
        } else if (child.exitCode !== null) {
          clearInterval(timer);
          resolve(false);
        }
      }, 1);
    });
    const status = await new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    assert.ok(signalled, 'the temp file was seen before the build ended');
    assert.equal(status, 143, output);
    assert.doesNotMatch(output, /wrote big\.img/, 'a build stopped by a signal does not report success');
  });
});

test("export: -o '' is a usage error, and a binary target refuses a terminal unless --force", async () => {
  await withSpec(async (dir) => {
    const empty = await runCli(['export', 'spec.yaml', '--to', 'tar', '-o', ''], { cwd: dir });
    assert.equal(empty.status, 2, empty.stderr);
    assert.match(empty.stderr, /-o needs a file name/);
    const quoted = cliCommand(['export', 'spec.yaml', '--to', 'tar', '-o', '-']).map((arg) => `'${arg}'`).join(' ');
    const refused = spawnSync('script', ['-qec', quoted, '/dev/null'], { cwd: dir, encoding: 'latin1' });
    assert.equal(refused.status, 2, refused.stdout);
    assert.match(refused.stdout, /refusing to write a binary image to a terminal/);
    const full = spawnSync('sh', ['-c', '"$@" > /dev/full', 'sh', ...cliCommand(['export', 'spec.yaml', '--to', 'tar', '-o', '-'])], {
      cwd: dir,
      encoding: 'utf8',
    });
    assert.equal(full.status, 3, full.stderr);
    assertOneLine(full.stderr);
  });
});
