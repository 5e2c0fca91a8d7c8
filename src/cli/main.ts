#!/usr/bin/env node
/**
 * The `cloudseed` command: maps flags to library calls and errors to exit codes, nothing more.
 * Start-up time is part of the product (scripts call us once per VM): this module and the command
 * modules load only commander; each command imports the pipeline when it runs.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { registerBatch } from './commands/batch.js';
import { registerBuild } from './commands/build.js';
import { registerCompletion } from './commands/completion.js';
import { registerEdit } from './commands/edit.js';
import { registerExport } from './commands/export.js';
import { registerInit } from './commands/init.js';
import { registerInspect } from './commands/inspect.js';
import { registerLibvirtXml } from './commands/libvirt-xml.js';
import { registerLocalds } from './commands/localds.js';
import { registerRender } from './commands/render.js';
import { registerServe } from './commands/serve.js';
import { registerValidate } from './commands/validate.js';
import { EXIT_USAGE, describeFailure } from './exit-codes.js';
import { configureTerminal, fail } from './terminal.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * On Ctrl-C or a kill, exit with 128 + the signal number. No output can be half-written then:
 * src/output/atomic-write.ts makes its file steps run between two event-loop turns.
 */
function exitOnSignal(): void {
  for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]] as const) {
    process.on(signal, () => process.exit(128 + number));
  }
}

interface GlobalOptions {
  quiet?: boolean;
  verbose?: boolean;
  color: boolean;
}

function createProgram(): Command {
  const program = new Command('cloudseed')
    .description('Build cloud-init seed images (NoCloud cidata, OpenStack config-2, oVirt Run Once) as iso9660 or vfat.')
    .version(version, '-V, --version', 'print the version')
    .addOption(new Option('-q, --quiet', 'print only results, warnings and errors').conflicts('verbose'))
    .option('-v, --verbose', 'print extra detail on stderr')
    .option('--no-color', 'never colour the output (also: NO_COLOR=1)')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      `
Examples:
  $ cloudseed build examples/web01.yaml -o seed.iso
  $ cloudseed build --hostname vm1 --user admin --ssh-key ~/.ssh/id_ed25519.pub -o seed.iso
  $ cloudseed inspect seed.iso
  $ cloudseed edit seed.iso --hostname web02 -o web02.iso
  $ cloudseed export examples/web01.yaml --to qcow2 -o seed.qcow2
  $ cloudseed batch 'specs/**/*.yaml' --out-dir images/

Run 'cloudseed <command> --help' for a command's options and examples.`,
    )
    .hook('preAction', (root) => {
      const options = root.opts<GlobalOptions>();
      configureTerminal({ verbosity: options.quiet ? 'quiet' : options.verbose ? 'verbose' : 'normal', color: options.color });
    });
  registerBuild(program);
  registerRender(program);
  registerExport(program);
  registerValidate(program);
  registerInspect(program);
  registerEdit(program);
  registerBatch(program);
  registerInit(program);
  registerLibvirtXml(program);
  registerServe(program);
  registerLocalds(program);
  // Last: it walks the commands registered above, so the completions cannot drift from them.
  registerCompletion(program);
  program.exitOverride();
  program.commands.forEach((command) => {
    command.exitOverride();
  });
  return program;
}

/** The first word that is not one of the (value-less) global options: the command's name. */
function commandWord(argv: readonly string[]): string | undefined {
  return argv.find((arg) => !arg.startsWith('-'));
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = createProgram();
  // cloud-localds's -V means --vendor-data: after `localds`, options belong to it, not to the
  // global -V/--version (other commands keep taking global options anywhere).
  if (commandWord(argv) === 'localds') program.enablePositionalOptions();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version "fail" with exit code 0; real usage errors were already printed.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    const failure = describeFailure(error, argv.includes('--debug'));
    fail(failure.message);
    return failure.code;
  }
}

exitOnSignal();
process.exitCode = await main(process.argv.slice(2));
