/** Small helpers the targets share. */
import { gzipSync } from 'node:zlib';
import type { FileTree } from '../../common/file-tree.js';
import type { ExportFile } from '../types.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function textExport(name: string, text: string): ExportFile {
  return { name, content: encoder.encode(text.endsWith('\n') ? text : `${text}\n`) };
}

/** A rendered file as text; renderers write UTF-8, injected files may not be (then undefined). */
export function textOf(tree: FileTree, path: string): string | undefined {
  const content = tree.get(path);
  if (content === undefined) return undefined;
  try {
    return decoder.decode(content);
  } catch {
    return undefined;
  }
}

/** gzip with no name and mtime 0 (zlib's default header), so equal input gives equal output. */
export function gzip(data: Uint8Array): Buffer {
  return gzipSync(data, { level: 9 });
}

export function base64(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
}

/** POSIX shell single-quoting: safe for any text. */
export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:=,+@%-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

export const MIB = 1024 * 1024;
