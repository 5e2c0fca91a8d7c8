/**
 * The reference tools take files, not specs: each spec is rendered once by the built library
 * (untimed) and its files staged in a folder of their own, so every tool packs the same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LIBRARY } from './environment.js';
import { makeSpec } from './specs.js';

interface Library {
  renderSeed(spec: unknown): Promise<{ files: ReadonlyMap<string, Uint8Array> }>;
}

/** A staged seed: its folder and its files' full paths (user-data, meta-data, network-config). */
export interface StagedSeed {
  readonly dir: string;
  readonly files: readonly string[];
}

export async function loadLibrary(): Promise<Library> {
  return (await import(pathToFileURL(LIBRARY).href)) as Library;
}

/** Renders spec `index` into `dir`. */
export async function stageSeed(library: Library, index: number, dir: string): Promise<StagedSeed> {
  const { files } = await library.renderSeed(makeSpec(index));
  mkdirSync(dir, { recursive: true });
  const paths = [...files].map(([name, content]) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  });
  return { dir, files: paths };
}
