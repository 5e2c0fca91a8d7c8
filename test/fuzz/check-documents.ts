/** Runs check-documents.py over many built seeds in one Python process (PyYAML and json, as cloud-init reads them). */
import { join } from 'node:path';
import type { FileTree } from '../../src/common/file-tree.js';
import { runTool } from '../helpers/tools.js';

export interface BuiltFiles {
  readonly seed: number;
  readonly files: FileTree;
}

export interface DocumentProblem {
  readonly seed: number;
  readonly path: string;
  readonly error: string;
}

export function checkDocuments(built: readonly BuiltFiles[]): DocumentProblem[] {
  if (built.length === 0) return [];
  const input = built
    .map(({ seed, files }) => JSON.stringify({ seed, files: Object.fromEntries([...files].map(([path, bytes]) => [path, Buffer.from(bytes).toString('base64')])) }))
    .join('\n');
  const { stdout } = runTool('/usr/bin/python3', [join(import.meta.dirname, 'check-documents.py')], { input });
  return stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as DocumentProblem);
}
