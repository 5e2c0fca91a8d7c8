/**
 * A fast path for toYaml11: emits the plain shapes seeds are made of (mappings, non-empty lists,
 * printable-ASCII strings, safe integers, booleans, null) exactly as the `yaml` package would with
 * toYaml11's settings, and returns undefined for anything else, which then goes through the
 * package. The `yaml` Document costs more than the rest of a seed's build together.
 *
 * String styles follow the package's plainString/quotedString/blockString (yaml 2.x): plain when
 * the text cannot be read as anything else, "double-quoted" when the package or PyYAML would
 * resolve it to another YAML 1.1 type (readsAsOtherType), `|` literal blocks for multi-line text
 * ending in one newline. test/render/yaml11-fast.test.ts compares the two on generated values.
 */
import { readsAsOtherType } from './yaml11-types.js';

const INDENT = '  ';
/** PyYAML refuses an implicit (`key:`) key that spans more than 1024 characters. */
const IMPLICIT_KEY_LIMIT = 1024;
const PRINTABLE_LINE = /^[\x20-\x7e]*$/;
/** plainString's "not allowed" test: indicators first, `: `, ` #`, a trailing space or colon... */
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
/** Multi-line text the package writes as a clipped literal block with no indentation indicator. */
const CLIPPED_BLOCK = /^[\x21-\x7e][\x20-\x7e\n]*[\x21-\x7e]\n$/;

/** A one-line string as a key or value; undefined when it needs escapes or another quoting style. */
function emitLine(text: string): string | undefined {
  if (!PRINTABLE_LINE.test(text) || /["'\\]/.test(text) || text === '=' || text === '<<' || DOCUMENT_MARKER.test(text)) return undefined;
  return NOT_PLAIN.test(text) || readsAsOtherType(text) ? `"${text}"` : text;
}

/** A key; undefined past PyYAML's limit for implicit keys, which the package writes as an explicit `? ` key. */
function emitKey(text: string): string | undefined {
  const line = emitLine(text);
  return line !== undefined && line.length <= IMPLICIT_KEY_LIMIT ? line : undefined;
}

function emitScalar(value: unknown, indent: string): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isSafeInteger(value) && !Object.is(value, -0) ? String(value) : undefined;
  if (typeof value !== 'string') return undefined;
  if (!value.includes('\n')) return emitLine(value);
  if (!CLIPPED_BLOCK.test(value) || DOCUMENT_MARKER.test(value)) return undefined;
  return `|\n${indent}${value.slice(0, -1).replace(/\n+/g, `$&${indent}`)}`;
}

const isMapping = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;

/**
 * Lines of a non-empty collection at `indent`; the first line carries no indentation (the caller
 * places it). Appended to one string: this runs for every node of every seed's YAML.
 */
function emitCollection(value: unknown, indent: string): string | undefined {
  const inner = indent + INDENT;
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    let text = '';
    for (let index = 0; index < value.length; index++) {
      const body = emitNode(value[index], inner, true);
      if (body === undefined) return undefined;
      text += index === 0 ? `-${body}` : `\n${indent}-${body}`;
    }
    return text;
  }
  if (!isMapping(value)) return undefined;
  let text: string | undefined;
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (item === undefined) continue;
    const name = emitKey(key);
    const body = emitNode(item, inner, false);
    if (name === undefined || body === undefined) return undefined;
    text = text === undefined ? `${name}:${body}` : `${text}\n${indent}${name}:${body}`;
  }
  return text;
}

/** What follows `key:` or `-`: a space and a scalar, or the nested collection. */
function emitNode(value: unknown, indent: string, inList: boolean): string | undefined {
  if (value === null || typeof value !== 'object') {
    const scalar = emitScalar(value, indent);
    return scalar === undefined ? undefined : ` ${scalar}`;
  }
  const nested = emitCollection(value, indent);
  if (nested === undefined) return undefined;
  // A list item starts its mapping or list on the dash's line; a mapping value starts on the next.
  return inList ? ` ${nested}` : `\n${indent}${nested}`;
}

/** The YAML document toYaml11 would write for `value`, or undefined when the fast path does not apply. */
export function emitYaml11Fast(value: unknown): string | undefined {
  if (!isMapping(value)) return undefined;
  const body = emitCollection(value, '');
  return body === undefined ? undefined : `${body}\n`;
}
