/** The spec a command works on: the spec file (if any) with the command-line flags applied over it. */
import { SpecError } from '../errors.js';
import { applyFlags, type SpecFlags } from '../spec/flags.js';
import { explainNetFlagIssues } from '../spec/net-flag.js';
import { loadSpecFile } from '../spec/load.js';
import { readCliPassword, type PasswordSources } from './password-input.js';

export interface SpecFlagOptions extends PasswordSources {
  hostname?: string;
  user?: string;
  sshKey?: string[];
  net?: string[];
  userData?: string[];
}

/** The spec flags of a command line, with the password its password flag read. */
export function specFlagsFrom(options: SpecFlagOptions, password: string | undefined): SpecFlags {
  return { hostname: options.hostname, user: options.user, password, sshKeys: options.sshKey, net: options.net, userData: options.userData };
}

/**
 * `beforePassword` sees the loaded spec file before any password is read, so a command can refuse
 * early (e.g. an existing output file) instead of after a password prompt.
 */
export async function readSpecInput(
  specPath: string | undefined,
  options: SpecFlagOptions,
  beforePassword?: (data: unknown) => void,
): Promise<{ spec: unknown; baseDir: string }> {
  const loaded = specPath === undefined ? { data: {}, baseDir: process.cwd() } : await loadSpecFile(specPath);
  beforePassword?.(loaded.data);
  const flags = specFlagsFrom(options, await readCliPassword(options));
  const data = loaded.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    // Let schema validation describe the problem, unless flags would need a mapping to apply to.
    if (Object.values(flags).every((v) => v === undefined || (Array.isArray(v) && v.length === 0))) return { spec: data, baseDir: loaded.baseDir };
    throw new SpecError([{ path: '', message: 'the spec must be a mapping of keys to values' }]);
  }
  const { spec, issues } = await applyFlags(data as Record<string, unknown>, flags);
  if (issues.length > 0) throw new SpecError(issues);
  return { spec, baseDir: loaded.baseDir };
}

/** Runs a command's build step so that problems in what the flags made name the flags. */
export async function withFlagIssues<T>(options: SpecFlagOptions, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SpecError && options.net !== undefined && options.net.length > 0) throw new SpecError(explainNetFlagIssues(options.net, error.issues));
    throw error;
  }
}
