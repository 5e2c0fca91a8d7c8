/**
 * Seed images made by the reference tools the readers must understand: cloud-localds,
 * genisoimage, xorriso -as mkisofs, mkfs.vfat + mcopy. Each returns the image bytes.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileTree, type FileTree } from '../../src/common/file-tree.js';
import { runTool, withTempDir } from '../helpers/tools.js';

const UTF8_ENV = { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };

export type IsoTool = 'genisoimage' | 'xorriso';

function writeSource(root: string, tree: FileTree): void {
  mkdirSync(root, { recursive: true });
  for (const [path, content] of tree) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** `genisoimage ARGS` or `xorriso -as mkisofs ARGS` over a folder holding `tree`. */
export function makeIso(tool: IsoTool, args: readonly string[], tree: FileTree): Promise<Uint8Array> {
  return withTempDir((dir) => {
    writeSource(join(dir, 'source'), tree);
    const image = join(dir, 'seed.iso');
    const command = tool === 'xorriso' ? ['-as', 'mkisofs', ...args] : args;
    runTool(tool, [...command, '-quiet', '-o', image, join(dir, 'source')]);
    return new Uint8Array(readFileSync(image));
  });
}

/** `mkfs.vfat ARGS -C image KiB`, then `mcopy -s` of the tree (long names, sub-folders). */
export function makeVfat(mkfsArgs: readonly string[], kibibytes: number, tree: FileTree): Promise<Uint8Array> {
  return withTempDir((dir) => {
    const source = join(dir, 'source');
    writeSource(source, tree);
    const image = join(dir, 'seed.img');
    runTool('mkfs.vfat', [...mkfsArgs, '-C', image, String(kibibytes)]);
    const top = readdirSync(source).map((name) => join(source, name));
    if (top.length > 0) runTool('mcopy', ['-s', '-i', image, ...top, '::/'], { env: UTF8_ENV });
    return new Uint8Array(readFileSync(image));
  });
}

/** `cloud-localds [ARGS] seed user-data meta-data` (-N network-config when given). */
export function makeCloudLocalds(
  args: readonly string[],
  files: { userData: string; metaData: string; networkConfig?: string },
): Promise<Uint8Array> {
  return withTempDir((dir) => {
    writeFileSync(join(dir, 'user-data'), files.userData);
    writeFileSync(join(dir, 'meta-data'), files.metaData);
    const network = files.networkConfig === undefined ? [] : ['-N', join(dir, 'network-config')];
    if (files.networkConfig !== undefined) writeFileSync(join(dir, 'network-config'), files.networkConfig);
    const image = join(dir, 'seed.img');
    runTool('cloud-localds', [...args, ...network, image, join(dir, 'user-data'), join(dir, 'meta-data')]);
    return new Uint8Array(readFileSync(image));
  });
}

/** A fresh key pair's public line and `ssh-keygen -l`'s fingerprint of it (the independent answer). */
export function makeSshKey(type: 'ed25519' | 'rsa' | 'ecdsa', comment: string): Promise<{ line: string; fingerprint: string }> {
  return withTempDir((dir) => {
    const key = join(dir, 'key');
    runTool('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', comment, '-f', key]);
    const fingerprint = runTool('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${key}.pub`]).stdout.split(' ')[1] ?? '';
    return { line: readFileSync(`${key}.pub`, 'utf8').trim(), fingerprint };
  });
}

/** A text tree from path/text pairs (fileTree with a shorter name for the tests). */
export function textTree(entries: Record<string, string>): FileTree {
  return fileTree(Object.entries(entries));
}
