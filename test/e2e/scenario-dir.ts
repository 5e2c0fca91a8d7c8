/**
 * One folder per scenario under test-output/e2e/: the seed, console logs, facts and QEMU command
 * lines. Removed when the scenario passes, kept (and named in the error) when it fails.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUTPUT_ROOT = resolve(fileURLToPath(new URL('../../test-output/e2e', import.meta.url)));

/** Runs the body in a fresh folder for this scenario; on failure the error names the folder. */
export async function withScenarioDir<T>(name: string, body: (dir: string) => Promise<T>): Promise<T> {
  const dir = join(OUTPUT_ROOT, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  let result: T;
  try {
    result = await body(dir);
  } catch (error) {
    const where = relative(process.cwd(), dir) || dir;
    if (error instanceof Error) {
      error.message = `${error.message}\n(e2e artefacts: ${where}/)`;
      throw error;
    }
    throw new Error(`${String(error)}\n(e2e artefacts: ${where}/)`);
  }
  await rm(dir, { recursive: true, force: true });
  return result;
}
