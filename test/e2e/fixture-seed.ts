/**
 * A NoCloud seed made without cloudseed: hand-written files packed by xorrisofs. Used ONLY by the
 * harness's own smoke test, to prove the guest, the reporter and the assertions before any seed
 * of ours is trusted. JSON is YAML, so the files are serialized, never templated.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runTool } from '../helpers/tools.js';

export interface NoCloudFiles {
  readonly metaData: Record<string, unknown>;
  readonly userData: Record<string, unknown>;
  readonly networkConfig?: Record<string, unknown>;
}

/** Writes the NoCloud tree into dir/tree and packs it as an iso9660 `cidata` image. */
export async function buildFixtureSeed(dir: string, files: NoCloudFiles): Promise<Uint8Array> {
  const tree = join(dir, 'tree');
  await mkdir(tree, { recursive: true });
  await writeFile(join(tree, 'meta-data'), `${JSON.stringify(files.metaData, null, 2)}\n`);
  await writeFile(join(tree, 'user-data'), `#cloud-config\n${JSON.stringify(files.userData, null, 2)}\n`);
  if (files.networkConfig) {
    await writeFile(join(tree, 'network-config'), `${JSON.stringify(files.networkConfig, null, 2)}\n`);
  }
  const image = join(dir, 'fixture-seed.iso');
  runTool('xorrisofs', ['-quiet', '-R', '-J', '-V', 'cidata', '-o', image, tree]);
  return readFile(image);
}

/** A SHA-512 crypt hash made by openssl (the guest's check re-hashes with the salt it finds). */
export function hashPassword(password: string, salt: string): string {
  return runTool('openssl', ['passwd', '-6', '-salt', salt, '-stdin'], { input: `${password}\n` }).stdout.trim();
}
