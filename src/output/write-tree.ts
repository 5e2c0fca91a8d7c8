/** The `dir` output: a file tree written out as plain files (for `render --out-dir`, seedfrom, debugging). */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { IoError } from '../errors.js';
import type { FileTree } from '../common/file-tree.js';

export async function writeTreeToDirectory(tree: FileTree, dir: string, options: { force?: boolean } = {}): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    const existing = await readdir(dir);
    if (existing.length > 0 && !options.force) {
      throw new IoError(`${dir} is not empty; use --force to write into it`);
    }
    for (const [path, content] of tree) {
      const target = join(dir, ...path.split('/'));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, content, { mode: 0o600 });
    }
  } catch (error) {
    if (error instanceof IoError) throw error;
    throw new IoError(`cannot write ${dir}: ${(error as Error).message}`);
  }
}
