/**
 * `cloudseed batch PATTERN... --out-dir DIR`: one image per spec file, built on a pool of threads
 * (src/batch). Every spec is validated before any image is written; --keep-going builds the valid
 * ones anyway. On a TTY a progress line is redrawn on stderr, otherwise one line per spec.
 */
import { DATASOURCES, type DatasourceName, FILESYSTEMS, type FilesystemName, WRITERS, type WriterName } from '../../common/choices.js';
import { Option, type Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { BatchEvent, BatchSummary, SpecResult } from '../../batch/index.js';
import { createProgressLine, type ProgressLine } from '../progress.js';
import { configureTerminal, fail, info, paintErr, resultJson, setExitCode, stderr, verbosity, warn } from '../terminal.js';
import type { Failure } from '../exit-codes.js';

interface BatchCliOptions {
  outDir: string;
  jobs?: string;
  datasource?: DatasourceName;
  fs?: FilesystemName;
  writer?: WriterName;
  saltSeed?: string;
  allowPlaceholders?: boolean;
  force?: boolean;
  fsync?: boolean;
  keepGoing?: boolean;
  allowOutsideSources?: boolean;
  json?: boolean;
  debug?: boolean;
}

type Describe = (error: unknown, debug: boolean) => Failure;

function parseJobs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const jobs = Number(text);
  if (!/^\d+$/.test(text) || jobs < 1) throw new UsageError(`--jobs must be a positive integer, not '${text}'`);
  return jobs;
}

/** The reason a spec was not built, as the user reads it. */
function explain(result: SpecResult, describe: Describe, debug: boolean): string {
  if (result.issues) return result.issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ');
  return describe(result.error, debug).message;
}

interface Reporter {
  readonly onEvent: (event: BatchEvent) => void;
  /** Removes the progress line before the summary is printed. */
  readonly finish: () => void;
}

/** Prints finished specs: plain lines, or on a TTY a progress line with failures printed above it. */
function createReporter(describe: Describe, debug: boolean): Reporter {
  const progress: ProgressLine | undefined = stderr().isTTY && verbosity() !== 'quiet' ? createProgressLine() : undefined;
  const print = (write: () => void): void => (progress ? progress.printAbove(write) : write());
  const onEvent = (event: BatchEvent): void => {
    if (event.type === 'phase') progress?.startPhase(event.phase === 'validate' ? 'validating' : 'building', event.total);
    else if (event.type === 'validated') progress?.advance(false);
    else if (event.type === 'finished') {
      const { result } = event;
      const failed = result.status !== 'built';
      progress?.advance(failed);
      for (const warning of result.warnings ?? []) print(() => warn(`${result.spec}: ${warning}`));
      if (failed) print(() => fail(`FAIL ${result.spec}: ${explain(result, describe, debug)}`));
      else if (!progress) info(`ok  ${result.spec} -> ${result.output} (instance-id ${result.instanceId})`);
    }
  };
  return { onEvent, finish: () => progress?.clear() };
}

/** 1 when any spec is invalid input, else the worst failure's code (3 for I/O), else 0. */
function exitCodeOf(summary: BatchSummary, describe: Describe): number {
  if (summary.results.some((result) => result.status === 'invalid')) return 1;
  return Math.max(0, ...summary.results.map((result) => (result.error ? describe(result.error, false).code : 0)));
}

function toJson(summary: BatchSummary, describe: Describe, debug: boolean): unknown {
  const { total, built, failed, seconds } = summary;
  const results = summary.results.map((result) => ({
    spec: result.spec,
    status: result.status,
    ...(result.output !== undefined && { output: result.output }),
    ...(result.instanceId !== undefined && { instance_id: result.instanceId }),
    ...(result.warnings !== undefined && result.warnings.length > 0 && { warnings: result.warnings }),
    ...(result.issues !== undefined && { issues: result.issues }),
    ...(result.error !== undefined && { error: describe(result.error, debug).message }),
  }));
  return { total, built, failed, seconds: Number(seconds.toFixed(3)), results };
}

