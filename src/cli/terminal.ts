/**
 * Where the CLI's words go, and how loud it is. Every command prints through here so that
 * `--quiet`, `--verbose` and colour (only on a TTY, never with NO_COLOR) work the same everywhere.
 *
 *   result(text)  the command's answer, on stdout (never silenced: scripts read it)
 *   info(text)    progress and "wrote ..." lines, on stderr when stdout carries data; off with --quiet
 *   detail(text)  extra facts for --verbose only, on stderr
 *   warn(text)    "cloudseed: warning: ...", on stderr, even with --quiet
 */

export type Verbosity = 'quiet' | 'normal' | 'verbose';

/** A stream the CLI writes to: process.stdout/stderr when run as a program, collectors in tests. */
export type OutputStream = Pick<NodeJS.WritableStream, 'write' | 'on' | 'off'> & { readonly isTTY?: boolean };

/**
 * What one CLI run writes to. The environment and the working folder are the process's own: a
 * caller running the CLI in-process sets them around the run (test/helpers/cli.ts does).
 */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
}

interface TerminalState {
  io: CliIo;
  /** The run's exit code when a command finishes without throwing (validate and batch set it). */
  exitCode: number;
  verbosity: Verbosity;
  /** Informational lines go to stderr when stdout carries the command's data (an image, JSON). */
  infoToStderr: boolean;
  colorOut: boolean;
  colorErr: boolean;
}

/** https://no-color.org: any non-empty NO_COLOR turns colour off; FORCE_COLOR=0 too. */
export function wantsColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined) return env['FORCE_COLOR'] !== '0';
  return stream.isTTY === true && env['TERM'] !== 'dumb';
}

function freshState(io: CliIo): TerminalState {
  return { io, exitCode: 0, verbosity: 'normal', infoToStderr: false, colorOut: wantsColor(io.stdout), colorErr: wantsColor(io.stderr) };
}

let state: TerminalState = freshState(process);

/** Starts a run on `io` with the default settings: nothing carries over from an earlier run. */
export function beginRun(io: CliIo): void {
  state = freshState(io);
}

/** The run's stdout, for commands whose answer is data (an image, a listing). */
export function stdout(): OutputStream {
  return state.io.stdout;
}

/** The run's stderr, for lines that bypass the verbosity levels. */
export function stderr(): OutputStream {
  return state.io.stderr;
}

/** Sets the run's exit code without stopping it (a command that reports every failure first). */
export function setExitCode(code: number): void {
  state.exitCode = code;
}

export function exitCode(): number {
  return state.exitCode;
}

export function configureTerminal(options: { verbosity?: Verbosity; color?: boolean; infoToStderr?: boolean }): void {
  if (options.verbosity !== undefined) state.verbosity = options.verbosity;
  if (options.infoToStderr !== undefined) state.infoToStderr = options.infoToStderr;
  if (options.color === false) state.colorOut = state.colorErr = false;
}

export function verbosity(): Verbosity {
  return state.verbosity;
}

const SGR = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39] } as const;
export type Style = keyof typeof SGR;

function paintWith(enabled: boolean, style: Style, text: string): string {
  if (!enabled) return text;
  const [on, off] = SGR[style];
  return `\u001b[${on}m${text}\u001b[${off}m`;
}

/** Colour for text bound for stdout. */
export function paint(style: Style, text: string): string {
  return paintWith(state.colorOut, style, text);
}

/** Colour for text bound for stderr. */
export function paintErr(style: Style, text: string): string {
  return paintWith(state.colorErr, style, text);
}

export function result(text: string): void {
  state.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** JSON answers: always on stdout, two-space indented, one trailing newline. */
export function resultJson(value: unknown): void {
  state.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function info(text: string): void {
  if (state.verbosity === 'quiet') return;
  const line = text.endsWith('\n') ? text : `${text}\n`;
  (state.infoToStderr ? state.io.stderr : state.io.stdout).write(line);
}

export function detail(text: string): void {
  if (state.verbosity === 'verbose') state.io.stderr.write(`${paintErr('dim', text)}\n`);
}

export function warn(text: string): void {
  state.io.stderr.write(`cloudseed: ${paintErr('yellow', 'warning')}: ${text}\n`);
}

export function fail(text: string): void {
  state.io.stderr.write(`${paintErr('red', 'cloudseed:')} ${text}\n`);
}
