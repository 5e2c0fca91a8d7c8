/** The one place where errors become exit codes: 0 ok, 1 invalid input, 2 usage, 3 I/O or tool failure. */
import { CloudseedError, IoError, SpecError, ToolError, UsageError, formatIssues } from '../errors.js';

export const EXIT_INVALID_INPUT = 1;
export const EXIT_USAGE = 2;
export const EXIT_IO = 3;

export interface Failure {
  readonly code: number;
  readonly message: string;
}

export function describeFailure(error: unknown, debug: boolean): Failure {
  const stack = debug && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  if (error instanceof SpecError) return { code: EXIT_INVALID_INPUT, message: `invalid input:\n${indent(formatIssues(error.issues))}${stack}` };
  if (error instanceof UsageError) return { code: EXIT_USAGE, message: `${error.message}${stack}` };
  if (error instanceof IoError || error instanceof ToolError) return { code: EXIT_IO, message: `${error.message}${stack}` };
  if (error instanceof CloudseedError) return { code: EXIT_IO, message: `${error.message}${stack}` };
  const detail = error instanceof Error ? error.message : String(error);
  return {
    code: EXIT_IO,
    message: `internal error: ${detail}${stack || '\n(run with --debug for the stack trace, and please report it)'}`,
  };
}

function indent(text: string): string {
  return text.split('\n').map((line) => `  ${line}`).join('\n');
}
