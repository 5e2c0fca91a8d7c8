/**
 * Reading specs: a YAML or JSON file, or text. YAML is read with YAML 1.1 rules, as cloud-init
 * reads its own files, so `ssh_pwauth: yes` means what users pasting cloud-config expect.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isAlias, isCollection, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { SpecError, throwIfIssues, type Issue } from '../errors.js';

/** Specs are short; anything bigger is a mistake (or an attack on the parser). */
const MAX_SPEC_BYTES = 4 * 1024 * 1024;

export interface LoadedSpec {
  /** The parsed document, not yet validated. */
  readonly data: unknown;
  /** Folder that relative `source:` paths in the spec are resolved against. */
  readonly baseDir: string;
}

/** True for a key that is not text, a number, a boolean or null (through aliases too). */
function isStructuredKey(key: unknown, document: Document): boolean {
  const node = isAlias(key) ? key.resolve(document) : key;
  if (isCollection(node)) return true;
  return isScalar(node) && typeof node.value === 'object' && node.value !== null;
}

/**
 * A mapping key that is a list, mapping, date or binary (`? [a, b]`, `2020-01-01:`) has no place
 * in a spec, and the yaml package would turn it into text with a process warning on stderr.
 */
function findStructuredKeys(document: Document, lines: LineCounter, name: string): Issue[] {
  const issues: Issue[] = [];
  visit(document, {
    Pair(_key, pair) {
      if (!isStructuredKey(pair.key, document)) return;
      const { line, col } = lines.linePos((pair.key as { range?: [number] }).range?.[0] ?? 0);
      issues.push({ path: '', message: `${name}:${line}:${col}: a key must be text or a number, not a list, mapping, date or binary` });
    },
  });
  return issues;
}

/** `0644`, `0755`: the unquoted forms of a mode that YAML 1.1 reads as an octal integer. */
const OCTAL_LITERAL = /^0[0-7]{3,4}$/;

/**
 * `write_files[].permissions: 0644` unquoted is an octal integer in YAML 1.1 (420), and cloud-init,
 * whose YAML is 1.1 too, takes it as mode 0644: a user pasting cloud-config means that mode. The
 * literal is kept as the text written, so validation sees "0644" and not a bare 420, which it
 * cannot tell from a decimal 420 and refuses. Only a plain 0-prefixed octal literal is kept this
 * way; `644`, `0x1a4` and aliases stay numbers.
 */
function keepOctalModes(document: Document): void {
  const entries = isMap(document.contents) ? document.contents.get('write_files', true) : undefined;
  if (!isSeq(entries)) return;
  for (const entry of entries.items) {
    if (!isMap(entry)) continue;
    const mode = entry.get('permissions', true);
    if (isScalar(mode) && typeof mode.value === 'number' && mode.format === 'OCT' && OCTAL_LITERAL.test(mode.source ?? '')) {
      entry.set('permissions', mode.source);
    }
  }
}

/** Parses spec text. JSON when the name ends in .json, YAML (a JSON superset) otherwise. */
export function parseSpecText(text: string, name: string): unknown {
  if (name.endsWith('.json')) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new SpecError([{ path: '', message: `${name} is not valid JSON: ${(error as Error).message}` }]);
    }
  }
  const lines = new LineCounter();
  const document = parseDocument(text, { version: '1.1', uniqueKeys: true, prettyErrors: true, lineCounter: lines });
  const problems = [...document.errors, ...document.warnings.filter((w) => w.code === 'DUPLICATE_KEY')];
  if (problems.length > 0) {
    const issues: Issue[] = problems.map((problem) => {
      const [line, column] = problem.linePos?.[0] ? [problem.linePos[0].line, problem.linePos[0].col] : [0, 0];
      const reason = problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      return { path: '', message: `${name}:${line}:${column}: YAML does not parse: ${reason}` };
    });
    throw new SpecError(issues);
  }
  throwIfIssues(findStructuredKeys(document, lines, name));
  keepOctalModes(document);
  try {
    // maxAliasCount bounds alias expansion ("billion laughs").
    return document.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    throw new SpecError([{ path: '', message: `${name}: ${(error as Error).message}` }]);
  }
}

/** Reads and parses a spec file. A missing or unreadable spec is invalid input (exit 1). */
export async function loadSpecFile(path: string): Promise<LoadedSpec> {
  let bytes: Buffer;
  try {
    // Synchronous on purpose: specs are small, and the promise version costs ~150 µs more per
    // file, which batch pays thousands of times.
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new SpecError([{ path: '', message: `cannot read spec ${path}: ${reason}` }]);
  }
  if (bytes.length > MAX_SPEC_BYTES) {
    throw new SpecError([{ path: '', message: `spec ${path} is ${bytes.length} bytes; specs are limited to ${MAX_SPEC_BYTES}` }]);
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return { data: parseSpecText(text, path), baseDir: dirname(resolve(path)) };
}
