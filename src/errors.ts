/**
 * Errors are values: every failure the library can report is one of these classes.
 * Only the CLI (src/cli/exit-codes.ts) maps them to exit codes; the library never exits or logs.
 */

/** One problem found in the input, located by a field path such as `users[0].ssh_authorized_keys[1]`. */
export interface Issue {
  readonly path: string;
  readonly message: string;
}

export class CloudseedError extends Error {
  override readonly name: string = 'CloudseedError';
}

/** The input (spec, flags, referenced files) is invalid. Carries every issue found, not just the first. */
export class SpecError extends CloudseedError {
  override readonly name = 'SpecError';
  readonly issues: readonly Issue[];

  constructor(issues: readonly Issue[]) {
    super(formatIssues(issues));
    this.issues = issues;
  }
}

/** The command line itself is wrong (unknown flag, missing argument, conflicting options). */
export class UsageError extends CloudseedError {
  override readonly name = 'UsageError';
}

/** Reading or writing a file, or running an external tool, failed. */
export class IoError extends CloudseedError {
  override readonly name = 'IoError';
}

/** An external tool (xorrisofs...) is missing or failed. */
export class ToolError extends CloudseedError {
  override readonly name = 'ToolError';
}

export function formatIssues(issues: readonly Issue[]): string {
  return issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('\n');
}

/** Throws a SpecError when any issue was collected. */
export function throwIfIssues(issues: readonly Issue[]): void {
  if (issues.length > 0) throw new SpecError(issues);
}
