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

/** The instance paths an error lies within: its own and every enclosing one ('/a/b' -> '', '/a', '/a/b'). */
function enclosingPaths(pointer: string): string[] {
  const paths = [''];
  for (let at = pointer.indexOf('/', 1); at !== -1; at = pointer.indexOf('/', at + 1)) paths.push(pointer.slice(0, at));
  if (pointer !== '') paths.push(pointer);
  return paths;
}

/** A oneOf failure with what is needed to tell which of its branches an error belongs to. */
interface OneOfSite {
  readonly error: ErrorObject;
  /** The schema path its branches' errors start with. */
  readonly prefix: string;
  /** The one branch that is a $ref, if exactly one is. */
  readonly refBranch: string | undefined;
}

function oneOfSite(error: ErrorObject): OneOfSite {
  const refBranches = ((error.schema as SchemaBranch[] | undefined) ?? []).flatMap((branch, i) => (branch.$ref ? [String(i)] : []));
  return { error, prefix: `${error.schemaPath}/`, refBranch: refBranches.length === 1 ? refBranches[0] : undefined };
}

/**
 * The branch of a oneOf an error belongs to (its index as text), or undefined when it belongs to
 * none. Errors inside a branch that is a $ref (`users` items: "default" or a user) carry the
 * referenced definition's own schema path (`#/additionalProperties`), not the branch's: with
 * one such branch, they are that branch's.
 */
function branchOf(site: OneOfSite, error: ErrorObject): string | undefined {
  if (error === site.error) return undefined;
  if (error.schemaPath.startsWith(site.prefix)) return error.schemaPath.slice(site.prefix.length).split('/')[0]!;
  return site.refBranch;
}

/**
 * `oneOf` failures make ajv report every branch's error plus "must match exactly one schema".
 * A branch whose type (or const) fits the value is the form the user meant: its errors are kept
 * (an unknown key inside a `user_data.parts` mapping, a too-short list) and the rest dropped.
 * When no branch fits, a single readable issue for the oneOf location replaces them all.
 *
 * Each error is matched only against the oneOfs at its own and its enclosing paths, so a long
 * list of wrong items costs time in proportion to the errors, not to their square.
 */
function collapseOneOf(errors: readonly ErrorObject[]): ErrorObject[] {
  const oneOfsAt = new Map<string, OneOfSite[]>();
  for (const error of errors) {
    if (error.keyword !== 'oneOf') continue;
    const atPath = oneOfsAt.get(error.instancePath);
    if (atPath) atPath.push(oneOfSite(error));
    else oneOfsAt.set(error.instancePath, [oneOfSite(error)]);
  }
  if (oneOfsAt.size === 0) return [...errors];
  const branchErrors = new Map<ErrorObject, { error: ErrorObject; branch: string }[]>();
  for (const error of errors) {
    for (const path of enclosingPaths(error.instancePath)) {
      for (const site of oneOfsAt.get(path) ?? []) {
        const branch = branchOf(site, error);
        if (branch === undefined) continue;
        const members = branchErrors.get(site.error);
        if (members) members.push({ error, branch });
        else branchErrors.set(site.error, [{ error, branch }]);
      }
    }
  }
  const dropped = new Set<ErrorObject>();
  for (const [oneOf, members] of branchErrors) {
    const misfits = new Set(
      members
        .filter(({ error }) => error.instancePath === oneOf.instancePath && (error.keyword === 'type' || error.keyword === 'const'))
        .map(({ branch }) => branch),
    );
    let fitting = 0;
    for (const { error, branch } of members) {
      if (misfits.has(branch)) dropped.add(error);
      else fitting += 1;
    }
    if (fitting > 0) dropped.add(oneOf);
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
