/** The spec a command works on: the spec file (if any) with the command-line flags applied over it. */
import { closeSync, openSync, readSync } from 'node:fs';
import { SpecError } from '../errors.js';
import { applyFlags, type SpecFlags } from './flags/spec-flags.js';
import { explainNetFlagIssues } from '../overlay/net-shorthand.js';
import { loadSpecFile } from '../input/load.js';
import { readCliPassword, type PasswordSources } from './password-input.js';

export interface SpecFlagOptions extends PasswordSources {
  hostname?: string;
  user?: string;
  sshKey?: string[];
  net?: string[];
  userData?: string[];
  metaData?: string;
  networkConfig?: string;
  vendorData?: string;
  allowOutsideSources?: boolean;
  instanceId?: string;
}

/** The first bytes of a file, or nothing when it cannot be read (loading the spec then says why). */
function fileHead(path: string): string {
  try {
    const fd = openSync(path, 'r');
    try {
      const head = Buffer.alloc(64);
      return head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString('latin1');
    } catch {
      return '';
    } finally {
      closeSync(fd);
    }
  } catch {
    return '';
  }
}

/**
 * A user-data file (`#cloud-config`, a script, MIME) given where a spec goes would otherwise fail
 * with a list of unknown keys; say what to do with it instead.
 */
export function refuseUserDataAsSpec(specPath: string): void {
  const head = fileHead(specPath).replace(/^\uFEFF/, '');
  const kind = /^#cloud-config/.test(head) ? 'a #cloud-config file' : /^#!/.test(head) ? 'a script' : /^(Content-Type|MIME-Version):/i.test(head) ? 'MIME user-data' : undefined;
  if (kind === undefined) return;
  throw new SpecError([
    {
      path: '',
      message: `${specPath} is ${kind}, not a cloudseed spec: pass it with --user-data ${specPath} (e.g. cloudseed build --hostname vm1 --user-data ${specPath} -o seed.iso), or use cloudseed localds seed.iso ${specPath} as with cloud-localds`,
    },
  ]);
}

/** The spec flags of a command line, with the password its password flag read. */
export function specFlagsFrom(options: SpecFlagOptions, password: string | undefined): SpecFlags {
  return {
    hostname: options.hostname,
    user: options.user,
    password,
    sshKeys: options.sshKey,
    net: options.net,
    userData: options.userData,
    metaData: options.metaData,
    networkConfig: options.networkConfig,
    vendorData: options.vendorData,
  };
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
  if (specPath !== undefined) refuseUserDataAsSpec(specPath);
  const loaded = specPath === undefined ? { data: {}, baseDir: process.cwd() } : await loadSpecFile(specPath);
  beforePassword?.(loaded.data);
  const flags = specFlagsFrom(options, await readCliPassword(options));
  const data = loaded.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    // Let schema validation describe the problem, unless flags would need a mapping to apply to.
    if (Object.values(flags).every((v) => v === undefined || (Array.isArray(v) && v.length === 0))) return { spec: data, baseDir: loaded.baseDir };
    throw new SpecError([{ path: '', message: 'the spec must be a mapping of keys to values' }]);
  }
  const { spec, issues } = await applyFlags(data as Record<string, unknown>, { ...flags, instanceIdGiven: options.instanceId !== undefined });
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
