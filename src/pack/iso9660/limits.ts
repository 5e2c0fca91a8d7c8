/**
 * What an iso9660 image (as this writer makes it) cannot hold. The writer refuses a tree with
 * any issue, so everything after this check may trust the tree.
 */
import { MAX_IMAGE_SIZE } from '../../common/limits.js';
import type { Issue } from '../../errors.js';
import { contentSize, type SeedTree } from '../../common/file-tree.js';
import type { PackOptions } from '../types.js';
import { MAX_EPOCH, MIN_EPOCH } from '../../codec/iso9660/dates.js';
import { JOLIET_FORBIDDEN, JOLIET_MAX_NAME_UNITS } from '../../codec/iso9660/joliet.js';
import { layoutIso9660, type IsoLayout } from './layout.js';
import { SECTOR_SIZE } from '../../codec/iso9660/volume-descriptor.js';

/**
 * ECMA-119 6.8.2.1: at most 8 levels counting the root, so 7 nested folders. Deeper trees need
 * Rock Ridge relocation (RE/CL), which this writer does not do.
 */
const MAX_FOLDER_DEPTH = 7;
/** ECMA-119 9.1.4: a single extent's data length is 32 bits; we do not write multi-extent files. */
const MAX_FILE_SIZE = 2 ** 32 - 1;
/** The Joliet volume identifier holds 16 UCS-2 characters (32 bytes, ECMA-119 8.5.4). */
const MAX_LABEL_LENGTH = 16;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** A lone UTF-16 surrogate cannot be written as UTF-8 (Rock Ridge) or shown by any reader. */
const LONE_SURROGATE = /\p{Surrogate}/u;

function checkName(name: string): string | undefined {
  if (name === '') return "has an empty name (a leading, trailing or doubled '/')";
  if (name === '.' || name === '..') return `uses '${name}' as a name`;
  if (name.includes('\0')) return 'contains a NUL character';
  if (LONE_SURROGATE.test(name)) return 'is not valid Unicode (a lone UTF-16 surrogate)';
  if (JOLIET_FORBIDDEN.test(name)) {
    return 'contains a character Joliet (and so Windows) cannot hold: control characters or * : ; ? \\';
  }
  if (name.length > JOLIET_MAX_NAME_UNITS) {
    return `has a name of ${name.length} UTF-16 units; Joliet holds at most ${JOLIET_MAX_NAME_UNITS}`;
  }
  return undefined;
}

function checkPaths(tree: SeedTree): Issue[] {
  const issues = new Map<string, string>();
  const add = (path: string, message: string): void => {
    if (!issues.has(path)) issues.set(path, message);
  };
  for (const [path, content] of tree) {
    const parts = path.split('/');
    parts.forEach((name, index) => {
      const problem = checkName(name);
      if (problem) add(parts.slice(0, index + 1).join('/'), problem);
    });
    if (parts.length - 1 > MAX_FOLDER_DEPTH) {
      add(
        parts.slice(0, MAX_FOLDER_DEPTH + 1).join('/'),
        `is nested ${parts.length - 1} folders deep; ISO 9660 allows ${MAX_FOLDER_DEPTH} below the root (ECMA-119 6.8.2.1)`,
      );
    }
    for (let index = 1; index < parts.length; index++) {
      const prefix = parts.slice(0, index).join('/');
      if (tree.has(prefix)) add(prefix, `is both a file and a folder (image:/${path})`);
    }
    const size = contentSize(content);
    if (size > MAX_FILE_SIZE) {
      add(path, `is ${size} bytes; an ISO 9660 file extent holds at most ${MAX_FILE_SIZE} (4 GiB - 1)`);
    }
  }
  return [...issues].map(([path, message]) => ({ path: `image:/${path}`, message }));
}

function checkOptions(options: PackOptions): Issue[] {
  const issues: Issue[] = [];
  if (!PRINTABLE_ASCII.test(options.label) || options.label.length > MAX_LABEL_LENGTH) {
    issues.push({
      path: 'label',
      message: `an iso9660 volume label is at most ${MAX_LABEL_LENGTH} printable ASCII characters: '${options.label}'`,
    });
  }
  if (!Number.isInteger(options.epoch) || options.epoch < MIN_EPOCH || options.epoch > MAX_EPOCH) {
    issues.push({ path: 'epoch', message: `ISO 9660 dates run from 1900 to 2155; got epoch ${options.epoch}` });
  }
  return issues;
}

/** Everything checkIso9660Limits checks but the size, which needs the layout. */
export function checkIso9660Names(tree: SeedTree, options?: PackOptions): Issue[] {
  return [...checkPaths(tree), ...(options ? checkOptions(options) : [])];
}

/** ECMA-119 8.4.8: the volume space size is a 32-bit count of blocks. */
const MAX_VOLUME_BLOCKS = 2 ** 32 - 1;

/**
 * The size cap, on a layout the writer goes on to use (so the tree is laid out once). An image
 * built in memory is capped at MAX_IMAGE_SIZE; a streamed one only by what ISO 9660 can address.
 */
export function checkIso9660Size(layout: IsoLayout, streamed = false): Issue[] {
  const size = layout.blocks * SECTOR_SIZE;
  if (streamed) {
    return layout.blocks > MAX_VOLUME_BLOCKS
      ? [{ path: 'image:/', message: `the image would be ${layout.blocks} blocks; an ISO 9660 volume holds at most ${MAX_VOLUME_BLOCKS}` }]
      : [];
  }
  return size > MAX_IMAGE_SIZE
    ? [
        {
          path: 'image:/',
          message: `the image would be ${size} bytes; images built in memory are capped at ${MAX_IMAGE_SIZE} (1 GiB): write larger ones to a file (cloudseed build -o FILE, or writeSeed)`,
        },
      ]
    : [];
}

/**
 * Issues for what the image cannot hold, paths as `image:/a/b`. With options, the label and
 * epoch are checked too. The size cap is only checked for a tree that is otherwise fine, since
 * it needs the layout.
 */
export function checkIso9660Limits(tree: SeedTree, options?: PackOptions): Issue[] {
  const issues = checkIso9660Names(tree, options);
  return issues.length > 0 ? issues : checkIso9660Size(layoutIso9660(tree));
}
