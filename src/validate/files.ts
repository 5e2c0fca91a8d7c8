/** Semantic checks of files the guest receives: write_files, injected files, user-data parts. */
import type { Issue } from '../errors.js';
import type { Spec } from '../spec/types.js';

/** A guest path cloud-init can write: absolute, no `..` segments, no control characters. */
export function checkGuestPath(path: string): string | undefined {
  if (!path.startsWith('/')) return `'${path.slice(0, 80)}' is not an absolute path`;
  if (path.split('/').includes('..')) return `'${path.slice(0, 80)}' contains '..'`;
  if (/[\0-\x1f\x7f]/.test(path)) return 'contains a control character (newline, tab, NUL...)';
  if (path.endsWith('/')) return `'${path.slice(0, 80)}' names a directory, not a file`;
  return undefined;
}

/** "0644", "644" or a YAML 1.1 integer such as 0644 (read as 420) -> "0644"; undefined when invalid. */
export function normalizePermissions(value: string | number): string | undefined {
  const text = typeof value === 'number' ? value.toString(8) : value;
  if (!/^[0-7]{3,4}$/.test(text)) return undefined;
  return text.padStart(4, '0');
}

function checkContentSource(
  entry: { content?: string; source?: string },
  path: string,
  issues: Issue[],
): void {
  if (entry.content !== undefined && entry.source !== undefined) {
    issues.push({ path, message: 'give either content or source, not both' });
  }
}

export function checkFiles(spec: Spec): Issue[] {
  const issues: Issue[] = [];
  spec.write_files?.forEach((entry, i) => {
    const path = `write_files[${i}]`;
    const pathProblem = checkGuestPath(entry.path);
    if (pathProblem) issues.push({ path: `${path}.path`, message: pathProblem });
    checkContentSource(entry, path, issues);
    if (entry.permissions !== undefined && normalizePermissions(entry.permissions) === undefined) {
      issues.push({ path: `${path}.permissions`, message: `'${entry.permissions}' is not an octal mode such as "0644"` });
    }
  });
  const injected = new Map<string, number>();
  spec.files?.forEach((entry, i) => {
    const path = `files[${i}]`;
    const pathProblem = checkGuestPath(entry.path);
    if (pathProblem) issues.push({ path: `${path}.path`, message: pathProblem });
    checkContentSource(entry, path, issues);
    if (entry.content === undefined && entry.source === undefined) {
      issues.push({ path, message: 'needs content or source' });
    }
    const earlier = injected.get(entry.path);
    if (earlier !== undefined) issues.push({ path: `${path}.path`, message: `'${entry.path}' is already injected by files[${earlier}]` });
    else injected.set(entry.path, i);
  });
  spec.user_data?.parts?.forEach((part, i) => {
    if (typeof part === 'string') return;
    const path = `user_data.parts[${i}]`;
    checkContentSource(part, path, issues);
    if (part.content === undefined && part.source === undefined) issues.push({ path, message: 'needs content or source' });
    if (part.filename !== undefined && /[\0-\x1f"\\/]/.test(part.filename)) {
      issues.push({ path: `${path}.filename`, message: 'must be a plain file name (no quotes, slashes or control characters)' });
    }
  });
  return issues;
}
