/**
 * Imports point one way. Every import of src/**\/*.ts (static, `export ... from`, dynamic
 * `import()`, type-only included: a type import still ties a module to another's shape) is read
 * from the source text, and folders are checked against the layering README's "How it works"
 * describes: the CLI on top, imported by nothing; no folder-level cycle; each stage below the ones
 * it feeds. Files directly in src/ (errors.ts, seed.ts, write-seed.ts, index.ts) each count as their own node.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from './helpers/cli.js';

const SRC = join(REPO_ROOT, 'src');

interface Edge {
  readonly file: string;
  readonly target: string;
  readonly from: string;
  readonly to: string;
}

/** `src/a/b.ts` -> `a`; `src/seed.ts` -> `seed.ts`. */
function nodeOf(path: string): string {
  // Specifiers name the emitted `.js`; the node is the `.ts` file it comes from.
  return relative(SRC, path).split('/')[0]!.replace(/\.js$/, '.ts');
}

/** The module specifiers a file imports, found by regular expressions over its text. */
export function importSpecifiers(text: string): string[] {
  const withoutComments = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: string[] = [];
  for (const pattern of [/\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /^\s*import\s*['"]([^'"]+)['"]/gm]) {
    for (const match of withoutComments.matchAll(pattern)) found.push(match[1]!);
  }
  return found;
}

function sourceFiles(): string[] {
  return readdirSync(SRC, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

function edges(): Edge[] {
  return sourceFiles().flatMap((file) =>
    importSpecifiers(readFileSync(file, 'utf8'))
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => {
        const target = resolve(dirname(file), specifier);
        return { file: relative(REPO_ROOT, file), target: relative(REPO_ROOT, target), from: nodeOf(file), to: nodeOf(target) };
      })
      .filter((edge) => edge.from !== edge.to),
  );
}

/** Folders a folder must not import, as the layering says. */
const FORBIDDEN: Record<string, readonly string[]> = {
  input: ['parse', 'render', 'pack', 'output'],
  parse: ['pack', 'output', 'read', 'edit', 'export', 'serve', 'batch'],
  render: ['parse', 'pack', 'output'],
  pack: ['parse', 'render', 'output'],
};
const STAGES = ['cli', 'overlay', 'input', 'parse', 'model', 'render', 'pack', 'output', 'read', 'edit', 'export', 'serve', 'batch', 'seed.ts', 'write-seed.ts', 'index.ts'];
for (const base of ['common', 'codec']) FORBIDDEN[base] = STAGES;

function describeEdges(list: readonly Edge[]): string {
  return list.map((edge) => `${edge.file} imports ${edge.target}`).join('\n');
}

test('the import reader finds static, re-export, type-only and dynamic imports, not ones in comments', () => {
  const text = `import { a } from './a.js';\nimport type { B } from "../b.js";\nexport { c } from './c.js';\nconst d = await import('./d.js');\n// import { e } from './e.js';\n/* import f from './f.js' */\nimport './g.js';\nimport {\n  h,\n} from './h.js';`;
  assert.deepEqual(importSpecifiers(text).sort(), ['../b.js', './a.js', './c.js', './d.js', './g.js', './h.js']);
});

test('nothing outside src/cli imports src/cli', () => {
  const offending = edges().filter((edge) => edge.to === 'cli');
  assert.equal(offending.length, 0, `library code importing the CLI:\n${describeEdges(offending)}`);
});

test('the spec overlay (values -> spec changes, shared by the CLI and editSeed) imports only input, model, common and errors', () => {
  const allowed = new Set(['input', 'model', 'common', 'errors.ts']);
  const offending = edges().filter((edge) => edge.from === 'overlay' && !allowed.has(edge.to));
  assert.equal(offending.length, 0, describeEdges(offending));
});

test('each stage imports only the folders below it', () => {
  const offending = edges().filter((edge) => FORBIDDEN[edge.from]?.includes(edge.to));
  assert.equal(offending.length, 0, `imports against the layering:\n${describeEdges(offending)}`);
});

test('no folder-level import cycle', () => {
  const all = edges();
  const graph = new Map<string, Set<string>>();
  for (const edge of all) graph.set(edge.from, (graph.get(edge.from) ?? new Set()).add(edge.to));
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (node: string, path: string[]): void => {
    state.set(node, 'open');
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') {
        const cycle = [...path.slice(path.indexOf(next)), next];
        const witnesses = cycle.slice(0, -1).map((from, i) => all.find((edge) => edge.from === from && edge.to === cycle[i + 1])!);
        cycles.push(`${cycle.join(' -> ')}\n${describeEdges(witnesses)}`);
      } else if (state.get(next) === undefined) {
        visit(next, [...path, next]);
      }
    }
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (state.get(node) === undefined) visit(node, [node]);
  assert.deepEqual(cycles, [], `folder-level cycles:\n${cycles.join('\n\n')}`);
});
