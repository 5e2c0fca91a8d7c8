/**
 * `run` sets up only the command a command line names: the others' options cost start-up time;
 * the bin answers a bare `--version` without loading run() at all.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { commandsToRegister } from '../../src/cli/run.js';
import { runCli } from '../helpers/cli.js';

const ALL = ['build', 'render', 'export', 'validate', 'inspect', 'edit', 'batch', 'init', 'libvirt-xml', 'serve', 'localds', 'completion'];

test('a command line naming a command registers that command alone', () => {
  assert.deepEqual(commandsToRegister(['build', 'spec.yaml', '-o', 'seed.iso']), ['build']);
  assert.deepEqual(commandsToRegister(['-q', '--no-color', 'libvirt-xml', 'seed.iso']), ['libvirt-xml']);
  assert.deepEqual(commandsToRegister(['localds', '-V', 'vendor.yaml', 'seed.img', 'user-data']), ['localds']);
});

test('a bare --version registers no command: commander prints it before it looks at commands', () => {
  for (const argv of [['-V'], ['--version'], ['-q', '--no-color', '--version']]) assert.deepEqual(commandsToRegister(argv), [], argv.join(' '));
});

test('no command, help, completion or an unknown word registers every command', () => {
  for (const argv of [[], ['--help'], ['--version', '--help'], ['-V', 'biuld'], ['help', 'build'], ['completion', 'bash'], ['biuld', 'spec.yaml']]) {
    assert.deepEqual(commandsToRegister(argv), ALL, argv.join(' '));
  }
});

test('help and suggestions still see every command', async () => {
  const help = await runCli(['--help']);
  assert.equal(help.status, 0, help.stderr);
  for (const name of ALL) assert.match(help.stdout.toString(), new RegExp(`^  ${name}\\b`, 'm'), name);
  const typo = await runCli(['biuld', 'spec.yaml']);
  assert.equal(typo.status, 2);
  assert.match(typo.stderr, /Did you mean build\?/);
  const version = await runCli(['-q', '--version']);
  assert.equal(version.status, 0, version.stderr);
  assert.equal(version.stdout.toString(), `${JSON.parse(readFileSync('package.json', 'utf8')).version}\n`);
  const buildHelp = await runCli(['build', '--help']);
  assert.equal(buildHelp.status, 0, buildHelp.stderr);
  assert.match(buildHelp.stdout.toString(), /--output <file>/);
});

test('the bin answers a bare --version without run(), printing what run() prints', async () => {
  for (const argv of [['--version'], ['-V', '-q'], ['--no-color', '-v', '--version']]) {
    const inProcess = await runCli(argv);
    const bin = await runCli(argv, { spawn: true });
    assert.deepEqual({ ...bin, stdout: bin.stdout.toString() }, { ...inProcess, stdout: inProcess.stdout.toString() }, argv.join(' '));
    assert.equal(bin.status, 0);
  }
});
