/** Errors cross thread boundaries as data and come back as the typed errors the CLI maps to exit codes. */
import { IoError, SpecError, ToolError, UsageError } from '../errors.js';
import type { TransferredError } from './types.js';

export function packError(error: unknown): TransferredError {
  if (error instanceof SpecError) return { name: error.name, message: error.message, stack: error.stack, issues: error.issues };
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error) };
}

const REVIVERS: Readonly<Record<string, (message: string) => Error>> = {
  IoError: (message) => new IoError(message),
  ToolError: (message) => new ToolError(message),
  UsageError: (message) => new UsageError(message),
};

export function unpackError(data: TransferredError): Error {
  const error = data.issues ? new SpecError(data.issues) : (REVIVERS[data.name] ?? ((message: string) => new Error(message)))(data.message);
  // The worker's stack is the useful one (--debug prints it).
  if (data.stack !== undefined) error.stack = data.stack;
  return error;
}
