/**
 * `cloudseed batch GLOB... --out-dir DIR`: many specs -> many images, N at a time. Every spec is
 * tried; failures are listed at the end and make the exit code non-zero, successes are kept.
 */
import { basename, extname, join } from 'node:path';
import { Option, type Command } from 'commander';
import fg from 'fast-glob';
import { UsageError } from '../../errors.js';
import { writeFileAtomic } from '../../output/atomic-write.js';
import { buildSeed } from '../../seed.js';
import { loadSpecFile } from '../../spec/load.js';
import { describeFailure, EXIT_INVALID_INPUT } from '../exit-codes.js';
import { seedOptionsFrom, type CommonOptions } from '../report.js';

interface BatchOptions extends CommonOptions {
  outDir: string;
  jobs: string;
  fs?: 'iso9660' | 'vfat';
  writer?: 'native' | 'xorriso';
  force?: boolean;
  json?: boolean;
}

interface BatchResult {
  spec: string;
  output?: string;
  instance_id?: string;
  error?: string;
  code: number;
}

export function registerBatch(program: Command): void {
  program
    .command('batch')
    .description('build one image per spec file')
    .argument('<glob...>', 'spec files or glob patterns (e.g. "specs/*.yaml")')
    .requiredOption('--out-dir <dir>', 'folder for the images (<spec name>.iso / .img)')
    .option('--jobs <n>', 'specs built at once', '4')
    .addOption(new Option('--datasource <name>', 'datasource for every spec').choices(['nocloud', 'configdrive', 'ovirt']))
    .addOption(new Option('--fs <filesystem>', 'image filesystem').choices(['iso9660', 'vfat']))
    .addOption(new Option('--writer <writer>', 'image writer').choices(['native', 'xorriso']))
    .option('--salt-seed <seed>', 'derive password salts from this seed')
    .option('--force', 'replace existing images')
    .option('--json', 'print results as JSON')
    .option('--debug', 'print stack traces on errors')
    .action(async (patterns: string[], options: BatchOptions) => {
      const jobs = Number(options.jobs);
      if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a positive integer, not '${options.jobs}'`);
      const specs = (await fg(patterns, { onlyFiles: true, unique: true })).sort();
      if (specs.length === 0) throw new UsageError(`no spec files match ${patterns.join(' ')}`);
      const results: BatchResult[] = new Array(specs.length);
      let next = 0;
      const buildOne = async (spec: string): Promise<BatchResult> => {
        try {
          const { data, baseDir } = await loadSpecFile(spec);
          const seed = await buildSeed(data, { ...seedOptionsFrom(options), baseDir, filesystem: options.fs, writer: options.writer });
          const output = join(options.outDir, `${basename(spec, extname(spec))}.${seed.model.image.filesystem === 'vfat' ? 'img' : 'iso'}`);
          await writeFileAtomic(output, seed.image, { force: options.force });
          return { spec, output, instance_id: seed.instanceId, code: 0 };
        } catch (error) {
          const failure = describeFailure(error, options.debug ?? false);
          return { spec, error: failure.message, code: failure.code };
        }
      };
      await Promise.all(
        Array.from({ length: Math.min(jobs, specs.length) }, async () => {
          while (next < specs.length) {
            const index = next++;
            results[index] = await buildOne(specs[index]!);
          }
        }),
      );
      if (options.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
      else {
        for (const r of results) {
          if (r.code === 0) process.stdout.write(`${r.spec} -> ${r.output} (instance-id ${r.instance_id})\n`);
          else process.stderr.write(`${r.spec}: ${r.error}\n`);
        }
      }
      const worst = Math.max(...results.map((r) => r.code));
      if (worst !== 0) process.exitCode = results.some((r) => r.code === EXIT_INVALID_INPUT) ? EXIT_INVALID_INPUT : worst;
    });
}
