/** `cloudseed completion bash|zsh`: scripts the shells accept, that complete what the CLI really has. */
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { runTool, withTempDir } from '../helpers/tools.js';

const TEMPLATE_NAMES = readdirSync(join(REPO_ROOT, 'templates')).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5));

async function script(shell: 'bash' | 'zsh', dir: string): Promise<string> {
  const result = await runCli(['completion', shell]);
  assert.equal(result.status, 0, result.stderr);
  const file = join(dir, `completion.${shell}`);
  writeFileSync(file, result.stdout);
  return file;
}

/** The commands `cloudseed --help` lists: the completion must offer exactly these. */
async function helpCommands(): Promise<string[]> {
  const help = (await runCli(['--help'])).stdout.toString();
  const section = help.slice(help.indexOf('Commands:'), help.indexOf('\n\n', help.indexOf('Commands:')));
  return [...section.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((match) => match[1]!).sort();
}

/** Runs the bash completion function on a command line (the last word is the one being completed). */
function completeBash(file: string, words: readonly string[]): string[] {
  const quoted = words.map((word) => `'${word}'`).join(' ');
  const body = `source '${file}'; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _cloudseed; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return runTool('bash', ['-c', body]).stdout.split('\n').filter(Boolean).sort();
}

test('the bash script parses, registers itself, and completes commands, options and their values', async () => {
  await withTempDir(async (dir) => {
    const file = await script('bash', dir);
    runTool('bash', ['-n', file]);
    assert.match(runTool('bash', ['-c', `source '${file}'; complete -p cloudseed`]).stdout, /-F _cloudseed cloudseed/);
    assert.deepEqual(completeBash(file, ['cloudseed', '']), await helpCommands());
    assert.deepEqual(completeBash(file, ['cloudseed', '--quiet', 'bu']), ['build']);
    assert.deepEqual(completeBash(file, ['cloudseed', 'build', '--data']), ['--datasource']);
    assert.deepEqual(completeBash(file, ['cloudseed', 'build', '--datasource', '']), ['configdrive', 'nocloud', 'ovirt']);
    assert.deepEqual(completeBash(file, ['cloudseed', 'build', 'x.yaml', '--fs', '']), ['iso9660', 'vfat']);
    assert.deepEqual(completeBash(file, ['cloudseed', 'init', '--template', '']), [...TEMPLATE_NAMES].sort());
    assert.deepEqual(completeBash(file, ['cloudseed', 'completion', '']), ['bash', 'zsh']);
    assert.deepEqual(completeBash(file, ['cloudseed', 'libvirt-xml', 'seed.iso', '--bus', 'v']), ['virtio']);
  });
});

test('every option of every command in --help is offered by the bash completion', async () => {
  await withTempDir(async (dir) => {
    const file = await script('bash', dir);
    for (const command of (await helpCommands()).filter((name) => name !== 'help')) {
      const help = (await runCli([command, '--help'])).stdout.toString();
      const options = [...help.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((match) => match[1]!);
      const offered = completeBash(file, ['cloudseed', command, '--']);
      for (const option of options) assert.ok(offered.includes(option), `${command} ${option} is not completed`);
    }
  });
});

test('the zsh script parses and registers _cloudseed with compinit', async () => {
  await withTempDir(async (dir) => {
    const file = await script('zsh', dir);
    runTool('zsh', ['-n', file]);
    const body = `autoload -U compinit && compinit -u -d '${join(dir, 'zcompdump')}'; source '${file}'; print -r -- $_comps[cloudseed]`;
    assert.equal(runTool('zsh', ['-f', '-c', body]).stdout.trim(), '_cloudseed');
  });
});

test('--json describes what the scripts complete: every command, its options and their choices', async () => {
  const result = await runCli(['completion', 'bash', '--json']);
  assert.equal(result.status, 0, result.stderr);
  const spec = JSON.parse(result.stdout.toString()) as {
    name: string;
    commands: { name: string; options: { names: string[]; value?: { kind: string; words?: string[] } }[] }[];
  };
  assert.equal(spec.name, 'cloudseed');
  const build = spec.commands.find((command) => command.name === 'build');
  assert.ok(build, 'build is described');
  assert.deepEqual(build.options.find((option) => option.names.includes('--fs'))?.value, { kind: 'words', words: ['iso9660', 'vfat'] });
  const init = spec.commands.find((command) => command.name === 'init');
  assert.ok(init?.options.find((option) => option.names.includes('--template'))?.value?.words?.includes('password-login'));
});
