/**
 * Text from an image made safe for a terminal. File names, labels, hostnames and key comments
 * come from bytes anyone can craft: an ESC (or the 8-bit CSI, U+009B) in them would drive the
 * terminal that prints the report (move the cursor, rewrite earlier lines, set the title), and
 * bidi controls reorder what is shown. Each such character is shown as an escape instead.
 */

/**
 * C0 controls and DEL, C1 controls, the line and paragraph separators, bidi marks, embeddings,
 * overrides and isolates, and (with the u flag, only unpaired) surrogates.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/gu;
/** What JSON.stringify leaves raw of those: it escapes C0 controls and unpaired surrogates itself. */
const RAW_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeOne(character: string): string {
  const code = character.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every terminal control, bidi control and unpaired surrogate written as \xHH or \uHHHH. */
export function escapeControls(text: string): string {
  return text.replace(UNPRINTABLE, escapeOne);
}

/**
 * JSON text with the characters JSON.stringify leaves raw (DEL, C1 controls, bidi controls,
 * U+2028/U+2029) written as \uHHHH escapes: the same JSON value, nothing a terminal acts on.
 */
export function escapeJsonControls(json: string): string {
  return json.replace(RAW_IN_JSON, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A copy of `value` with escapeControls applied to every string in it (plain objects and arrays). */
export function escapeStrings<T>(value: T): T {
  if (typeof value === 'string') return escapeControls(value) as T;
  if (Array.isArray(value)) return value.map(escapeStrings) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [escapeControls(key), escapeStrings(item)])) as T;
  }
  return value;
}
