/**
 * A spec is data: what JSON or YAML can hold. Library callers can pass anything, and a YAML file
 * can hold aliases that repeat one node many times over or `!!binary`; both are checked here,
 * before the schema validator walks the value (which would recurse without end on a cycle, and
 * run out of stack on deep nesting) and before any writer sees it.
 *
 * The walk visits each object once, however often it is referred to, so a value built from
 * shared references is measured by the size it expands to without being expanded.
 */
import type { Issue } from '../errors.js';
import { joinPath } from './issue-path.js';

/** Deeper than any spec or cloud-config needs; far below what the validator's recursion can take. */
export const MAX_SPEC_DEPTH = 64;

export interface PlainDataLimits {
  /** The size of the value written out in full (aliases and shared references expanded), in characters. */
  readonly maxExpandedSize: number;
  /** Check the kinds of values too, not only size and depth (parsing leaves them to validation). */
  readonly checkKinds: boolean;
}

/**
 * Keys that JavaScript gives a meaning of their own: assigned as `object[key]`, `__proto__`
 * replaces the object's prototype instead of adding a key, so a merge would silently drop it.
 * No spec field or cloud-config module uses these names, so they are refused rather than kept.
 */
const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** What a value that is not data is, in words for a message (never the value itself). */
function describeKind(value: unknown): string | undefined {
  switch (typeof value) {
    case 'bigint':
      return 'a BigInt';
    case 'symbol':
      return 'a Symbol';
    case 'function':
      return 'a function';
    default:
      break;
  }
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return 'binary data (a Buffer, Uint8Array or YAML !!binary)';
  return undefined;
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Size of a leaf as written out: its text, or a few characters for a number, boolean or null. */
function leafSize(value: unknown): number {
  return typeof value === 'string' ? value.length : 8;
}

class Walker {
  readonly issues: Issue[] = [];
  /** Expanded size of every object already walked, so shared ones are walked once. */
  private readonly sizes = new Map<object, number>();
  /** The objects from the root to the current one: meeting one again is a cycle. */
  private readonly ancestors = new Set<object>();
  /**
   * The keys and indices from the root to the current value. The path text is made from them
   * only for an issue: almost every spec has none, and joining a path for every value walked was
   * a large part of the walk.
   */
  private readonly segments: (string | number)[] = [];

  constructor(private readonly limits: PlainDataLimits) {}

  private report(message: string): void {
    this.issues.push({ path: this.segments.reduce<string>(joinPath, ''), message });
  }

  walk(value: unknown, depth: number): number {
    if (value === null || typeof value !== 'object') return this.walkLeaf(value);
    const known = this.sizes.get(value);
    if (known !== undefined) return known;
    if (this.ancestors.has(value)) {
      this.report('refers back to an object that contains it (a cycle); a spec must be a tree of plain data');
      return 0;
    }
    if (depth > MAX_SPEC_DEPTH) {
      this.report(`is nested more than ${MAX_SPEC_DEPTH} levels deep`);
      return 0;
    }
    const size = this.walkObject(value, depth);
    this.sizes.set(value, size);
    return size;
  }

  private walkLeaf(value: unknown): number {
    const kind = this.limits.checkKinds ? describeKind(value) : undefined;
    if (kind !== undefined) this.report(`is ${kind}; a spec holds only text, numbers, booleans, null, lists and mappings`);
    return leafSize(value);
  }

  private walkChild(segment: string | number, item: unknown, depth: number): number {
    this.segments.push(segment);
    const size = this.walk(item, depth + 1);
    this.segments.pop();
    return size;
  }

  private walkObject(value: object, depth: number): number {
    if (this.limits.checkKinds) {
      const kind = describeKind(value);
      if (kind !== undefined || (!Array.isArray(value) && !(value instanceof Date) && !isPlainObject(value))) {
        const name = kind ?? `an object of class ${value.constructor?.name ?? 'unknown'}`;
        this.report(`is ${name}; a spec holds only text, numbers, booleans, null, lists and mappings`);
        return 0;
      }
      if (Object.getOwnPropertySymbols(value).length > 0) this.report('has a Symbol key; keys must be text');
    }
    if (value instanceof Date) return leafSize(value);
    this.ancestors.add(value);
    let size = 2;
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        size += 1 + this.walkChild(i, item, depth);
      });
    } else {
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        if (this.limits.checkKinds && RESERVED_KEYS.has(key)) {
          this.segments.push(key);
          this.report(`'${key}' is not accepted as a key (JavaScript gives it a meaning of its own)`);
          this.segments.pop();
        }
        size += key.length + 2 + this.walkChild(key, record[key], depth);
      }
    }
    this.ancestors.delete(value);
    return size;
  }
}

/**
 * Checks that a value is a tree of plain data within the limits. Returns one issue per problem,
 * by field path; the size is reported once, for the whole value.
 */
export function checkPlainData(value: unknown, limits: PlainDataLimits): Issue[] {
  const walker = new Walker(limits);
  const size = walker.walk(value, 0);
  if (size > limits.maxExpandedSize) {
    return [
      ...walker.issues,
      { path: '', message: `expands to more than ${limits.maxExpandedSize} characters (through YAML aliases or shared references); write it out instead` },
    ];
  }
  return walker.issues;
}
