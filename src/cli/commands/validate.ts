/** `cloudseed validate SPEC...`: every problem of every spec, exit 1 when any spec is invalid. */
import type { Command } from 'commander';
import { SpecError, formatIssues, type Issue } from '../../errors.js';
import { info, paint, paintErr, resultJson, setExitCode, stderr } from '../terminal.js';

interface ValidateOptions {
  json?: boolean;
  allowOutsideSources?: boolean;
  debug?: boolean;
  allowPlaceholders?: boolean;
}

async function issuesOf(path: string, allowPlaceholders: boolean, allowOutsideSources: boolean): Promise<readonly Issue[]> {
  const [{ loadSpecFile }, { validateSpec }, { refuseUserDataAsSpec }] = await Promise.all([
    import('../../input/load.js'),
    import('../../seed.js'),
    import('../spec-input.js'),
  ]);
  try {
    refuseUserDataAsSpec(path);
    const { data, baseDir } = await loadSpecFile(path);
    return (await validateSpec(data, { baseDir, allowPlaceholders, allowOutsideSources })).issues;
  } catch (error) {
    if (error instanceof SpecError) return [...error.issues];
    throw error;
  }
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check spec files; exit 0 when all are valid, 1 otherwise')
    .argument('<spec...>', 'spec files')
    .option('--allow-placeholders', "accept the templates' placeholder SSH key and example passwords")
    .option('--json', 'print results as JSON')
    .option('--allow-outside-sources', "allow source: files outside each spec's folder (never under /proc, /sys or /dev)")
    .option('--debug', 'print stack traces on errors')
    .addHelpText(
      'after',
      `
Examples:
  $ cloudseed validate examples/web01.yaml
  $ cloudseed validate specs/*.yaml --json`,
    )
    .action(async (paths: string[], options: ValidateOptions) => {
      const results = [];
      for (const path of paths) {
        results.push({ spec: path, issues: await issuesOf(path, options.allowPlaceholders ?? false, options.allowOutsideSources === true) });
      }
      if (options.json) {
        resultJson(results.map((r) => ({ ...r, valid: r.issues.length === 0 })));
      } else {
        for (const { spec, issues } of results) {
          // Problems go to stderr even with --quiet: they are the command's answer.
          if (issues.length === 0) info(`${spec}: ${paint('green', 'ok')}`);
          else stderr().write(`${spec}: ${paintErr('red', 'invalid')}\n${formatIssues(issues).replace(/^/gm, '  ')}\n`);
        }
      }
      if (results.some((r) => r.issues.length > 0)) setExitCode(1);
    });
}
