/**
 * Where a CLI password may come from: a file, a named environment variable, or a prompt on the
 * terminal. Never from a flag value: argv is visible to every user through ps.
 */
import { UsageError, SpecError } from '../errors.js';
import { readPasswordFile } from '../spec/flags.js';

export interface PasswordSources {
  readonly passwordFile?: string;
  readonly passwordEnv?: string;
  readonly passwordPrompt?: boolean;
}

async function promptHidden(question: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) throw new UsageError('--password-prompt needs a terminal; use --password-file or --password-env');
  process.stderr.write(question);
  input.setRawMode(true);
  input.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const onData = (chunk: Buffer): void => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          finish();
          resolve(value);
          return;
        }
        if (char === '\u0003') {
          finish();
          reject(new UsageError('password prompt interrupted'));
          return;
        }
        if (char === '\u007f') value = value.slice(0, -1);
        else value += char;
      }
    };
    const finish = (): void => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
    };
    input.on('data', onData);
  });
}

/** The password the flags ask for, or undefined when none was asked for. */
export async function readCliPassword(sources: PasswordSources): Promise<string | undefined> {
  const chosen = [sources.passwordFile, sources.passwordEnv, sources.passwordPrompt || undefined].filter((s) => s !== undefined);
  if (chosen.length > 1) throw new UsageError('use only one of --password-file, --password-env and --password-prompt');
  if (sources.passwordFile !== undefined) {
    const { password, issue } = await readPasswordFile(sources.passwordFile);
    if (issue) throw new SpecError([issue]);
    return password;
  }
  if (sources.passwordEnv !== undefined) {
    const value = process.env[sources.passwordEnv];
    if (!value) throw new SpecError([{ path: '--password-env', message: `environment variable ${sources.passwordEnv} is not set or empty` }]);
    return value;
  }
  if (sources.passwordPrompt) {
    const first = await promptHidden('Password: ');
    const second = await promptHidden('Again: ');
    if (first !== second) throw new SpecError([{ path: '--password-prompt', message: 'the two passwords differ' }]);
    if (first === '') throw new SpecError([{ path: '--password-prompt', message: 'the password is empty' }]);
    return first;
  }
  return undefined;
}
