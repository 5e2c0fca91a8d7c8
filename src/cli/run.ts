/**
 * The `cloudseed` command line as a function: `run(argv, io)` maps flags to library calls and
 * errors to exit codes, nothing more. Start-up time is part of the product (scripts call us once
 * per VM): this module loads only commander, a command line loads the modules of the commands it
 * needs (see commandsToRegister), and each command imports the pipeline when it runs.
 */
import { Command, CommanderError, Option } from 'commander';
import { EXIT_USAGE, describeFailure } from './exit-codes.js';
import { beginRun, type CliIo, configureTerminal, exitCode, fail } from './terminal.js';
import { VERSION, asksOnlyVersion } from './version.js';

type Register = (program: Command) => void;

/**
 * Every command, in the order `--help` lists them, as a loader of its module: a bundled command
 * module is a chunk of its own, read only by the command lines that need it.
 */
const COMMANDS = {
  build: async () => (await import('./commands/build.js')).registerBuild,
  render: async () => (await import('./commands/render.js')).registerRender,
  export: async () => (await import('./commands/export.js')).registerExport,
  validate: async () => (await import('./commands/validate.js')).registerValidate,
  inspect: async () => (await import('./commands/inspect.js')).registerInspect,
  edit: async () => (await import('./commands/edit.js')).registerEdit,
  batch: async () => (await import('./commands/batch.js')).registerBatch,
  init: async () => (await import('./commands/init.js')).registerInit,
  'libvirt-xml': async () => (await import('./commands/libvirt-xml.js')).registerLibvirtXml,
  serve: async () => (await import('./commands/serve.js')).registerServe,
  localds: async () => (await import('./commands/localds.js')).registerLocalds,
  // Last: it walks the commands registered above, so the completions cannot drift from them.
  completion: async () => (await import('./commands/completion.js')).registerCompletion,
} as const satisfies Record<string, () => Promise<Register>>;

type CommandName = keyof typeof COMMANDS;

/**
 * The commands a command line needs registered: the one it names, none for a bare `--version`
 * (commander prints it while it reads the options, before it looks at commands), or all of them
 * when it names none (`--help`), `help`, `completion` (which lists the others) or an unknown word
 * (which commander answers with the closest names). Loading and setting up the other commands is
 * start-up time a one-shot `cloudseed build` would otherwise pay for nothing.
 */
export function commandsToRegister(argv: readonly string[]): readonly CommandName[] {
  if (asksOnlyVersion(argv)) return [];
  const word = commandWord(argv);
  const all = Object.keys(COMMANDS) as CommandName[];
  if (word === undefined || word === 'completion' || !Object.hasOwn(COMMANDS, word)) return all;
  return [word as CommandName];
}

interface GlobalOptions {
  quiet?: boolean;
  verbose?: boolean;
  color: boolean;
}

async function createProgram(io: CliIo, argv: readonly string[]): Promise<Command> {
  const program = new Command('cloudseed')
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .description('Build cloud-init seed images (NoCloud cidata, OpenStack config-2, oVirt Run Once) as iso9660 or vfat.')
    .version(VERSION, '-V, --version', 'print the version')
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
  const names = commandsToRegister(argv);
  // Loaded together, registered in COMMANDS's order: --help lists them in it.
  const registers = await Promise.all(names.map((name) => COMMANDS[name]()));
  for (const register of registers) register(program);
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

let running = false;

/**
 * Runs one command line and answers its exit code; what it prints goes to `io`. The bin
 * (main.ts) calls it with the process's streams; tests call it in-process. One run at a time:
 * the terminal settings and the exit code are the run's, held by the terminal module.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  if (running) throw new Error('cloudseed run() is already running in this process');
  running = true;
  beginRun(io);
  try {
    const program = await createProgram(io, argv);
    // cloud-localds's -V means --vendor-data: after `localds`, options belong to it, not to the
    // global -V/--version (other commands keep taking global options anywhere).
    if (commandWord(argv) === 'localds') program.enablePositionalOptions();
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode();
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version "fail" with exit code 0; real usage errors were already printed.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    const failure = describeFailure(error, argv.includes('--debug'));
    fail(failure.message);
    return failure.code;
  } finally {
    running = false;
  }
}
