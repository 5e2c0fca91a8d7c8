/** `cloudseed build [SPEC] -o OUT`: spec -> image file (or stdout). */
import { FILESYSTEMS, type FilesystemName, WRITERS, type WriterName } from '../../common/choices.js';
import { Option, type Command } from 'commander';
import { addSpecFlags } from '../options.js';
import type { CommonOptions } from '../report.js';
import type { SpecFlagOptions } from '../spec-input.js';
import type { StreamedSeed } from '../../seed.js';

interface BuildOptions extends SpecFlagOptions, CommonOptions {
  output?: string;
  fs?: FilesystemName;
  writer?: WriterName;
  label?: string;
  size?: string;
  force?: boolean;
  json?: boolean;
}

/** The default output name follows the filesystem (flag over spec key), as the image will have it. */
function outputPath(options: BuildOptions, spec: unknown): string {
  if (options.output !== undefined) return options.output;
  const specFilesystem = spec !== null && typeof spec === 'object' ? (spec as { filesystem?: unknown }).filesystem : undefined;
  return (options.fs ?? specFilesystem) === 'vfat' ? 'seed.img' : 'seed.iso';
}

export function registerBuild(program: Command): void {
  const command = program
    .command('build')
    .description('build a seed image from a spec file and/or flags')
    .argument('[spec]', 'spec file (YAML or JSON)')
    .option('-o, --output <file>', 'image file to write, or - for stdout (default: seed.iso, or seed.img for vfat)')
    .addOption(new Option('--fs <filesystem>', 'image filesystem').choices(FILESYSTEMS))
    .addOption(new Option('--writer <writer>', 'image writer').choices(WRITERS))
    .option('--label <label>', 'volume label (only labels cloud-init finds are accepted)')
    .option('--size <size>', 'fixed vfat image size, e.g. 1440K')
    .option('--force', 'replace an existing output file; with -o -, write to a terminal')
    .option('--json', 'print a JSON summary')
    .addHelpText(
      'after',
      `
Examples:
  $ cloudseed build examples/web01.yaml -o seed.iso
  $ cloudseed build examples/web01.yaml --fs vfat -o seed.img
  $ cloudseed build --hostname vm1 --user admin --password-prompt --ssh-key ~/.ssh/id_ed25519.pub -o seed.iso
  $ cloudseed build --hostname vm1 --net eth0=10.0.0.5/24,gw=10.0.0.1,dns=10.0.0.1 -o seed.iso
  $ cloudseed build examples/configdrive.yaml --datasource configdrive -o config-2.iso
  $ cloudseed build spec.yaml -o - | ssh host 'cat > /var/lib/libvirt/images/seed.iso'`,
    );
  addSpecFlags(command).action(async (specPath: string | undefined, options: BuildOptions) => {
    const [
      { streamSeed },
      { writeSeed },
      { refuseExistingTarget },
      { readSpecInput, withFlagIssues },
      { reportBuilt, seedOptionsFrom },
      { checkOutputArgument, writeToStdout },
      { refuseUnsafeFileTarget },
    ] = await Promise.all([
      import('../../seed.js'),
      import('../../write-seed.js'),
      import('../../output/atomic-write.js'),
      import('../spec-input.js'),
      import('../report.js'),
      import('../stdout-output.js'),
      import('../../output/target-check.js'),
    ]);
    checkOutputArgument(options.output, { binary: true, force: options.force ?? false });
    // Before the password prompt: finding out afterwards that seed.iso exists wastes the typing.
    const checkOutput = (data: unknown): void => {
      const output = outputPath(options, data);
      if (output === '-') return;
      refuseUnsafeFileTarget(output);
      if (!options.force) refuseExistingTarget(output);
    };
    const { spec, baseDir } = await readSpecInput(specPath, options, checkOutput);
    const seedOptions = {
      ...seedOptionsFrom(options),
      baseDir,
      filesystem: options.fs,
      writer: options.writer,
      label: options.label,
      size: options.size,
    };
    const output = outputPath(options, spec);
    // The image is written as it is produced: injected source files stream from disk. A file
    // (writeSeed) can take the bytes that carry a derived instance-id last, so the files are read
    // once for both; stdout takes the bytes strictly in order, so the id is hashed first.
    const streamToStdout = async (): Promise<Omit<StreamedSeed, 'chunks'>> => {
      const { chunks, ...seed } = await withFlagIssues(options, () => streamSeed(spec, seedOptions));
      await writeToStdout(chunks);
      return seed;
    };
    const seed = output === '-' ? await streamToStdout() : await withFlagIssues(options, () => writeSeed(spec, output, { ...seedOptions, force: options.force }));
    reportBuilt(seed, output, options.json ?? false);
  });
}
