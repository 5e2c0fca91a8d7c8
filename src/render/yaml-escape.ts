/**
 * Characters PyYAML (cloud-init's YAML parser) cannot read back from a plain, single-quoted or
 * block scalar, and the double-quoted escapes it reads them from instead.
 *
 * PyYAML's reader refuses the whole stream when it meets a character outside its printable set
 * (C0 controls but tab, LF and CR; U+007F; the C1 controls but U+0085; U+FFFE, U+FFFF), and its
 * scanner treats U+0085, U+2028 and U+2029 as line breaks and a leading U+FEFF as a byte order
 * mark. Inside double quotes each has an escape that reads back as the character itself.
 */

/** A character that must be written as an escape: controls but tab and LF (CR too, which a plain scalar would fold), the rest listed above. */
export const NEEDS_YAML_ESCAPE = /(?![\t\n])\p{Cc}|[\u2028\u2029\ufeff\ufffe\uffff\p{Cs}]/u;

/** YAML's named escapes; every other character in NEEDS_YAML_ESCAPE gets `\xXX` or `\uXXXX`. */
const NAMED_ESCAPES: Readonly<Record<string, string>> = {
  '\0': '\\0',
  '\x07': '\\a',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\v': '\\v',
  '\f': '\\f',
  '\r': '\\r',
  '\x1b': '\\e',
  '"': '\\"',
  '\\': '\\\\',
  '\x85': '\\N',
  '\u2028': '\\L',
  '\u2029': '\\P',
};

function escapeCodeUnit(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `text` as one double-quoted line. Lone surrogates are escaped as `\uD8XX` so the document stays
 * valid UTF-8; validation refuses them earlier, since no UTF-8 file can hold them.
 */
export function doubleQuotedYaml(text: string): string {
  const escaped = text.replace(/[\p{Cc}"\\\u2028\u2029\ufeff\ufffe\uffff\p{Cs}]/gu, (char) => NAMED_ESCAPES[char] ?? escapeCodeUnit(char));
  return `"${escaped}"`;
}
