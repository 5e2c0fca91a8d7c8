/**
 * How validation messages quote user input: one character by name or code point, and long
 * values cut short, so a message stays one readable line whatever was pasted.
 */

const NAMED_CHARACTERS: Readonly<Record<string, string>> = {
  '\n': 'a newline',
  '\r': 'a carriage return',
  '\t': 'a tab',
  ' ': 'a space',
};

/** Control, format, separator and unassigned characters: invisible, or misleading when printed. */
const UNPRINTABLE = /^[\p{C}\p{Z}\p{M}]$/u;

function codePoint(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `'é'`, `a tab`, `U+200B`: one character (a full code point) as a message shows it. */
export function describeCharacter(character: string): string {
  const named = NAMED_CHARACTERS[character];
  if (named !== undefined) return named;
  if (UNPRINTABLE.test(character)) return codePoint(character);
  return `'${character}'`;
}

/** `'text'`, or its first `max` characters and the full length when longer; unprintables escaped. */
export function quoteExcerpt(text: string, max = 40): string {
  const characters = [...text];
  const shown = characters
    .slice(0, max)
    .map((c) => (c !== ' ' && UNPRINTABLE.test(c) ? `\\u{${c.codePointAt(0)!.toString(16)}}` : c))
    .join('');
  return characters.length > max ? `'${shown}…' (${characters.length} characters)` : `'${shown}'`;
}

/**
 * The first character of `text` (a full code point) that `disallowed` matches, if any.
 * `disallowed` is a negated character class with the `u` flag (so it matches a whole code point)
 * and without `g`: one search of the text, where a test per character was a large part of
 * checking a spec's SSH keys and password hashes.
 */
export function findDisallowed(text: string, disallowed: RegExp): string | undefined {
  return disallowed.exec(text)?.[0];
}
