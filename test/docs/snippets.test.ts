/**
 * The shell snippets of README.md and docs/*.md are true: every `sh` block parses (bash -n), every
 * cloudseed command line names a real command and real options, and the QEMU drive options are the
 * ones the end-to-end suite boots its guest with.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { GuestImage } from '../e2e/guest-image.js';
import { buildQemuArgs, type SeedDrive } from '../e2e/qemu-args.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { runTool } from '../helpers/tools.js';

const DOCS = ['README.md', ...readdirSync(join(REPO_ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const read = (doc: string): string => readFileSync(join(REPO_ROOT, doc), 'utf8');

function shellBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```(?:sh|bash|shell)\n([\s\S]*?)^```/gm)].map((match) => match[1]!);
}

/** Every `cloudseed ...` command line: in sh blocks (continuations joined) and in inline code. */
function cloudseedCommands(markdown: string): string[] {
  const lines = shellBlocks(markdown).flatMap((block) => block.replace(/\\\n\s*/g, ' ').split('\n'));
  const inline = [...markdown.matchAll(/`((?:npx )?cloudseed [^`]+)`/g)].map((match) => match[1]!);
  // `npm install cloudseed` and `cloudseed <command> --help` name no command: nothing to check.
  return [...lines, ...inline]
    .flatMap((line) => [...line.matchAll(/(?:^|[\s(;&|])cloudseed\s+([^|;&<>)#]*)/g)].map((match) => match[1]!.trim()))
    .filter((command) => command !== '');
}

const helpCache = new Map<string, Promise<string>>();
function help(command: string | undefined): Promise<string> {
  const key = command ?? '';
  if (!helpCache.has(key)) helpCache.set(key, runCli(command === undefined ? ['--help'] : [command, '--help']).then((r) => r.stdout.toString()));
  return helpCache.get(key)!;
}

test('every sh block parses', () => {
  for (const doc of DOCS) {
    for (const block of shellBlocks(read(doc))) {
      const result = runTool('bash', ['-n'], { input: block, allowFailure: true });
      assert.equal(result.status, 0, `${doc}:\n${block}\n${result.stderr}`);
    }
  }
});

test('every cloudseed command line in the docs uses a real command and real options', async () => {
  const commands = (await help(undefined)).match(/^ {2}([a-z][\w-]*)/gm)!.map((name) => name.trim());
  for (const doc of DOCS) {
    for (const line of cloudseedCommands(read(doc))) {
      const words = line.split(/\s+/).map((word) => word.replace(/^["']|["']$/g, ''));
      const globals = words.findIndex((word) => !word.startsWith('-'));
      const command = words[globals];
      assert.ok(command !== undefined && commands.includes(command), `${doc}: unknown command in 'cloudseed ${line}'`);
      const commandHelp = await help(command);
      const globalHelp = await help(undefined);
      for (const [index, word] of words.entries()) {
        if (!/^--?[a-zA-Z]/.test(word)) continue;
        const option = word.split('=')[0]!;
        const known = new RegExp(`(^|[\\s,])${option.replace(/[-]/g, '\\-')}[\\s,]`, 'm');
        const where = index < globals ? globalHelp : commandHelp;
        assert.match(where, known, `${doc}: 'cloudseed ${line}': ${option} is not an option of ${index < globals ? 'cloudseed' : command}`);
      }
    }
  }
});

test('the QEMU drive options in the docs are the ones the e2e suite boots with', () => {
  const guest: GuestImage = { suite: 'bookworm', image: 'root.img', kernel: 'vmlinuz', initrd: 'initrd.img' };
  const driveFor = (seed: SeedDrive): string => {
    const args = buildQemuArgs({ guest, root: { kind: 'snapshot' }, seed, macs: [] }, { console: 'c.log', facts: 'f.log' }, 'tcg');
    return args.filter((_, index) => args[index - 1] === '-drive').find((drive) => drive.startsWith(`file=${seed.path},`))!;
  };
  const cdrom = `-drive ${driveFor({ path: 'seed.iso', attach: 'cdrom' })}`;
  const disk = `-drive ${driveFor({ path: 'seed.img', attach: 'disk' })}`;
  const integrations = read('docs/integrations.md');
  assert.ok(integrations.includes(cdrom), `docs/integrations.md lacks ${cdrom}`);
  assert.ok(integrations.includes(disk), `docs/integrations.md lacks ${disk}`);
  assert.ok(read('README.md').includes(cdrom), `README.md lacks ${cdrom}`);
});
