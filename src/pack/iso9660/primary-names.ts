/**
 * Names for the primary (ECMA-119) hierarchy: interchange level 1, as `mkisofs -R -J` writes
 * them. Readers that know Rock Ridge or Joliet never show these; they are what a bare ISO 9660
 * reader (and the path tables) see, so they only need to be valid, stable and unique per folder.
 */

/** ECMA-119 7.4.1 d-characters. */
const D_CHARACTER = /^[A-Z0-9_]$/;
/** ECMA-119 10.1 (level 1): 8 characters of name, 3 of extension; folder names have no extension. */
const NAME_LENGTH = 8;
const EXTENSION_LENGTH = 3;
/** ECMA-119 7.5.1: file identifiers end in SEPARATOR 2 and a version number. */
const FILE_VERSION = ';1';

export interface PrimaryNameRequest {
  readonly name: string;
  readonly isDirectory: boolean;
}

/** What toDCharacters makes of each ASCII character: the table of a fixed rule, built once. */
const ASCII_D_CHARACTERS: readonly string[] = Array.from({ length: 0x80 }, (_, code) => {
  const upper = String.fromCharCode(code).toUpperCase();
  return D_CHARACTER.test(upper) ? upper : '_';
});

/** Uppercases and replaces every character that is not a d-character by '_'. */
function toDCharacters(text: string, length: number): string {
  let result = '';
  // By code point, as the name reads; each adds one character, so the first `length` suffice.
  for (let index = 0; index < text.length && result.length < length; ) {
    const code = text.charCodeAt(index);
    if (code < 0x80) {
      result += ASCII_D_CHARACTERS[code] as string;
      index++;
      continue;
    }
    // Outside ASCII, uppercasing may still give a d-character (U+0131 dotless i gives 'I').
    const char = String.fromCodePoint(text.codePointAt(index) as number);
    index += char.length;
    const upper = char.toUpperCase();
    result += D_CHARACTER.test(upper) ? upper : '_';
  }
  return result;
}

function splitExtension(name: string): { base: string; extension: string } {
  const dot = name.lastIndexOf('.');
  // A leading dot (".profile") starts the name, it does not introduce an extension.
  return dot > 0 ? { base: name.slice(0, dot), extension: name.slice(dot + 1) } : { base: name, extension: '' };
}

function formatIdentifier(base: string, extension: string, isDirectory: boolean): string {
  return isDirectory ? base : `${base}.${extension}${FILE_VERSION}`;
}

/**
 * Level 1 identifiers for the entries of one folder, in request order. Entries are processed
 * in that order; one whose short form is taken gets a decimal counter in the last characters
 * of its name part (AVERYVER.EXT, AVERYVE1.EXT, ...). Files and folders share one namespace,
 * because readers that drop ";1" and a trailing "." would otherwise show two "README"s.
 */
export function assignPrimaryNames(requests: readonly PrimaryNameRequest[]): string[] {
  const taken = new Set<string>();
  // Where each short form's counter resumes, so a folder of near-identical names stays linear.
  const counters = new Map<string, number>();
  return requests.map(({ name, isDirectory }) => {
    const parts = isDirectory ? { base: name, extension: '' } : splitExtension(name);
    const base = toDCharacters(parts.base, NAME_LENGTH);
    const extension = toDCharacters(parts.extension, EXTENSION_LENGTH);
    const keyOf = (candidate: string): string => (extension ? `${candidate}.${extension}` : candidate);
    let candidate = base;
    let counter = counters.get(keyOf(base)) ?? 1;
    for (; taken.has(keyOf(candidate)); counter++) {
      const suffix = String(counter);
      candidate = base.slice(0, NAME_LENGTH - suffix.length) + suffix;
    }
    counters.set(keyOf(base), counter);
    taken.add(keyOf(candidate));
    return formatIdentifier(candidate, extension, isDirectory);
  });
}
