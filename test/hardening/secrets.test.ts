/**
 * Plain passwords never leave the process: for every datasource x filesystem, a password from the
 * spec, --password-file, --password-env and --password-prompt (typed on a pseudo-terminal) is
 * looked for in the image (raw bytes), in every file xorriso or mtools extract from it (base64
 * decoded too), on stdout and stderr, in --json output and on the terminal (no echo). Images are
 * created 0600, also when --force replaces a looser file.
 */
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cliCommand, mapWithLimit, runCli, type CliResult } from '../helpers/cli.js';
import { extractFatWithMtools, extractIsoWithXorriso } from '../helpers/images.js';
import { runTool, withTempDir } from '../helpers/tools.js';
import { findSecret, findSecretInFile } from './find-secret.js';

const PASSWORDS = {
  spec: 'SpecPw-4f9c2e7a1b6d',
  file: 'FilePw-8d3b6a0c5e2f',
  env: 'EnvPw-2a7e9c4f1d8b',
  prompt: 'PromptPw-6c1f8b3e9a4',
} as const;
const SECRETS = Object.values(PASSWORDS);
const DATASOURCES = ['nocloud', 'configdrive', 'ovirt'] as const;
const FILESYSTEMS = ['iso9660', 'vfat'] as const;
const SPEC = `hostname: web01\nusers:\n  - name: alice\n    password: ${PASSWORDS.spec}\n`;

type Source = 'file' | 'env' | 'prompt';
interface Build {
  readonly datasource: (typeof DATASOURCES)[number];
  readonly filesystem: (typeof FILESYSTEMS)[number];
  readonly source: Source;
}
interface Outcome {
  readonly status: number;
  readonly image: Uint8Array;
  readonly imagePath: string;
  /** Every stream the user sees: stdout (unless it carried the image), stderr, the terminal. */
  readonly streams: readonly string[];
}

function assertNoSecret(bytes: Uint8Array, where: string, find = findSecret): void {
  for (const secret of SECRETS) {
    const form = find(bytes, secret);
    assert.equal(form, undefined, `${where} holds the password ${secret} (${form})`);
  }
}

function extract(imagePath: string, filesystem: Build['filesystem'], dir: string): ReadonlyMap<string, Uint8Array> {
  return filesystem === 'iso9660' ? extractIsoWithXorriso(imagePath, dir) : extractFatWithMtools(imagePath, dir);
}

/** Types the prompt's password on a pseudo-terminal (test/hardening/prompt-pty.py). */
function runWithPrompt(args: readonly string[], cwd: string): { status: number; terminal: string; stdout: string } {
  const { stdout } = runTool(
    '/usr/bin/python3',
    [join(import.meta.dirname, 'prompt-pty.py'), 'Password: ', 'Again: ', '--', ...cliCommand(args)],
    { cwd, env: { ...process.env, PROMPT_PASSWORD: PASSWORDS.prompt } },
  );
  const result = JSON.parse(stdout) as { status: number; terminal: string; stdout: string };
  return { ...result, stdout: Buffer.from(result.stdout, 'base64').toString('utf8') };
}

async function runBuild(build: Build, dir: string): Promise<Outcome> {
  const name = `${build.datasource}-${build.filesystem}-${build.source}`;
  const imagePath = join(dir, `${name}.img`);
  const common = ['build', 'spec.yaml', '--datasource', build.datasource, '--fs', build.filesystem, '--user', 'bob'];
  if (build.source === 'prompt') {
    const result = runWithPrompt([...common, '--password-prompt', '-o', imagePath], dir);
    return { status: result.status, image: readFileSync(imagePath), imagePath, streams: [result.stdout, result.terminal] };
  }
  if (build.source === 'env') {
    // The image goes to stdout: the messages that then go to stderr are checked too.
    const result: CliResult = await runCli([...common, '--password-env', 'CLOUDSEED_TEST_PASSWORD', '-o', '-'], {
      cwd: dir,
      env: { CLOUDSEED_TEST_PASSWORD: PASSWORDS.env },
    });
    writeFileSync(imagePath, result.stdout);
    return { status: result.status, image: result.stdout, imagePath, streams: [result.stderr] };
  }
  const result = await runCli([...common, '--password-file', 'password.txt', '-o', imagePath, '--json'], { cwd: dir });
  return { status: result.status, image: readFileSync(imagePath), imagePath, streams: [result.stdout.toString(), result.stderr] };
}

const USER_DATA: Record<Build['datasource'], string> = {
  nocloud: 'user-data',
  configdrive: 'openstack/latest/user_data',
  ovirt: 'openstack/latest/user_data',
};

