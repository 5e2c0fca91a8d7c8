/**
 * The reference back end: xorrisofs (run as `xorriso -as mkisofs`) with Rock Ridge, Joliet and the
 * exact label, made repeatable with SOURCE_DATE_EPOCH and `-volume_date all_file_dates`. The tree
 * is staged in a private temp folder that is always removed, also when the CLI exits on a signal
 * (its handler ends the process at once, which skips `finally` but runs 'exit' listeners), and then
 * xorriso is killed too. A worker thread stopped with the process runs no 'exit' listener, so batch
 * gives its workers a `tempDir` that the main thread removes (src/batch/run-batch.ts). Must yield
 * the same file tree as the native writer.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ToolError } from '../errors.js';
import type { FileTree } from '../common/file-tree.js';
import type { PackOptions } from './types.js';

/**
 * Folders are made one level at a time, never with `recursive`: should the staging folder be
 * removed under a writer still at work (batch removes its workers' on exit), making a file fails
 * instead of making the folders again.
 */
async function stageTree(tree: FileTree, root: string): Promise<void> {
  const made = new Set<string>();
  for (const [path, content] of tree) {
    const parts = path.split('/');
    for (let depth = 1; depth < parts.length; depth++) {
      const folder = parts.slice(0, depth).join('/');
      if (made.has(folder)) continue;
      await mkdir(join(root, ...parts.slice(0, depth)), { mode: 0o700 });
      made.add(folder);
    }
    await writeFile(join(root, ...parts), content, { mode: 0o644 });
  }
}

export interface XorrisoOptions extends PackOptions {
  /** Folder to make the staging folder in. Default: os.tmpdir(). */
  readonly tempDir?: string;
}

export async function writeIsoWithXorriso(tree: FileTree, options: XorrisoOptions): Promise<Uint8Array> {
  // node:os is loaded here, not at start-up: the native writer, the default, never needs it.
  const parent = options.tempDir ?? (await import('node:os')).tmpdir();
  const workDir = await mkdtemp(join(parent, 'cloudseed-xorriso-'));
  let child: { kill: (signal: NodeJS.Signals) => boolean } | undefined;
  const cleanUpOnExit = (): void => {
    child?.kill('SIGKILL');
    rmSync(workDir, { recursive: true, force: true });
  };
  process.on('exit', cleanUpOnExit);
  try {
    const root = join(workDir, 'root');
    const output = join(workDir, 'seed.iso');
    await mkdir(root, { mode: 0o700 });
    await stageTree(tree, root);
    const date = new Date(options.epoch * 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
    try {
      // -volume_date is a xorriso command, not a mkisofs option: it goes before `-as mkisofs`.
      // all_file_dates overrides every file and folder time, so staging times do not leak in.
      // Loaded here: execa is a third of the CLI's start-up time, and only this back end needs it.
      const { execa } = await import('execa');
      const subprocess = execa(
        'xorriso',
        ['-abort_on', 'FAILURE', '-return_with', 'SORRY', '0',
          '-volume_date', 'all_file_dates', `=${options.epoch}`, '-volume_date', 'uuid', `${date}00`,
          '-as', 'mkisofs', '-quiet', '-R', '-J', '-joliet-long', '-V', options.label, '-o', output, root],
        { env: { SOURCE_DATE_EPOCH: String(options.epoch) }, stdin: 'ignore' },
      );
      child = subprocess;
      await subprocess;
    } catch (error) {
      const e = error as { code?: string; stderr?: string; shortMessage?: string };
      if (e.code === 'ENOENT') {
        throw new ToolError('xorriso is not installed; install the Debian package "xorriso" (apt-get install xorriso) or use --writer native');
      }
      throw new ToolError(`xorriso failed: ${(e.stderr || e.shortMessage || String(error)).trim()}`);
    }
    return new Uint8Array(await readFile(output));
  } finally {
    child = undefined;
    process.off('exit', cleanUpOnExit);
    await rm(workDir, { recursive: true, force: true });
  }
}
