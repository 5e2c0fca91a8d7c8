/** Reading images back with the independent tools, for tests that judge our output. */
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { FileTree } from '../../src/common/file-tree.js';
import { runTool } from './tools.js';

/** Every file under a folder as a FileTree (paths relative, '/'-separated, sorted). */
export function readTreeFromDir(dir: string): FileTree {
  const files: [string, Uint8Array][] = [];
  const walk = (current: string): void => {
    for (const name of readdirSync(current)) {
      const full = join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.push([relative(dir, full).split('\\').join('/'), new Uint8Array(readFileSync(full))]);
    }
  };
  walk(dir);
  return new Map(files.sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Writes a FileTree out as plain files under dir. */
export function writeTreeToDir(tree: FileTree, dir: string): void {
  for (const [path, content] of tree) {
    const target = join(dir, ...path.split('/'));
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(target, content);
  }
}

/** Extracts an ISO image with xorriso (Rock Ridge names) into dir and returns the tree. */
export function extractIsoWithXorriso(imagePath: string, dir: string): FileTree {
  mkdirSync(dir, { recursive: true });
  runTool('xorriso', ['-abort_on', 'FAILURE', '-indev', imagePath, '-osirrox', 'on', '-extract', '/', dir]);
  return readTreeFromDir(dir);
}

/** Extracts a FAT image with mtools into dir and returns the tree. */
export function extractFatWithMtools(imagePath: string, dir: string): FileTree {
  mkdirSync(dir, { recursive: true });
  const listing = runTool('mdir', ['-i', imagePath, '-b', '-/', '::/'], { allowFailure: true });
  if (listing.stdout.trim() !== '') runTool('mcopy', ['-i', imagePath, '-s', '-n', '-m', '::/*', dir]);
  return readTreeFromDir(dir);
}

/** blkid's low-level probe of an image file: TYPE, LABEL, LABEL_FATBOOT... */
export function probeWithBlkid(imagePath: string): Record<string, string> {
  const { stdout } = runTool('blkid', ['-p', '-o', 'export', imagePath]);
  return Object.fromEntries(
    stdout
      .trim()
      .split('\n')
      .map((line) => line.split('='))
      .map(([key, ...rest]) => [key!, rest.join('=')]),
  );
}

/** Parses YAML with PyYAML's safe_load (what cloud-init uses) and returns the value as JSON. */
export function loadWithPyYaml(text: string): unknown {
  const script = 'import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read()), default=str))';
  return JSON.parse(runTool('/usr/bin/python3', ['-c', script], { input: text }).stdout);
}
