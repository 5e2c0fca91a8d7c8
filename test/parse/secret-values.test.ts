/**
 * No message ever repeats a password value, whatever its type: every password-bearing field of
 * the schema (marked `writeOnly`) is given a number, a boolean, a list, a mapping and badly
 * formed strings, through the real CLI, and stderr must not contain the value.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { stringify } from 'yaml';
import { mapWithLimit, REPO_ROOT, runCli } from '../helpers/cli.js';
import { withTempDir } from '../helpers/tools.js';

interface SchemaNode {
  $ref?: string;
  writeOnly?: boolean;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  oneOf?: SchemaNode[];
}

const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'spec.schema.json'), 'utf8')) as SchemaNode & {
  $defs: Record<string, SchemaNode>;
};

/** Dotted paths (`users[].password`) of every `writeOnly` property, following $refs. */
function secretFields(node: SchemaNode, path: string): string[] {
  const resolved = node.$ref ? schema.$defs[node.$ref.replace('#/$defs/', '')]! : node;
  const own = resolved.writeOnly ? [path] : [];
  const children = Object.entries(resolved.properties ?? {}).flatMap(([key, child]) => secretFields(child, path ? `${path}.${key}` : key));
  const items = resolved.items ? secretFields(resolved.items, `${path}[]`) : [];
  // `users` items: "default" or a user mapping.
  const forms = (resolved.oneOf ?? []).flatMap((form) => secretFields(form, path));
  return [...own, ...children, ...items, ...forms];
}

const SECRET_FIELDS = secretFields(schema, '');

test('every password-bearing field is marked writeOnly in the schema', () => {
  for (const field of ['users[].password', 'users[].password_hash', 'windows.admin_pass', 'salt_seed']) {
    assert.ok(SECRET_FIELDS.includes(field), `${field} must be writeOnly`);
  }
  // A new field named like a secret must be marked too.
  const allFields = (node: SchemaNode, path: string): string[] => {
    const resolved = node.$ref ? schema.$defs[node.$ref.replace('#/$defs/', '')]! : node;
    return [
      path,
      ...Object.entries(resolved.properties ?? {}).flatMap(([key, child]) => allFields(child, path ? `${path}.${key}` : key)),
      ...(resolved.items ? allFields(resolved.items, `${path}[]`) : []),
      ...(resolved.oneOf ?? []).flatMap((form) => allFields(form, path)),
    ];
  };
  // Settings about passwords, not passwords.
  const notSecrets = new Set(['lock_passwd', 'password_auth', 'admin_pass_in_clear']);
  const secretLooking = allFields(schema, '').filter((field) => {
    const key = field.split('.').pop()!;
    return /pass(word|wd)?|secret|salt/.test(key) && !notSecrets.has(key);
  });
  assert.deepEqual(secretLooking.filter((field) => !SECRET_FIELDS.includes(field)), []);
});

/** A spec with `value(field)` at every secret field; `windows` needs a config drive to be checked. */
function specWith(value: (field: string, n: number) => unknown): Record<string, unknown> {
  const spec: Record<string, unknown> = { hostname: 'web01', datasource: 'configdrive' };
  SECRET_FIELDS.forEach((field, n) => {
    const keys = field.split('.');
    let node = spec;
    for (const [k, key] of keys.entries()) {
      const last = k === keys.length - 1;
      if (key.endsWith('[]')) {
        const name = key.slice(0, -2);
        // users[].password and users[].password_hash go to two users, so both are reported.
        node[name] ??= [];
        const list = node[name] as Record<string, unknown>[];
        const item: Record<string, unknown> = { name: `u${n}` };
        list.push(item);
        node = item;
      } else if (last) {
        node[key] = value(field, n);
      } else {
        node[key] ??= {};
        node = node[key] as Record<string, unknown>;
      }
    }
  });
  return spec;
}

/** Distinct, recognisable values per field, so a leak names its field. */
const KINDS: Record<string, (field: string, n: number) => unknown> = {
  number: (_field, n) => 7310042 + n,
  float: (_field, n) => 73100.5 + n,
  list: (_field, n) => [`Leak${n}ListA`, 7320042 + n],
  mapping: (_field, n) => ({ [`Leak${n}Key`]: `Leak${n}MapValue` }),
  'bad string': (field, n) =>
    field.endsWith('password_hash') ? `$6$Leak${n}Salt$short` : field.endsWith('salt_seed') ? `Lk${n}` : `Leak${n}Line\nTwo`,
  'yescrypt string': (_field, n) => `$y$j9T$Leak${n}Salt$abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG`,
};

/** The texts that would betray each value. */
function leaks(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(leaks);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...leaks(v)]);
  if (typeof value === 'string') return value.split('\n').filter((part) => part.length >= 4);
  return [String(value)];
}

test('no message repeats a secret value of any type', async () => {
  await withTempDir(async (dir) => {
    const runs = await mapWithLimit(Object.entries(KINDS), 3, async ([kind, make]) => {
      const spec = specWith(make);
      const file = join(dir, `${kind.replace(/ /g, '-')}.yaml`);
      writeFileSync(file, stringify(spec));
      return { kind, spec, make, result: await runCli(['build', file, '-o', join(dir, `${kind}.iso`)]) };
    });
    for (const { kind, make, result } of runs) {
      assert.equal(result.status, 1, `${kind}: ${result.stderr}`);
      SECRET_FIELDS.forEach((field, n) => {
        for (const leak of leaks(make(field, n))) {
          assert.ok(!result.stderr.includes(leak), `${kind} at ${field}: stderr repeats ${leak}:\n${result.stderr}`);
        }
      });
    }
  });
});

test('a boolean secret is named as a boolean, not repeated', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'spec.yaml');
    writeFileSync(file, stringify(specWith(() => true)));
    const result = await runCli(['validate', file]);
    assert.equal(result.status, 1);
    for (const line of result.stderr.split('\n').filter((l) => /password|admin_pass\b|salt_seed/.test(l))) {
      assert.doesNotMatch(line, /\btrue\b/, line);
    }
    assert.match(result.stderr, /users\[0\]\.password: must be string, not a boolean/);
  });
});
