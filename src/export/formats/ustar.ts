/**
 * A POSIX ustar archive writer, for small archives of known content: every entry owned by
 * root:root with a fixed mtime, so the same input always gives the same bytes.
 *
 * Layout (POSIX.1-1988 ustar): each entry is a 512-byte header followed by its data padded to
 * 512 bytes; the archive ends with two zero blocks and is padded to whole 10240-byte records,
 * the record size tar uses by default.
 */

export interface TarEntry {
  /** '/'-separated path, without a leading slash; folders end in '/'. */
  readonly path: string;
  /** Absent for a folder. */
  readonly content?: Uint8Array;
  readonly mode: number;
}

const BLOCK = 512;
const RECORD = 20 * BLOCK;
const encoder = new TextEncoder();

/** A numeric field: octal digits, zero-padded, then NUL, filling `width` bytes. */
function octal(value: number, width: number): string {
  const digits = value.toString(8);
  if (digits.length > width - 1) throw new RangeError(`${value} does not fit a ${width}-byte tar field`);
  return `${digits.padStart(width - 1, '0')}\0`;
}

function put(header: Uint8Array, offset: number, width: number, text: string): void {
  const bytes = encoder.encode(text);
  if (bytes.length > width) throw new RangeError(`'${text}' does not fit a ${width}-byte tar field`);
  header.set(bytes, offset);
}

/** Splits a long path into ustar's prefix (up to 155 bytes) and name (up to 100 bytes) at a '/'. */
function splitPath(path: string): { prefix: string; name: string } {
  if (encoder.encode(path).length <= 100) return { prefix: '', name: path };
  for (let cut = path.indexOf('/'); cut !== -1; cut = path.indexOf('/', cut + 1)) {
    const prefix = path.slice(0, cut);
    const name = path.slice(cut + 1);
    if (encoder.encode(prefix).length <= 155 && encoder.encode(name).length <= 100 && name !== '') return { prefix, name };
  }
  throw new RangeError(`the path ${path} is too long for a ustar archive`);
}

function header(entry: TarEntry, mtime: number): Uint8Array {
  const block = new Uint8Array(BLOCK);
  const isFolder = entry.content === undefined;
  const { prefix, name } = splitPath(entry.path);
  put(block, 0, 100, name);
  put(block, 100, 8, octal(entry.mode, 8));
  put(block, 108, 8, octal(0, 8));
  put(block, 116, 8, octal(0, 8));
  put(block, 124, 12, octal(entry.content?.length ?? 0, 12));
  put(block, 136, 12, octal(mtime, 12));
  put(block, 148, 8, '        '); // the checksum is computed with its own field as eight spaces
  put(block, 156, 1, isFolder ? '5' : '0');
  put(block, 257, 6, 'ustar\0');
  put(block, 263, 2, '00');
  put(block, 265, 32, 'root');
  put(block, 297, 32, 'root');
  put(block, 329, 8, octal(0, 8));
  put(block, 337, 8, octal(0, 8));
  put(block, 345, 155, prefix);
  const sum = block.reduce((total, byte) => total + byte, 0);
  // Six octal digits, NUL, space: the form GNU tar and POSIX readers both accept.
  put(block, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return block;
}

/** The archive of `entries`, in the order given (parents before children), every mtime `mtime`. */
export function encodeUstar(entries: readonly TarEntry[], mtime: number): Uint8Array {
  const padded = (size: number): number => Math.ceil(size / BLOCK) * BLOCK;
  const length = entries.reduce((total, entry) => total + BLOCK + padded(entry.content?.length ?? 0), 0);
  const archive = new Uint8Array(Math.ceil((length + 2 * BLOCK) / RECORD) * RECORD);
  let offset = 0;
  for (const entry of entries) {
    archive.set(header(entry, mtime), offset);
    offset += BLOCK;
    if (entry.content !== undefined) {
      archive.set(entry.content, offset);
      offset += padded(entry.content.length);
    }
  }
  return archive;
}
