/** `cloudseed validate SPEC...`: every problem of every spec, exit 1 when any spec is invalid. */
import type { Command } from 'commander';
import { SpecError, formatIssues, type Issue } from '../../errors.js';
import { validateSpec } from '../../seed.js';
import { loadSpecFile } from '../../spec/load.js';

interface ValidateOptions {
  json?: boolean;
  debug?: boolean;
}

async function issuesOf(path: string): Promise<readonly Issue[]> {
  try {
    const { data, baseDir } = await loadSpecFile(path);
    return (await validateSpec(data, { baseDir })).issues;
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
    .option('--json', 'print results as JSON')
    .option('--debug', 'print stack traces on errors')
    .action(async (paths: string[], options: ValidateOptions) => {
      const results = [];
      for (const path of paths) results.push({ spec: path, issues: await issuesOf(path) });
      if (options.json) {
        process.stdout.write(`${JSON.stringify(results.map((r) => ({ ...r, valid: r.issues.length === 0 })), null, 2)}\n`);
      } else {
        for (const { spec, issues } of results) {
          if (issues.length === 0) process.stdout.write(`${spec}: ok\n`);
          else process.stderr.write(`${spec}: invalid\n${formatIssues(issues).replace(/^/gm, '  ')}\n`);
        }
      }
      if (results.some((r) => r.issues.length > 0)) process.exitCode = 1;
    });
}
