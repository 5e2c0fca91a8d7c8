/**
 * Runs the cloudseed CLI users run: the bundle `npm pack` ships (`dist/cli/`), which `npm test`
 * builds first. `runCli` calls the bundle's `run(argv, io)` (dist/cli/run.js, the code the bin
 * `dist/cli/main.js` runs) in this process, one run at a time, with the case's folder and
 * environment set around it; a case that needs a process of its own (stdin, `-` as a file,
 * signals, exit codes from Node itself) passes `spawn: true` or uses `cliCommand`, and starts the
 * bin as a separate process.
 *
 * CLOUDSEED_TEST_CLI points the tests at another copy of that bin (the packed-package test runs
 * them against an installed, then moved, package); its run.js beside it is what runs in-process.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';

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

type Library = typeof import('../../src/index.js');
let loadedLibrary: Promise<Library> | undefined;

/**
 * The built library, dist/index.js (what `import 'cloudseed'` loads), for corpus tests that call
 * the API: built by the same `npm run build` as the bundle, so the same staleness check applies.
 */
export function builtLibrary(): Promise<Library> {
  cliBin();
  loadedLibrary ??= import(pathToFileURL(join(REPO_ROOT, 'dist', 'index.js')).href) as Promise<Library>;
  return loadedLibrary;
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

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Standard input; a run with input always gets a process of its own. */
  readonly input?: string;
  /** Start the bin as a separate process even when the run could be in-process. */
  readonly spawn?: boolean;
}

export function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  // `-` reads standard input or writes the image to stdout: both belong to a real process.
  const ownProcess = options.spawn === true || options.input !== undefined || args.includes('-');
  return ownProcess ? spawnCli(args, options) : runInProcess(args, options);
}

function spawnCli(args: readonly string[], options: RunOptions): Promise<CliResult> {
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

type Run = (argv: readonly string[], io: { stdout: Writable; stderr: Writable }) => Promise<number>;
let loadedRun: Promise<Run> | undefined;

/** The bundle's run(argv, io), loaded once (its path is computed, so tsc does not need dist/). */
function bundleRun(): Promise<Run> {
  loadedRun ??= import(pathToFileURL(join(dirname(cliBin()), 'run.js')).href).then((module: { run: Run }) => module.run);
  return loadedRun;
}

function collector(): { stream: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks) };
}

/** In-process runs take turns: the folder and the environment are the process's. */
let queue: Promise<unknown> = Promise.resolve();

function runInProcess(args: readonly string[], options: RunOptions): Promise<CliResult> {
  const turn = queue.then(async () => {
    const run = await bundleRun();
    const stdout = collector();
    const stderr = collector();
    const savedCwd = process.cwd();
    const savedEnv = Object.entries(options.env ?? {}).map(([name]) => [name, process.env[name]] as const);
    try {
      process.chdir(options.cwd ?? REPO_ROOT);
      for (const [name, value] of Object.entries(options.env ?? {})) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      const status = await run(args, { stdout: stdout.stream, stderr: stderr.stream });
      return { status, stdout: stdout.bytes(), stderr: stderr.bytes().toString('utf8') };
    } finally {
      process.chdir(savedCwd);
      for (const [name, value] of savedEnv) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
  queue = turn.catch(() => undefined);
  return turn;
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
