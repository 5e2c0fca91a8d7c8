/**
 * Random spec-shaped objects, generated from schemas/spec.schema.json: mostly the right keys and
 * types (so cases get past the schema into semantic checks, the model, renderers and writers),
 * sometimes an unknown key or a value of the wrong type.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/cli.js';
import { randomNumber, randomString, randomValue, type Random } from './random-values.js';

interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  required?: string[];
  items?: SchemaNode;
}

const ROOT = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'spec.schema.json'), 'utf8')) as SchemaNode & {
  $defs: Record<string, SchemaNode>;
};
/** Names for the keys of free-form mappings (network interfaces, meta). */
const MAP_KEYS = ['eth0', 'eth1', 'bond0', 'vlan100', 'role', 'dsmode', 'x y', '', 'é'];
const WRONG_TYPE = 0.04;
const UNKNOWN_KEY = 0.03;

function resolve(node: SchemaNode): SchemaNode {
  return node.$ref ? resolve(ROOT.$defs[node.$ref.replace('#/$defs/', '')]!) : node;
}

/** Own properties plus those of `allOf` parts (how the schema composes interface kinds). */
function propertiesOf(node: SchemaNode): Record<string, SchemaNode> {
  const inherited = (node.allOf ?? []).map((part) => propertiesOf(resolve(part)));
  return Object.assign({}, ...inherited, node.properties ?? {});
}

function generateObject(node: SchemaNode, random: Random, depth: number): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(propertiesOf(node))) {
    if (node.required?.includes(key) || random.chance(depth === 0 ? 0.5 : 0.35)) result[key] = generateFromSchema(child, random, depth + 1);
  }
  if (typeof node.additionalProperties === 'object') {
    for (let i = random.int(3); i > 0; i--) result[random.pick(MAP_KEYS)] = generateFromSchema(node.additionalProperties, random, depth + 1);
  }
  if (random.chance(UNKNOWN_KEY)) result[randomString(random)] = randomValue(random);
  return result;
}

/** A value for `node`; depth bounds nesting (past 6 levels, plain random values). */
export function generateFromSchema(node: SchemaNode, random: Random, depth = 0): unknown {
  const schema = resolve(node);
  if (depth > 6 || random.chance(WRONG_TYPE)) return randomValue(random, 1);
  if (schema.oneOf) return generateFromSchema(random.pick(schema.oneOf), random, depth);
  if (schema.enum) return random.pick(schema.enum);
  if ('const' in schema) return schema.const;
  const type = Array.isArray(schema.type) ? random.pick(schema.type) : (schema.type ?? 'object');
  switch (type) {
    case 'string':
      return randomString(random);
    case 'integer':
    case 'number':
      return randomNumber(random);
    case 'boolean':
      return random.chance(0.5);
    case 'array':
      return Array.from({ length: random.int(4) }, () => generateFromSchema(schema.items ?? {}, random, depth + 1));
    default:
      return generateObject(schema, random, depth);
  }
}

export function generateSpec(random: Random): unknown {
  return generateFromSchema(ROOT, random);
}
