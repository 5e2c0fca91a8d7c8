/**
 * Runs the cloudseed CLI as users run it: the bundled `dist/cli/main.js` that `npm pack` ships
 * and `npx cloudseed` starts, as a separate process. `npm test` builds it first.
 *
 * CLOUDSEED_TEST_CLI points the tests at another copy of that bin (the packed-package test runs
 * them against an installed, then moved, package).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');
const BUNDLE = join(REPO_ROOT, 'dist', 'cli', 'main.js');

/** Newest modification time of the files under `dir` (what the bundle is built from). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

let checkedBin: string | undefined;

/**
 * The CLI's path. Running a stale bundle would test old code under new tests, so the default
 * bundle must exist and be newer than every source file and the schema.
 */
export function cliBin(): string {
  if (checkedBin !== undefined) return checkedBin;
  const override = process.env['CLOUDSEED_TEST_CLI'];
  if (override) {
    checkedBin = override;
    return checkedBin;
  }
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run npm run build (npm test builds it)`);
  const built = statSync(BUNDLE).mtimeMs;
  const sources = Math.max(newestMtime(join(REPO_ROOT, 'src')), newestMtime(join(REPO_ROOT, 'schemas')));
  if (sources > built) throw new Error(`${BUNDLE} is older than src/: run npm run build (npm test builds it)`);
  checkedBin = BUNDLE;
  return checkedBin;
}

/** The argv that starts the CLI with `args` (for spawn, script(1) and pty helpers). */
export function cliCommand(args: readonly string[]): string[] {
  return [process.execPath, cliBin(), ...args];
}

export interface CliResult {
  readonly status: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

export function runCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const [command, ...rest] = cliCommand(args);
    const child = spawn(command!, rest, {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ status: code ?? 128, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString('utf8') }),
    );
    child.stdin.end(options.input ?? '');
  });
}

/** Runs async jobs with at most `limit` at a time. */
export async function mapWithLimit<T, R>(items: readonly T[], limit: number, job: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await job(items[index]!);
    }
  });
  await Promise.all(workers);
  return results;
}
