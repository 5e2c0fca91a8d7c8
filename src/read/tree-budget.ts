/**
 * Caps on what a reader may pull out of one image. Files of a real seed never add up to more
 * than the image; a hostile image can point thousands of entries at the same extent or chain
 * and ask for gigabytes of copies. Shared storage is legitimate in iso9660 (hard links), so the
 * byte cap leaves room for it. The metadata caps bound the work of a read the same way: a real
 * seed has a handful of directory records, SUSP entries and cluster links, a crafted one can make
 * every record (or every file) walk the same long continuation area or cluster chain again.
 */
import { IoError } from '../errors.js';

/** Far more files than any seed holds (cloud-init seeds have a handful). */
const MAX_FILES = 100_000;
/** Copies of shared extents are allowed up to this many times the image size... */
const SHARED_DATA_FACTOR = 4;
/** ...and always at least this much, so a tiny image with hard links still reads. */
const MIN_BYTE_BUDGET = 64 * 1024 * 1024;
/** Deeper than any seed (ECMA-119 allows 8 levels; a cloud-init seed uses 3); stops loops and stack bombs. */
export const MAX_FOLDER_DEPTH = 64;

/**
 * Metadata items a whole read may go through. Each is far above what a legitimate image needs
 * (a record, an entry or a link is read once there) and small enough to be walked in well under
 * a second.
 */
const MAX_METADATA = {
  'directory records': 1_000_000,
  'SUSP entries': 1_000_000,
  'cluster links': 4_000_000,
} as const;
export type MetadataKind = keyof typeof MAX_METADATA;

export interface TreeBudget {
  /** Counts one more file of `size` bytes; throws IoError once a cap is passed. */
  spend(path: string, size: number): void;
  /** Counts `count` more metadata items of `kind`; throws IoError once the cap of that kind is passed. */
  spendMetadata(kind: MetadataKind, count: number): void;
}

export function createTreeBudget(imageLength: number): TreeBudget {
  let files = 0;
  let bytes = 0;
  const metadata: Record<MetadataKind, number> = { 'directory records': 0, 'SUSP entries': 0, 'cluster links': 0 };
  const maxBytes = Math.max(MIN_BYTE_BUDGET, imageLength * SHARED_DATA_FACTOR);
  return {
    spend(path, size) {
      files += 1;
      bytes += size;
      if (files > MAX_FILES) throw new IoError(`image holds more than ${MAX_FILES} files; refusing to read it`);
      if (bytes > maxBytes) {
        throw new IoError(`image files add up to more than ${maxBytes} bytes at ${path}; refusing to read it`);
      }
    },
    spendMetadata(kind, count) {
      metadata[kind] += count;
      if (metadata[kind] > MAX_METADATA[kind]) {
        throw new IoError(`image makes a reader go through more than ${MAX_METADATA[kind]} ${kind}; refusing to read it`);
      }
    },
  };
}

/**
 * What a reader has found so far: files, the folders it entered, and the paths that a folder
 * names more than once (names that differ on disc can decode alike: a ";1" version, equal
 * UCS-2, two long-name entries). A guest sees one of those; the first one found is kept.
 */
export interface FoundTree {
  readonly files: Map<string, Uint8Array>;
  readonly folders: Set<string>;
  readonly duplicates: Set<string>;
}

export function createFoundTree(): FoundTree {
  return { files: new Map(), folders: new Set(), duplicates: new Set() };
}

/** True when `path` is new; a path seen already (as a file or a folder) is noted as a duplicate. */
export function claimPath(found: FoundTree, path: string): boolean {
  if (!found.files.has(path) && !found.folders.has(path)) return true;
  found.duplicates.add(path);
  return false;
}
