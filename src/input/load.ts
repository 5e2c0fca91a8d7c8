/**
 * Reading specs: a YAML or JSON file, or text. YAML is read with YAML 1.1 rules, as cloud-init
 * reads its own files, so `ssh_pwauth: yes` means what users pasting cloud-config expect.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Document, LineCounter } from 'yaml';
import { SpecError, throwIfIssues, type Issue } from '../errors.js';
import { checkPlainData } from '../common/plain-data.js';
import { yamlPackage } from '../common/yaml-package.js';

/** Specs are short; anything bigger is a mistake (or an attack on the parser). */
export const MAX_SPEC_BYTES = 4 * 1024 * 1024;

export interface LoadedSpec {
  /** The parsed document, not yet validated. */
  readonly data: unknown;
  /** Folder that relative `source:` paths in the spec are resolved against. */
  readonly baseDir: string;
}

/** True for a key that is not text, a number, a boolean or null (through aliases too). */
function isStructuredKey(key: unknown, document: Document): boolean {
  const { isAlias, isCollection, isScalar } = yamlPackage();
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
  yamlPackage().visit(document, {
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
  const { isMap, isScalar, isSeq } = yamlPackage();
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
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new SpecError([{ path: '', message: `${name} is not valid JSON: ${describeParseFailure(error)}` }]);
    }
    throwIfTooLargeExpanded(data, name);
    return data;
  }
  const { LineCounter, parseDocument } = yamlPackage();
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
  let data: unknown;
  try {
    // maxAliasCount bounds the number of alias uses ("billion laughs"); the expanded size is
    // bounded below, since a few aliases of one big node expand as much as many of a small one.
    data = document.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    throw new SpecError([{ path: '', message: `${name}: ${describeParseFailure(error)}` }]);
  }
  throwIfTooLargeExpanded(data, name);
  return data;
}

/** A parsed spec, aliases and shared references expanded, is held to the file's own size cap. */
function throwIfTooLargeExpanded(data: unknown, name: string): void {
  const issues = checkPlainData(data, { maxExpandedSize: MAX_SPEC_BYTES, checkKinds: false });
  throwIfIssues(issues.map((issue) => ({ ...issue, message: `${name}: ${issue.message}` })));
}

/** A parser that ran out of stack met nesting deeper than any spec has; other failures say what they are. */
function describeParseFailure(error: unknown): string {
  return error instanceof RangeError ? 'nested too deeply to parse' : (error as Error).message;
}

/** Standard input as a spec: `-`. */
export const STDIN_SPEC = '-';

/** Reads into `chunk`, waiting briefly while a non-blocking pipe has nothing yet. */
function readSomeSync(fd: number, chunk: Buffer, offset = 0, length = chunk.length - offset): number {
  for (;;) {
    try {
      return readSync(fd, chunk, offset, length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}

/** Specs are read into this first; only the bytes read are copied out. */
const FIRST_READ_BYTES = 64 * 1024;
const firstRead = Buffer.allocUnsafe(FIRST_READ_BYTES);

/**
 * Reads at most `limit + 1` bytes, so a device (`/dev/zero`), a pipe that never ends or a growing
 * file is cut off just past the limit instead of being read into memory whole. A spec fits the
 * first buffer, which is reused, so reading one allocates only its own bytes (batch reads
 * thousands); a larger input goes on in chunks of its own.
 */
function readBounded(path: string, limit: number): Buffer {
  const fd = path === STDIN_SPEC ? 0 : openSync(path, 'r');
  try {
    const firstLimit = Math.min(FIRST_READ_BYTES, limit + 1);
    let total = 0;
    while (total < firstLimit) {
      const count = readSomeSync(fd, firstRead, total, firstLimit - total);
      if (count === 0) break;
      total += count;
    }
    const chunks: Buffer[] = [Buffer.from(firstRead.subarray(0, total))];
    // The first buffer is full: there may be more, up to just past the limit.
    while (total >= firstLimit && total <= limit) {
      const chunk = Buffer.allocUnsafe(Math.min(FIRST_READ_BYTES, limit + 1 - total));
      const count = readSomeSync(fd, chunk);
      if (count === 0) break;
      chunks.push(chunk.subarray(0, count));
      total += count;
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

/** Drops a leading UTF-8 BOM by default; a decode() without `stream` keeps no state between calls. */
const utf8Decoder = new TextDecoder('utf-8', { fatal: false });

/**
 * Spec text from its bytes. UTF-8, with or without a byte order mark; UTF-16 with a BOM too, as
 * Windows PowerShell 5 writes with `>` (UTF-16LE) and some editors save: read as UTF-8, its BOM
 * and NUL bytes would be garbage that YAML refuses.
 */
export function decodeSpecBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return utf8Decoder.decode(bytes);
}

/**
 * Reads and parses a spec file, or standard input for `-` (its relative `source:` paths are
 * resolved against the current folder). A missing or unreadable spec is invalid input (exit 1).
 */
export async function loadSpecFile(path: string): Promise<LoadedSpec> {
  let bytes: Buffer;
  try {
    // Synchronous on purpose: specs are small, and the promise version costs more per file,
    // which batch pays thousands of times.
    bytes = readBounded(path, MAX_SPEC_BYTES);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new SpecError([{ path: '', message: `cannot read spec ${path}: ${reason}` }]);
  }
  if (bytes.length > MAX_SPEC_BYTES) {
    throw new SpecError([{ path: '', message: `spec ${path} is larger than ${MAX_SPEC_BYTES} bytes, the limit of a spec` }]);
  }
  if (path === STDIN_SPEC) return { data: parseSpecText(decodeSpecBytes(bytes), 'stdin'), baseDir: process.cwd() };
  return { data: parseSpecText(decodeSpecBytes(bytes), path), baseDir: dirname(resolve(path)) };
}
