/**
 * Runs the independent reference tools (xorriso, isoinfo, 7z, blkid, fsck.fat, mtools, python3 + cloud-init)
 * that judge our images. A missing tool is a test failure, never a skip: scripts/ensure-test-tools.sh installs them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ToolResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number;
}

/** Runs a tool and returns its output; throws when it cannot start or (unless allowFailure) exits non-zero. */
export function runTool(
  command: string,
  args: readonly string[],
  options: { input?: string | Uint8Array; allowFailure?: boolean; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): ToolResult {
  const result = spawnSync(command, args, {
    input: options.input,
    env: options.env ?? process.env,
    cwd: options.cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) {
    throw new Error(`cannot run ${command}: ${result.error.message} (run scripts/ensure-test-tools.sh)`);
  }
  const status = result.status ?? 128;
  if (status !== 0 && !options.allowFailure) {
    throw new Error(`${command} ${args.join(' ')} exited ${status}\n${result.stderr}\n${result.stdout}`);
  }
  return { stdout: result.stdout, stderr: result.stderr, status };
}

/** Runs the body with a fresh temp directory and removes it afterwards. */
export async function withTempDir<T>(body: (dir: string) => Promise<T> | T): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'cloudseed-test-'));
  try {
    return await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
