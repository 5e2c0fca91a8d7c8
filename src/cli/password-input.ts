/**
 * Where a CLI password may come from: a file, a named environment variable, or a prompt on the
 * terminal. Never from a flag value: argv is visible to every user through ps.
 */
import { UsageError, SpecError } from '../errors.js';
import { readPasswordFile } from './flags/spec-flags.js';
import { looksLikeCryptHash } from '../parse/crypt-hash.js';
import { stderr } from './terminal.js';

/**
 * The password flags take the plain password, which is hashed at build time: a crypt hash given
 * there would become the literal password. Checked here so the message names the flag.
 */
function checkNotHash(password: string, flag: string): string {
  if (looksLikeCryptHash(password)) {
    throw new SpecError([
      {
        path: flag,
        message: 'looks like a crypt hash; the password flags take the plain password (put a hash in the spec as users[].password_hash)',
      },
    ]);
  }
  return password;
}

export interface PasswordSources {
  readonly passwordFile?: string;
  readonly passwordEnv?: string;
  readonly passwordPrompt?: boolean;
}

/**
 * Asks each question on the terminal and reads the answers without echo. Raw mode is on from
 * before the first prompt to after the last answer: a password typed (or pasted) ahead of a
 * prompt would otherwise be echoed by the terminal, which still cooks its input until raw mode
 * starts.
 */
async function promptHidden(questions: readonly string[]): Promise<string[]> {
  const input = process.stdin;
  if (!input.isTTY) throw new UsageError('--password-prompt needs a terminal; use --password-file or --password-env');
  input.setRawMode(true);
  input.resume();
  stderr().write(questions[0]!);
  return new Promise((resolve, reject) => {
    const answers: string[] = [];
    let value = '';
    const finish = (): void => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
    };
    const onData = (chunk: Buffer): void => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\u0003') {
          finish();
          stderr().write('\n');
          reject(new UsageError('password prompt interrupted'));
          return;
        }
        if (char === '\r' || char === '\n') {
          answers.push(value);
          value = '';
          stderr().write('\n');
          if (answers.length === questions.length) {
            finish();
            resolve(answers);
            return;
          }
          stderr().write(questions[answers.length]!);
        } else if (char === '\u007f') value = [...value].slice(0, -1).join('');
        else value += char;
      }
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
    return checkNotHash(password!, '--password-file');
  }
  if (sources.passwordEnv !== undefined) {
    const value = process.env[sources.passwordEnv];
    if (!value) throw new SpecError([{ path: '--password-env', message: `environment variable ${sources.passwordEnv} is not set or empty` }]);
    return checkNotHash(value, '--password-env');
  }
  if (sources.passwordPrompt) {
    const [first, second] = await promptHidden(['Password: ', 'Again: ']);
    if (first !== second) throw new SpecError([{ path: '--password-prompt', message: 'the two passwords differ' }]);
    if (first === '') throw new SpecError([{ path: '--password-prompt', message: 'the password is empty' }]);
    return checkNotHash(first!, '--password-prompt');
  }
  return undefined;
}
