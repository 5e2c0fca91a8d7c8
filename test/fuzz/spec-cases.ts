/**
 * Loader fuzz inputs: real specs (the examples and golden specs) mutated as objects or as text,
 * schema-shaped objects, and text soup. Every case is a pure function of its seed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseSpecText } from '../../src/input/load.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { createRandom, randomNumber, randomString, randomValue, type Random } from './random-values.js';
import { generateSpec } from './schema-values.js';

export interface BaseSpec {
  readonly file: string;
  readonly text: string;
}

export type SpecCase =
  | { readonly kind: 'text'; readonly name: string; readonly text: string; readonly baseDir: string }
  | { readonly kind: 'object'; readonly spec: unknown; readonly baseDir: string };

const SPEC_DIRS = [join(REPO_ROOT, 'examples'), join(REPO_ROOT, 'test', 'golden', 'specs')];

export const BASE_SPECS: readonly BaseSpec[] = SPEC_DIRS.flatMap((dir) =>
  readdirSync(dir)
    .filter((name) => /\.(ya?ml|json)$/.test(name))
    .sort()
    .map((name) => ({ file: join(dir, name), text: readFileSync(join(dir, name), 'utf8') })),
);

type Path = readonly (string | number)[];

function listPaths(value: unknown, path: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [path];
  const children = Array.isArray(value) ? value.map((item, i) => [i, item] as const) : Object.entries(value);
  return [path, ...children.flatMap(([key, child]) => listPaths(child, [...path, key]))];
}

function getAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root);
}

/** One random edit of a JSON-like tree, in place (the root is a fresh clone). */
function mutateObject(root: Record<string, unknown>, random: Random): void {
  const path = random.pick(listPaths(root));
  if (path.length === 0) {
    root[randomString(random)] = randomValue(random);
    return;
  }
  const parent = getAt(root, path.slice(0, -1)) as Record<string | number, unknown> | unknown[];
  const key = path[path.length - 1]!;
  const current = getAt(root, path);
  switch (random.int(5)) {
    case 0:
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key as string];
      break;
    case 1:
      if (Array.isArray(parent)) parent.push(structuredClone(current));
      else (parent as Record<string, unknown>)[randomString(random)] = structuredClone(current);
      break;
    case 2:
      (parent as Record<string | number, unknown>)[key] = [current];
      break;
    default:
      (parent as Record<string | number, unknown>)[key] = randomValue(random);
  }
}

/** Every string in the base specs: values that are valid somewhere, for edits that keep a spec plausible. */
const PLAUSIBLE_STRINGS = BASE_SPECS.flatMap((base) => {
  const spec = parseSpecText(base.text, base.file);
  return listPaths(spec).map((path) => getAt(spec, path)).filter((value): value is string => typeof value === 'string');
});

/** An edit that keeps each value's type: other strings from real specs, other numbers, flipped booleans, fewer keys. */
function mutateMildly(root: Record<string, unknown>, random: Random): void {
  const path = random.pick(listPaths(root).filter((p) => p.length > 0));
  if (path === undefined) return;
  const parent = getAt(root, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path[path.length - 1]!;
  const current = parent[key];
  if (typeof current === 'string') parent[key] = random.chance(0.8) ? random.pick(PLAUSIBLE_STRINGS) : randomString(random);
  else if (typeof current === 'number') parent[key] = randomNumber(random);
  else if (typeof current === 'boolean') parent[key] = !current;
  else if (Array.isArray(current) && current.length > 0) current.push(structuredClone(current[random.int(current.length)]));
  else if (!Array.isArray(parent)) delete parent[key];
}

const YAML_NOISE = [':', ': ', '-', '- ', '[', ']', '{', '}', ',', '&a ', '*a', '!!binary ', '!!python/object ', '? ', '|', '>', '\t', '\n', '  ', '#', '"', "'", '%YAML 1.1\n', '---\n', '...\n', '<<: *a\n', '\\', '\u0000', '\ufeff', 'é'];

function mutateText(text: string, random: Random): string {
  const at = random.int(text.length + 1);
  switch (random.int(4)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1 + random.int(20));
    case 1:
      return text.slice(0, at) + random.pick(YAML_NOISE) + text.slice(at);
    case 2: {
      const lines = text.split('\n');
      const line = random.int(lines.length);
      lines.splice(random.int(lines.length), 0, lines[line]!);
      return lines.join('\n');
    }
    default:
      return text.slice(0, at) + randomString(random) + text.slice(at);
  }
}

/** Text no spec resembles: YAML punctuation, strings and newlines at random. */
function textSoup(random: Random): string {
  return Array.from({ length: 1 + random.int(40) }, () => (random.chance(0.5) ? random.pick(YAML_NOISE) : randomString(random))).join('');
}

/** The case for a seed: seed % 5 picks the kind, so any range of seeds mixes all five. */
export function makeSpecCase(seed: number): SpecCase {
  const random = createRandom(seed);
  const base = random.pick(BASE_SPECS);
  const baseDir = dirname(base.file);
  const edits = 1 + random.int(3);
  const editedSpec = (edit: (spec: Record<string, unknown>, random: Random) => void): SpecCase => {
    const spec = parseSpecText(base.text, base.file) as Record<string, unknown>;
    for (let i = 0; i < edits; i++) edit(spec, random);
    return { kind: 'object', spec, baseDir };
  };
  switch (seed % 5) {
    case 0:
      return editedSpec(mutateMildly);
    case 1:
      return editedSpec(mutateObject);
    case 2:
      return { kind: 'object', spec: generateSpec(random), baseDir };
    case 3: {
      let text = random.chance(0.3) ? JSON.stringify(parseSpecText(base.text, base.file)) : base.text;
      for (let i = 0; i < edits; i++) text = mutateText(text, random);
      return { kind: 'text', name: text.startsWith('{') && random.chance(0.5) ? 'fuzz.json' : 'fuzz.yaml', text, baseDir };
    }
    default:
      return { kind: 'text', name: random.chance(0.2) ? 'fuzz.json' : 'fuzz.yaml', text: textSoup(random), baseDir };
  }
}
