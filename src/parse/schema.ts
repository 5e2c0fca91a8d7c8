/**
 * Shape validation against schemas/spec.schema.json, through the validator precompiled at build
 * time (scripts/compile-schema.mjs). ajv's terse messages are rewritten here into ones that say
 * what is wrong and what is allowed.
 */
import type { ErrorObject } from 'ajv';
import type { Issue } from '../errors.js';
import { DEFINITION_PROPERTIES } from './generated/spec-definitions.js';
import validateSpecShape from './generated/spec-validator.js';
import { cloudConfigKeyHint } from './cloud-config-keys.js';
import { closestMatch } from '../common/did-you-mean.js';
import { joinPath, pointerToPath } from '../common/issue-path.js';

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`.slice(0, 60);
}

/**
 * Fields marked `writeOnly` in the schema hold passwords and secrets (password, password_hash,
 * windows.admin_pass, salt_seed): a message names only the kind of value given there, never the
 * value itself, whatever its type — `password: 123456` is as secret as a quoted one.
 */
function isSecret(error: ErrorObject): boolean {
  return (error.parentSchema as { writeOnly?: unknown } | undefined)?.writeOnly === true;
}

/** The value as a message shows it: its type, and the value too unless the field is secret. */
function describeValue(value: unknown, error: ErrorObject): string {
  if (!isSecret(error) || value === null || typeof value === 'object') return describeType(value);
  return `a ${typeof value}`;
}

function valueAt(data: unknown, pointer: string): unknown {
  let node = data;
  for (const raw of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

interface SchemaNode {
  properties?: Record<string, unknown>;
  allOf?: { $ref?: string }[];
}

/** Known property names at the schema location an unknown-key error came from, `allOf` refs included. */
function knownProperties(error: ErrorObject): string[] {
  const parent = error.parentSchema as SchemaNode | undefined;
  const inherited = (parent?.allOf ?? []).flatMap((part) => {
    const name = part.$ref?.replace('#/$defs/', '');
    return name ? (DEFINITION_PROPERTIES[name] ?? []) : [];
  });
  return [...Object.keys(parent?.properties ?? {}), ...inherited];
}

function toIssue(error: ErrorObject, data: unknown): Issue {
  const path = pointerToPath(error.instancePath, data);
  const value = valueAt(data, error.instancePath);
  switch (error.keyword) {
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const key = String(
        (error.params as { additionalProperty?: string; unevaluatedProperty?: string }).additionalProperty ??
          (error.params as { unevaluatedProperty?: string }).unevaluatedProperty,
      );
      const hint = cloudConfigKeyHint(path, key);
      if (hint !== undefined) return { path: joinPath(path, key), message: hint };
      const suggestion = closestMatch(key, knownProperties(error));
      return {
        path: joinPath(path, key),
        message: `unknown key${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
      };
    }
    case 'type':
      if (path === '') return { path, message: `the spec must be a mapping of keys to values, not ${describeType(value)}` };
      return { path, message: `must be ${String(error.params['type']).replace(/,/g, ' or ')}, not ${describeValue(value, error)}` };
    case 'enum':
      return {
        path,
        message: `must be one of ${(error.params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, not ${describeValue(value, error)}`,
      };
    case 'const':
      return { path, message: `must be ${JSON.stringify(error.params['allowedValue'])}` };
    case 'required':
      return { path: joinPath(path, String(error.params['missingProperty'])), message: 'is required' };
    case 'pattern':
      return { path, message: isSecret(error) ? 'has an invalid format' : `has an invalid format: ${describeType(value)}` };
    case 'minLength':
      return { path, message: error.params['limit'] === 1 ? 'must not be empty' : `is shorter than ${String(error.params['limit'])} characters` };
    case 'maxLength':
      return { path, message: `is longer than ${String(error.params['limit'])} characters` };
    case 'minItems':
      return { path, message: `must have at least ${String(error.params['limit'])} item(s)` };
    case 'minimum':
    case 'maximum':
      return { path, message: `must be ${error.keyword === 'minimum' ? '>=' : '<='} ${String(error.params['limit'])}` };
    default:
      return { path, message: error.message ?? 'is invalid' };
  }
}

/**
 * `oneOf` failures make ajv report every branch's error plus "must match exactly one schema".
 * A branch whose type (or const) fits the value is the form the user meant: its errors are kept
 * (an unknown key inside a `user_data.parts` mapping, a too-short list) and the rest dropped.
 * When no branch fits, a single readable issue for the oneOf location replaces them all.
 */
function collapseOneOf(errors: readonly ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  for (const oneOf of errors.filter((e) => e.keyword === 'oneOf')) {
    const prefix = `${oneOf.schemaPath}/`;
    const within = (e: ErrorObject): boolean => e.instancePath === oneOf.instancePath || e.instancePath.startsWith(`${oneOf.instancePath}/`);
    // Errors inside a branch that is a $ref (`users` items: "default" or a user) carry the
    // referenced definition's own schema path (`#/additionalProperties`), not the branch's: with
    // one such branch, they are that branch's.
    const refBranches = ((oneOf.schema as SchemaBranch[] | undefined) ?? []).flatMap((branch, i) => (branch.$ref ? [String(i)] : []));
    const branchOf = (e: ErrorObject): string | undefined => {
      if (e === oneOf || !within(e)) return undefined;
      if (e.schemaPath.startsWith(prefix)) return e.schemaPath.slice(prefix.length).split('/')[0]!;
      return refBranches.length === 1 ? refBranches[0] : undefined;
    };
    const branchErrors = errors.filter((e) => branchOf(e) !== undefined);
    const misfits = new Set(
      branchErrors
        .filter((e) => e.instancePath === oneOf.instancePath && (e.keyword === 'type' || e.keyword === 'const'))
        .map(branchOf),
    );
    const fitting = branchErrors.filter((e) => !misfits.has(branchOf(e)));
    for (const error of branchErrors) if (!fitting.includes(error)) dropped.add(error);
    if (fitting.length > 0) dropped.add(oneOf);
  }
  return errors.filter((error) => !dropped.has(error));
}

interface SchemaBranch {
  $ref?: string;
  type?: string;
  const?: unknown;
  items?: SchemaBranch;
}

/** Names one accepted form of a oneOf in words: 'a string', 'a list of strings', 'false'. */
function describeBranch(branch: SchemaBranch): string {
  if ('const' in branch) return JSON.stringify(branch.const);
  if (branch.type === 'array') return branch.items?.type ? `a list of ${branch.items.type}s` : 'a list';
  if (branch.type === 'object') return 'a mapping';
  return branch.type ? `a ${branch.type}` : 'another form';
}

function describeOneOf(error: ErrorObject, data: unknown): Issue {
  const path = pointerToPath(error.instancePath, data);
  const value = valueAt(data, error.instancePath);
  const forms = ((error.schema as SchemaBranch[] | undefined) ?? []).map(describeBranch);
  return { path, message: `must be ${forms.join(' or ')}, not ${describeValue(value, error)}` };
}

/** Validates the spec's shape. Returns every issue found, in document order, without duplicates. */
export function checkSchema(data: unknown): Issue[] {
  if (validateSpecShape(data)) return [];
  const errors = collapseOneOf(validateSpecShape.errors ?? []);
  const issues = errors.map((error) => (error.keyword === 'oneOf' ? describeOneOf(error, data) : toIssue(error, data)));
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\0${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