function reportSummary(summary: BatchSummary): void {
  const invalid = summary.results.filter((result) => result.status === 'invalid').length;
  if (summary.built === 0 && invalid > 0 && summary.results.some((result) => result.status === 'skipped')) {
    fail(`no images written: ${invalid} invalid spec(s) (--keep-going builds the valid ones)`);
    return;
  }
  const failures = summary.failed > 0 ? paintErr('red', `, ${summary.failed} failed`) : '';
  const skipped = summary.total - summary.built - summary.failed;
  info(`built ${summary.built} of ${summary.total} images in ${summary.seconds.toFixed(2)}s${failures}${skipped > 0 ? `, ${skipped} skipped` : ''}`);
}

export function registerBatch(program: Command): void {
  program
    .command('batch')
    .description('build one image per spec file, on several threads')
    .argument('<pattern...>', 'spec files or glob patterns (quote them: "specs/**/*.yaml")')
    .requiredOption('--out-dir <dir>', 'folder for the images: each spec\'s path below the pattern\'s base, as .iso or .img')
    .option('--jobs <n>', 'threads building at once (default: the number of CPUs)')
    .addOption(new Option('--datasource <name>', 'datasource for every spec').choices(DATASOURCES))
    .addOption(new Option('--fs <filesystem>', 'image filesystem for every spec').choices(FILESYSTEMS))
    .addOption(new Option('--writer <writer>', 'image writer').choices(WRITERS))
    .option('--salt-seed <seed>', 'derive password salts from this seed (reproducible images)')
    .option('--allow-placeholders', "accept the templates' placeholder SSH key and example passwords")
    .option('--force', 'replace existing images')
    .option('--fsync', 'sync every image to disk before moving it into place (slower; survives a power loss)')
    .option('--allow-outside-sources', "allow source: files outside each spec's folder (never under /proc, /sys or /dev)")
    .option('--keep-going', 'skip invalid specs and build the rest (the exit code still reports them)')
    .option('--json', 'print a JSON summary on stdout')
    .option('--debug', 'print stack traces on errors')
    .addHelpText(
      'after',
      `
Every spec is validated first: without --keep-going one invalid spec means no image is written.
Images keep the folders below the pattern's base: specs/web/a.yaml -> images/web/a.iso.

Examples:
  $ cloudseed batch 'specs/**/*.yaml' --out-dir images/
  $ cloudseed batch 'specs/*.yaml' --out-dir images/ --jobs 4 --keep-going
  $ cloudseed batch 'specs/**/*.yaml' --out-dir images/ --fs vfat --force --json > summary.json`,
    )
    .action(async (patterns: string[], options: BatchCliOptions) => {
      const jobs = parseJobs(options.jobs);
      const [{ runBatch }, { describeFailure }] = await Promise.all([import('../../batch/index.js'), import('../exit-codes.js')]);
      const debug = options.debug ?? false;
      // With --json, stdout carries only the summary.
      if (options.json) configureTerminal({ infoToStderr: true });
      const reporter = createReporter(describeFailure, debug);
      let summary: BatchSummary;
      try {
        summary = await runBatch(patterns, {
          outDir: options.outDir,
          jobs,
          seedOptions: {
            datasource: options.datasource,
            filesystem: options.fs,
            writer: options.writer,
            saltSeed: options.saltSeed,
            allowPlaceholders: options.allowPlaceholders,
            allowOutsideSources: options.allowOutsideSources,
          },
          force: options.force,
          fsync: options.fsync,
          keepGoing: options.keepGoing,
          onEvent: reporter.onEvent,
        });
      } finally {
        reporter.finish();
      }
      reportSummary(summary);
      if (options.json) resultJson(toJson(summary, describeFailure, debug));
      setExitCode(exitCodeOf(summary, describeFailure));
    });
}
