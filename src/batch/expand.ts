/**
 * Patterns -> spec files -> output names. Each image keeps its spec's path below the pattern's
 * static base (pattern specs/** matched specs/web/a.yaml -> OUT/web/a.iso), so specs of the same
 * name in different folders get different images; names that still meet are refused up front.
 */
import { join, relative, resolve } from 'node:path';
import fg from 'fast-glob';
import { UsageError } from '../errors.js';
import type { BatchEntry } from './types.js';

/** At most this many collisions are named in the error; the count says the rest. */
const MAX_NAMED = 5;

/** The leading folders of a pattern that hold no glob syntax (a plain file path: its folder). */
export function findGlobBase(pattern: string): string {
  const segments = pattern.split('/');
  let count = 0;
  // An empty segment (the root of an absolute pattern, or '//') holds no glob syntax.
  const isStatic = (segment: string): boolean => segment === '' || !fg.isDynamicPattern(segment);
  while (count < segments.length - 1 && isStatic(segments[count]!)) count++;
  if (count === 0) return segments[0] === '' ? '/' : '.';
  return segments.slice(0, count).join('/') || '/';
}

/** The output path without extension: the spec's place below the base, its last extension dropped. */
function outputStem(outDir: string, base: string, file: string): string {
  const below = relative(base, file);
  return join(outDir, below.replace(/\.[^./]*$/, ''));
}

function refuseCollisions(entries: readonly BatchEntry[]): void {
  const byStem = new Map<string, string>();
  const clashes: string[] = [];
  for (const entry of entries) {
    const earlier = byStem.get(entry.stem);
    if (earlier === undefined) byStem.set(entry.stem, entry.spec);
    else clashes.push(`${earlier} and ${entry.spec} would both be written as ${entry.stem}.*`);
  }
  if (clashes.length === 0) return;
  const more = clashes.length > MAX_NAMED ? `\n(and ${clashes.length - MAX_NAMED} more)` : '';
  throw new UsageError(
    `${clashes.length} output name collision(s):\n${clashes.slice(0, MAX_NAMED).join('\n')}${more}\n` +
      "rename the specs, or give one pattern whose base holds both folders (e.g. 'specs/**/*.yaml')",
  );
}

/**
 * Expands the patterns (sorted, each file once: the first pattern that matches it names its output).
 * A pattern that matches no file is a usage error naming it; so are two specs with one output name.
 */
export async function expandPatterns(patterns: readonly string[], outDir: string, cwd: string): Promise<BatchEntry[]> {
  const seen = new Set<string>();
  const entries: BatchEntry[] = [];
  for (const pattern of patterns) {
    const matches = await fg(pattern, { cwd, onlyFiles: true, unique: true });
    if (matches.length === 0) throw new UsageError(`no spec files match '${pattern}'`);
    const base = resolve(cwd, findGlobBase(pattern));
    for (const spec of matches) {
      const file = resolve(cwd, spec);
      if (seen.has(file)) continue;
      seen.add(file);
      entries.push({ spec, file, stem: outputStem(outDir, base, file) });
    }
  }
  entries.sort((a, b) => (a.spec < b.spec ? -1 : a.spec > b.spec ? 1 : 0));
  refuseCollisions(entries);
  return entries;
}