test('the secret finder sees every encoding it claims to', () => {
  const secret = PASSWORDS.spec;
  const planted = [
    Buffer.from(`x${secret}x`),
    Buffer.from(`..${secret}`, 'utf16le'),
    Buffer.from(`a${secret}`, 'utf16le').swap16(),
    ...[0, 1, 2].map((shift) => Buffer.from(Buffer.from(`${'z'.repeat(shift)}${secret}!`).toString('base64'))),
  ];
  for (const bytes of planted) assert.notEqual(findSecret(bytes, secret), undefined, bytes.toString('latin1'));
  const wrapped = Buffer.from(`${'q'.repeat(40)}${secret}`).toString('base64').replace(/(.{7})/g, '$1\n');
  assert.equal(findSecret(Buffer.from(wrapped), secret), undefined);
  assert.match(findSecretInFile(Buffer.from(`content: |\n${wrapped}\n`), secret) ?? '', /decoded base64/);
});

test('control: a password the spec asks to write in clear is found in the image and its files', async () => {
  await withTempDir(async (dir) => {
    const spec = `hostname: win01\ndatasource: configdrive\nwindows: {admin_pass_in_clear: true, admin_pass: ${PASSWORDS.spec}}\n`;
    writeFileSync(join(dir, 'spec.yaml'), spec);
    const result = await runCli(['build', 'spec.yaml', '--fs', 'vfat', '-o', 'win.img'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(findSecret(readFileSync(join(dir, 'win.img')), PASSWORDS.spec), 'utf-8');
    const files = extract(join(dir, 'win.img'), 'vfat', join(dir, 'extracted'));
    assert.equal(findSecretInFile(files.get('openstack/latest/meta_data.json')!, PASSWORDS.spec), 'utf-8');
  });
});

test('no plain password in any image, extracted file or output stream, for every datasource x filesystem x source', async () => {
  await withTempDir(async (dir) => {
    writeFileSync(join(dir, 'spec.yaml'), SPEC);
    writeFileSync(join(dir, 'password.txt'), `${PASSWORDS.file}\n`);
    const builds = DATASOURCES.flatMap((datasource) =>
      FILESYSTEMS.flatMap((filesystem) => (['file', 'env', 'prompt'] as const).map((source) => ({ datasource, filesystem, source }))),
    );
    const outcomes = await mapWithLimit(builds, 3, async (build) => [build, await runBuild(build, dir)] as const);
    for (const [build, outcome] of outcomes) {
      const where = `${build.datasource}/${build.filesystem}/--password-${build.source}`;
      assert.equal(outcome.status, 0, `${where}: ${outcome.streams.join('\n')}`);
      outcome.streams.forEach((stream, i) => {
        assertNoSecret(Buffer.from(stream), `${where}: output stream ${i}`);
      });
      assertNoSecret(outcome.image, `${where}: the image`);
      const files = extract(outcome.imagePath, build.filesystem, join(dir, `${where.replace(/\//g, '_')}-extracted`));
      assert.ok(files.size > 0, `${where}: nothing extracted`);
      for (const [path, content] of files) assertNoSecret(content, `${where}: ${path}`, findSecretInFile);
      const hashes = new Set(Buffer.from(files.get(USER_DATA[build.datasource])!).toString('utf8').match(/\$6\$[^\s"]+/g));
      assert.equal(hashes.size, 2, `${where}: alice's and bob's passwords are in the image as two SHA-512 hashes`);
    }
  });
});

test('render --out-dir and --json summaries hold no password either', async () => {
  await withTempDir(async (dir) => {
    writeFileSync(join(dir, 'spec.yaml'), SPEC);
    const result = await runCli(['render', 'spec.yaml', '--out-dir', 'tree', '--user', 'bob', '--password-env', 'PW', '--json'], {
      cwd: dir,
      env: { PW: PASSWORDS.env },
    });
    assert.equal(result.status, 0, result.stderr);
    assertNoSecret(result.stdout, 'render --json');
    assertNoSecret(Buffer.from(result.stderr), 'render stderr');
    assertNoSecret(readFileSync(join(dir, 'tree', 'user-data')), 'rendered user-data', findSecretInFile);
  });
});

test('images are created 0600, also when --force replaces a world-readable file', async () => {
  await withTempDir(async (dir) => {
    writeFileSync(join(dir, 'spec.yaml'), SPEC);
    const fresh = await runCli(['build', 'spec.yaml', '-o', 'fresh.iso'], { cwd: dir });
    assert.equal(fresh.status, 0, fresh.stderr);
    assert.equal(statSync(join(dir, 'fresh.iso')).mode & 0o777, 0o600);
    writeFileSync(join(dir, 'old.img'), 'old');
    chmodSync(join(dir, 'old.img'), 0o644);
    const forced = await runCli(['build', 'spec.yaml', '--fs', 'vfat', '-o', 'old.img', '--force'], { cwd: dir });
    assert.equal(forced.status, 0, forced.stderr);
    assert.equal(statSync(join(dir, 'old.img')).mode & 0o777, 0o600);
  });
});
