/**
 * The reference back end: xorrisofs (run as `xorriso -as mkisofs`) with Rock Ridge, Joliet and the
 * exact label, made repeatable with SOURCE_DATE_EPOCH and `-volume_date all_file_dates`. The tree
 * is staged in a private temp folder that is always removed, also when the CLI exits on a signal
 * (its handler ends the process at once, which skips `finally` but runs 'exit' listeners), and then
 * xorriso is killed too. Must yield the same file tree as the native writer.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ToolError } from '../errors.js';
import type { FileTree } from '../common/file-tree.js';
import type { PackOptions } from './types.js';

async function stageTree(tree: FileTree, root: string): Promise<void> {
  for (const [path, content] of tree) {
    const target = join(root, ...path.split('/'));
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    await writeFile(target, content, { mode: 0o644 });
  }
}

export async function writeIsoWithXorriso(tree: FileTree, options: PackOptions): Promise<Uint8Array> {
  // node:os is loaded here, not at start-up: the native writer, the default, never needs it.
  const { tmpdir } = await import('node:os');
  const workDir = await mkdtemp(join(tmpdir(), 'cloudseed-xorriso-'));
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
