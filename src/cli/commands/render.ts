/** `cloudseed render SPEC --out-dir DIR`: the seed's file tree as plain files, no image. */
import type { Command } from 'commander';
import { addSpecFlags } from '../options.js';
import type { CommonOptions } from '../report.js';
import type { SpecFlagOptions } from '../spec-input.js';

interface RenderOptions extends SpecFlagOptions, CommonOptions {
  outDir: string;
  force?: boolean;
  json?: boolean;
}

export function registerRender(program: Command): void {
  const command = program
    .command('render')
    .description('write the seed file tree to a directory (no image)')
    .argument('[spec]', 'spec file (YAML or JSON)')
    .requiredOption('--out-dir <dir>', 'directory to write the files to (must be empty unless --force)')
    .option('--force', 'write into a non-empty directory')
    .option('--json', 'print a JSON summary')
    .addHelpText(
      'after',
      `
Examples:
  $ cloudseed render examples/web01.yaml --out-dir seed/
  $ cloudseed render examples/configdrive.yaml --datasource configdrive --out-dir config-2/ --force`,
    );
  addSpecFlags(command).action(async (specPath: string | undefined, options: RenderOptions) => {
    const [{ renderSeed }, { writeTreeToDirectory }, { readSpecInput, withFlagIssues }, { reportRendered, seedOptionsFrom }] = await Promise.all([
      import('../../seed.js'),
      import('../../output/write-tree.js'),
      import('../spec-input.js'),
      import('../report.js'),
    ]);
    const { spec, baseDir } = await readSpecInput(specPath, options);
    const seed = await withFlagIssues(options, () => renderSeed(spec, { ...seedOptionsFrom(options), baseDir }));
    await writeTreeToDirectory(seed.files, options.outDir, { force: options.force });
    reportRendered(seed, options.outDir, options.json ?? false);
  });
}
