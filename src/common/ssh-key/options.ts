/**
 * The options field that may open an authorized_keys line (sshd(8), AUTHORIZED_KEYS FILE
 * FORMAT), checked as OpenSSH's sshauthopt_parse (auth-options.c) reads it: sshd ignores the
 * whole key when one option is unknown or malformed, so these are errors, not warnings.
 */
import { closestMatch } from '../did-you-mean.js';
import { describeCharacter, quoteExcerpt } from '../describe-text.js';

const FLAGS = ['restrict', 'cert-authority'];
/** Flags that also take a `no-` prefix. */
const NEGATABLE_FLAGS = ['agent-forwarding', 'port-forwarding', 'pty', 'touch-required', 'user-rc', 'verify-required', 'x11-forwarding'];
const VALUED = ['command', 'environment', 'expiry-time', 'from', 'permitlisten', 'permitopen', 'principals', 'tunnel'];
/** sshd refuses a second clause of these ("multiple "command" clauses"). */
const SINGLE_CLAUSE = new Set(['command', 'from', 'principals']);
const ALL_NAMES = [...FLAGS, ...NEGATABLE_FLAGS, ...NEGATABLE_FLAGS.map((flag) => `no-${flag}`), ...VALUED];

/**
 * Splits a line into its options field and the rest: the options end at the first space or tab
 * outside double quotes, and `\"` does not end a quote (sshkey_advance_past_options).
 * Undefined when a quote is never closed.
 */
export function splitOptions(line: string): { options: string; rest: string } | undefined {
  let quoted = false;
  let i = 0;
  for (; i < line.length && (quoted || (line[i] !== ' ' && line[i] !== '\t')); i++) {
    if (line[i] === '\\' && line[i + 1] === '"') i++;
    else if (line[i] === '"') quoted = !quoted;
  }
  if (quoted) return undefined;
  return { options: line.slice(0, i), rest: line.slice(i).replace(/^[ \t]+/, '') };
}

/** The index after the closing quote of a value starting at `start` (a '"'), or -1 when unclosed. */
function skipQuoted(options: string, start: number): number {
  for (let i = start + 1; i < options.length; i++) {
    if (options[i] === '\\' && options[i + 1] === '"') i++;
    else if (options[i] === '"') return i + 1;
  }
  return -1;
}

/** The full character (code point) at index `i`. */
function characterAt(text: string, i: number): string {
  return String.fromCodePoint(text.codePointAt(i)!);
}

function describeUnknown(name: string): string {
  const suggestion = closestMatch(name, ALL_NAMES);
  const hint = suggestion ? ` (did you mean '${suggestion}'?)` : '';
  return `has the unknown option ${quoteExcerpt(name, 30)}${hint}; sshd ignores a key with an unknown option`;
}

/** Undefined when sshd accepts the options field, else what is wrong with it. */
export function checkOptions(options: string): string | undefined {
  const seen = new Set<string>();
  let i = 0;
  for (;;) {
    const name = /^[A-Za-z0-9-]*/.exec(options.slice(i))![0];
    const lower = name.toLowerCase();
    i += name.length;
    if (name === '') return `has ${describeCharacter(characterAt(options, i))} where an option name should start`;
    if (options[i] === '=') {
      if (!VALUED.includes(lower)) return ALL_NAMES.includes(lower) ? `option '${name}' takes no value` : describeUnknown(name);
      if (options[i + 1] !== '"') return `option '${name}' needs a value in double quotes, e.g. ${lower}="..."`;
      i = skipQuoted(options, i + 1);
      if (i === -1) return `option '${name}' has no closing quote`;
      if (SINGLE_CLAUSE.has(lower) && seen.has(lower)) return `has option '${lower}' twice; sshd allows it once`;
      seen.add(lower);
    } else if (VALUED.includes(lower)) {
      return `option '${name}' needs a value in double quotes, e.g. ${lower}="..."`;
    } else if (!ALL_NAMES.includes(lower)) {
      return describeUnknown(name);
    }
    if (i === options.length) return undefined;
    if (options[i] !== ',') return `has ${describeCharacter(characterAt(options, i))} after option '${name}' where ',' or the key should follow`;
    i++;
    if (i === options.length) return "ends its options with ','";
  }
}
