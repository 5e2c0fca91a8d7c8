/**
 * Which plain (unquoted) scalars a YAML 1.1 reader takes for something other than a string: null,
 * bool, int, float and timestamp, the implicit types of the YAML 1.1 type repository
 * (yaml.org/type). Written as a scanner of those forms, for two readers at once:
 *
 * - PyYAML, cloud-init's reader: every text its implicit resolvers take for another type must be
 *   quoted, or the seed means something else (or does not load);
 * - the `yaml` package's YAML 1.1 schema, toYaml11's fallback writer: it quotes a few texts
 *   PyYAML reads as strings (`y`, `n`, `08`, `e5`, `1.0e3`, `.`, date-only forms with one-digit
 *   fields), and emitYaml11Fast must write what the package writes, byte for byte.
 *
 * So the answer is the union of the two. Where PyYAML alone reads a timestamp (an empty fraction
 * of a second, a zone hour from 30 up), toYaml11 quotes it on both paths; the package wrote those
 * plain, and PyYAML then read a datetime or refused the file.
 * test/render/yaml11-types.test.ts holds this against PyYAML's resolver and the package's schema.
 */

/** null, bool and the special floats: their exact spellings (bools in lower, Capitalized and UPPER case). */
const WORDS = new Set(['~', 'null', 'Null', 'NULL', '.nan', '.NaN', '.NAN']);
for (const word of ['y', 'yes', 'n', 'no', 'true', 'false', 'on', 'off']) {
  WORDS.add(word).add(word[0]!.toUpperCase() + word.slice(1)).add(word.toUpperCase());
}
for (const sign of ['', '+', '-']) for (const inf of ['.inf', '.Inf', '.INF']) WORDS.add(sign + inf);

const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;
const isDigitOr_ = (code: number): boolean => isDigit(code) || code === 0x5f;
const isBinary = (code: number): boolean => code === 0x30 || code === 0x31 || code === 0x5f;
const isHex = (code: number): boolean => isDigitOr_(code) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x66);

/** Index past the run of characters from `start` that `accept` takes. */
function skip(text: string, start: number, accept: (code: number) => boolean): number {
  let index = start;
  while (index < text.length && accept(text.charCodeAt(index))) index++;
  return index;
}

/** Index past one to `most` digits at `start`, or -1 when there is none. */
function digits(text: string, start: number, most: number): number {
  let index = start;
  while (index < text.length && index - start < most && isDigit(text.charCodeAt(index))) index++;
  return index === start ? -1 : index;
}

/** `0b101`, `0x1F` (underscores allowed): a prefix and at least one digit of its base. */
function isPrefixedInt(text: string, start: number): boolean {
  if (text.charCodeAt(start) !== 0x30 || text.length < start + 3) return false;
  const base = text[start + 1];
  if (base === 'b') return skip(text, start + 2, isBinary) === text.length;
  if (base === 'x') return skip(text, start + 2, isHex) === text.length;
  return false;
}

/**
 * Base 60 after its first field (`1:30`, `190:20:30`, `1:30.5`): each further field is `:` and
 * one digit or two below 60; a float ends with `.` and digits or underscores.
 */
function isSexagesimalTail(text: string, start: number): boolean {
  let index = start;
  while (text.charCodeAt(index) === 0x3a) {
    const end = digits(text, index + 1, 2);
    if (end === -1 || (end - index === 3 && text.charCodeAt(index + 1) > 0x35)) return false;
    index = end;
  }
  if (index === start) return false;
  if (index === text.length) return true;
  return text.charCodeAt(index) === 0x2e && skip(text, index + 1, isDigitOr_) === text.length;
}

/**
 * An int or float after its sign: `12`, `1_000`, `012`, `1.5`, `.5`, `1.`, `.`, `1e5`, `1.5E-3`,
 * `e5` (the package reads a bare exponent as a float), or base 60.
 */
function isNumber(text: string, start: number): boolean {
  if (isPrefixedInt(text, start)) return true;
  let index = start;
  const whole = isDigit(text.charCodeAt(index));
  if (whole) {
    index = skip(text, index + 1, isDigitOr_);
    if (text.charCodeAt(index) === 0x3a) return isSexagesimalTail(text, index);
  }
  const fraction = text.charCodeAt(index) === 0x2e;
  if (fraction) index = skip(text, index + 1, isDigitOr_);
  if (index === text.length) return whole || fraction;
  const exponent = text.charCodeAt(index) | 0x20;
  if (exponent !== 0x65) return false;
  index++;
  if (text[index] === '+' || text[index] === '-') index++;
  return index < text.length && skip(text, index, isDigit) === text.length;
}

/**
 * `2001-12-14`, or with a time: `2001-12-14t21:59:43.10-05:00`, `2001-12-14 21:59:43.10 -5`.
 * A year of four digits and one or two digits for the other fields; the time follows `t`, `T` or
 * spaces and tabs; the zone is `Z` or a signed hour with optional `:` minutes, after optional
 * spaces and tabs. The readers differ past that: PyYAML wants two digits of minutes and seconds,
 * and then takes an empty fraction of a second (`43.`) and any two-digit zone hour (`-35`).
 */
function isTimestamp(text: string): boolean {
  if (digits(text, 0, 4) !== 4 || text[4] !== '-') return false;
  const month = digits(text, 5, 2);
  if (month === -1 || text[month] !== '-') return false;
  const day = digits(text, month + 1, 2);
  if (day === -1) return false;
  if (day === text.length) return true;
  const separator = text[day] === 't' || text[day] === 'T' ? day + 1 : skip(text, day, isBlank);
  if (separator === day) return false;
  let index = digits(text, separator, 2);
  let pyyamlTime = true;
  for (let field = 0; field < 2; field++) {
    if (index === -1 || text[index] !== ':') return false;
    const end = digits(text, index + 1, 2);
    pyyamlTime &&= end === index + 3;
    index = end;
  }
  if (index === -1) return false;
  if (text[index] === '.') {
    const end = skip(text, index + 1, isDigit);
    if (end === index + 1 && !pyyamlTime) return false;
    index = end;
  }
  if (index === text.length) return true;
  index = skip(text, index, isBlank);
  if (text[index] === 'Z') return index + 1 === text.length;
  if (text[index] !== '+' && text[index] !== '-') return false;
  const hour = digits(text, index + 1, 2);
  if (hour === -1 || (hour === index + 3 && text.charCodeAt(index + 1) > 0x32 && !pyyamlTime)) return false;
  if (hour === text.length) return true;
  return text[hour] === ':' && digits(text, hour + 1, 2) === hour + 3 && hour + 3 === text.length;
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** True when PyYAML or the yaml package (YAML 1.1) would read `text`, written plain, as anything but a string. */
export function readsAsOtherType(text: string): boolean {
  if (text === '' || WORDS.has(text)) return true;
  const first = text.charCodeAt(0);
  if (isDigit(first)) return isNumber(text, 0) || isTimestamp(text);
  if (first === 0x2b || first === 0x2d) return isNumber(text, 1);
  return (first === 0x2e || (first | 0x20) === 0x65) && isNumber(text, 0);
}
