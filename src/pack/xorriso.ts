/**
 * The reference back end: xorrisofs with Rock Ridge, Joliet and the exact label, made repeatable
 * with SOURCE_DATE_EPOCH and `-volume_date all_file_dates`. The tree is staged in a private temp
 * folder that is always removed. Must yield the same file tree as the native writer.
 */
import { mkdtemp, mkdir, readFile, rm, writeFile, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { ToolError } from '../errors.js';
import type { FileTree } from '../render/file-tree.js';
import type { PackOptions } from './types.js';

async function stageTree(tree: FileTree, root: string, epoch: number): Promise<void> {
  const folders = new Set<string>();
  for (const [path, content] of tree) {
    const target = join(root, ...path.split('/'));
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    await writeFile(target, content, { mode: 0o644 });
    await utimes(target, epoch, epoch);
    for (let dir = dirname(path); dir !== '.'; dir = dirname(dir)) folders.add(dir);
  }
  // Folder times too: xorrisofs records them in Rock Ridge TF entries.
  for (const dir of [...folders].sort().reverse()) await utimes(join(root, ...dir.split('/')), epoch, epoch);
  await utimes(root, epoch, epoch);
}

export async function writeIsoWithXorriso(tree: FileTree, options: PackOptions): Promise<Uint8Array> {
  const workDir = await mkdtemp(join(tmpdir(), 'cloudseed-xorriso-'));
  try {
    const root = join(workDir, 'root');
    const output = join(workDir, 'seed.iso');
    await mkdir(root, { mode: 0o700 });
    await stageTree(tree, root, options.epoch);
    const date = new Date(options.epoch * 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
    try {
      await execa(
        'xorrisofs',
        ['-quiet', '-R', '-J', '-joliet-long', '-V', options.label, '-volume_date', 'all_file_dates', `=${options.epoch}`,
          '-volume_date', 'uuid', `${date}00`, '-o', output, root],
        { env: { SOURCE_DATE_EPOCH: String(options.epoch) }, stdin: 'ignore' },
      );
    } catch (error) {
      const e = error as { code?: string; stderr?: string; shortMessage?: string };
      if (e.code === 'ENOENT') {
        throw new ToolError('xorrisofs is not installed; install the Debian package "xorriso" (apt-get install xorriso) or use --writer native');
      }
      throw new ToolError(`xorrisofs failed: ${(e.stderr || e.shortMessage || String(error)).trim()}`);
    }
    return new Uint8Array(await readFile(output));
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
