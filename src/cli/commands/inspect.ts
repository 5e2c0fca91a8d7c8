/** `cloudseed inspect IMAGE`: what any seed image holds (ours or another tool's), optionally extracted. */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { IoError } from '../../errors.js';
import { writeTreeToDirectory } from '../../output/write-tree.js';
import { readSeed } from '../../read/seed.js';

interface InspectOptions {
  json?: boolean;
  extract?: string;
  force?: boolean;
  debug?: boolean;
}

const TEXT_PREVIEW_FILES = /(^|\/)(meta-data|network-config|meta_data\.json|network_data\.json)$/;

export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description('show the filesystem, label, datasource and files of a seed image')
    .argument('<image>', 'iso9660 or vfat image file')
    .option('--json', 'print as JSON')
    .option('--extract <dir>', 'also write the files to a directory')
    .option('--force', 'extract into a non-empty directory')
    .option('--debug', 'print stack traces on errors')
    .action(async (imagePath: string, options: InspectOptions) => {
      const bytes = await readFile(imagePath).catch((error: NodeJS.ErrnoException) => {
        throw new IoError(`cannot read ${imagePath}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
      });
      const seed = readSeed(new Uint8Array(bytes));
      if (options.extract) await writeTreeToDirectory(seed.files, options.extract, { force: options.force });
      const files = [...seed.files].map(([path, content]) => ({ path, size: content.length }));
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ filesystem: seed.filesystem, label: seed.label, datasource: seed.datasource ?? null, files }, null, 2)}\n`);
        return;
      }
      process.stdout.write(`${imagePath}: ${seed.filesystem}, label '${seed.label}', ${seed.datasource ? `${seed.datasource} seed` : 'not a seed cloud-init would find'}\n`);
      for (const { path, size } of files) process.stdout.write(`  ${path} (${size} bytes)\n`);
      for (const [path, content] of seed.files) {
        if (TEXT_PREVIEW_FILES.test(path)) process.stdout.write(`\n--- ${path}\n${new TextDecoder().decode(content).trimEnd()}\n`);
      }
    });
}
