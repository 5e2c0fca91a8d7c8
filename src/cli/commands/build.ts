/** `cloudseed build [SPEC] -o OUT`: spec -> image file (or stdout). */
import { Option, type Command } from 'commander';
import { writeFileAtomic } from '../../output/atomic-write.js';
import { buildSeed } from '../../seed.js';
import { addSpecFlags } from '../options.js';
import { readSpecInput, type SpecFlagOptions } from '../spec-input.js';
import { reportBuilt, seedOptionsFrom, type CommonOptions } from '../report.js';

interface BuildOptions extends SpecFlagOptions, CommonOptions {
  output?: string;
  fs?: 'iso9660' | 'vfat';
  writer?: 'native' | 'xorriso';
  label?: string;
  size?: string;
  force?: boolean;
  json?: boolean;
}

export function registerBuild(program: Command): void {
  const command = program
    .command('build')
    .description('build a seed image from a spec file and/or flags')
    .argument('[spec]', 'spec file (YAML or JSON)')
    .option('-o, --output <file>', 'image file to write, or - for stdout (default: seed.iso, or seed.img for vfat)')
    .addOption(new Option('--fs <filesystem>', 'image filesystem').choices(['iso9660', 'vfat']))
    .addOption(new Option('--writer <writer>', 'image writer').choices(['native', 'xorriso']))
    .option('--label <label>', 'volume label (only labels cloud-init finds are accepted)')
    .option('--size <size>', 'fixed vfat image size, e.g. 1440K')
    .option('--force', 'replace an existing output file')
    .option('--json', 'print a JSON summary');
  addSpecFlags(command).action(async (specPath: string | undefined, options: BuildOptions) => {
    const { spec, baseDir } = await readSpecInput(specPath, options);
    const seed = await buildSeed(spec, {
      ...seedOptionsFrom(options),
      baseDir,
      filesystem: options.fs,
      writer: options.writer,
      label: options.label,
      size: options.size,
    });
    const output = options.output ?? (seed.model.image.filesystem === 'vfat' ? 'seed.img' : 'seed.iso');
    if (output === '-') {
      await new Promise<void>((resolve, reject) => process.stdout.write(seed.image, (error) => (error ? reject(error) : resolve())));
    } else {
      await writeFileAtomic(output, seed.image, { force: options.force });
    }
    reportBuilt(seed, output, options.json ?? false);
  });
}
