#!/usr/bin/env node
/** The `cloudseed` command: maps flags to library calls and errors to exit codes, nothing more. */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerBatch } from './commands/batch.js';
import { registerBuild } from './commands/build.js';
import { registerInspect } from './commands/inspect.js';
import { registerRender } from './commands/render.js';
import { registerValidate } from './commands/validate.js';
import { EXIT_USAGE, describeFailure } from './exit-codes.js';

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

export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('cloudseed')
    .description('Build cloud-init seed images (NoCloud cidata, OpenStack config-2, oVirt Run Once) as iso9660 or vfat.')
    .version(version)
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  registerBuild(program);
  registerRender(program);
  registerValidate(program);
  registerInspect(program);
  registerBatch(program);
  program.commands.forEach((command) => command.exitOverride());
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version "fail" with exit code 0; real usage errors were already printed.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    const failure = describeFailure(error, argv.includes('--debug'));
    process.stderr.write(`cloudseed: ${failure.message}\n`);
    return failure.code;
  }
}

exitOnSignal();
process.exitCode = await main(process.argv.slice(2));
