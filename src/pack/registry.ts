/**
 * Writers by filesystem and back end. Native writers are pure `(tree, options) => bytes`; the
 * xorriso back end spawns a tool. Each filesystem's limits are checked before any work is done.
 * Only the native iso9660 writer can stream (streamTree): the others build the image in memory,
 * so injected source files are read into memory for them, within the in-memory image cap.
 */
import { SpecError, type Issue } from '../errors.js';
import type { ImageModel } from '../model/types.js';
import type { FileTree, SeedTree } from '../common/file-tree.js';
import { materializeTree } from '../input/source-file-reader.js';
import { checkIso9660Limits, encodeIso9660Chunks, writeIso9660, type IsoStream } from './iso9660/index.js';
import type { FilesystemName, WriterName } from './types.js';
import { checkVfatLimits, writeVfat, type VfatOptions } from './vfat/index.js';
import { writeIsoWithXorriso } from './xorriso.js';

export interface PackRequest {
  readonly image: ImageModel;
  readonly epoch: number;
  /** Where the xorriso writer stages the tree (SeedOptions.tempDir). */
  readonly tempDir?: string;
}

/** The model already chose the label's case (upper by default on vfat, as given with --label): keep it. */
function vfatOptions(image: ImageModel, epoch: number): VfatOptions {
  return { label: image.label, epoch, size: image.size, exactLabelCase: true };
}

type Writer = (tree: FileTree, request: PackRequest) => Promise<Uint8Array>;

const LIMITS: Record<FilesystemName, (tree: FileTree, request: PackRequest) => Issue[]> = {
  iso9660: (tree, { image, epoch }) => checkIso9660Limits(tree, { label: image.label, epoch }),
  vfat: (tree, { image, epoch }) => checkVfatLimits(tree, vfatOptions(image, epoch)),
};

/** Refuses, with the same issues as LIMITS.iso9660, what it cannot write: checked on the layout it writes. */
const writeNativeIso: Writer = async (tree, { image, epoch }) => writeIso9660(tree, { label: image.label, epoch });

const WRITERS: Record<FilesystemName, Partial<Record<WriterName, Writer>>> = {
  iso9660: {
    native: writeNativeIso,
    xorriso: (tree, { image, epoch, tempDir }) => writeIsoWithXorriso(tree, { label: image.label, epoch, tempDir }),
  },
  vfat: {
    native: async (tree, { image, epoch }) => writeVfat(tree, vfatOptions(image, epoch)),
  },
};

/** Issues for what the chosen filesystem cannot hold; empty when the tree fits. */
export function checkImageLimits(tree: FileTree, request: PackRequest): Issue[] {
  const issues = LIMITS[request.image.filesystem](tree, request);
  if (!WRITERS[request.image.filesystem][request.image.writer]) {
    issues.push({
      path: 'writer',
      message: `the ${request.image.writer} writer cannot make ${request.image.filesystem} images; use ${Object.keys(WRITERS[request.image.filesystem]).join(' or ')}`,
    });
  }
  return issues;
}

/**
 * The tree with its source files read whole, once the in-memory cap allows them. The native
 * iso9660 writer streams into files, so what holds the bytes here is the caller (buildSeed, batch);
 * the other writers always build the image in memory.
 */
export function readIntoMemory(tree: SeedTree, { image }: PackRequest): FileTree {
  return materializeTree(tree, streamsSources(image) ? 'buildSeed and batch' : `the ${image.filesystem} ${image.writer} writer`);
}

/** The image in memory. Source files are read whole (within MAX_IMAGE_SIZE). */
export async function packTree(seedTree: SeedTree, request: PackRequest): Promise<Uint8Array> {
  const tree = readIntoMemory(seedTree, request);
  const write = WRITERS[request.image.filesystem][request.image.writer];
  // Laying out a tree is most of a small image's cost: the native iso9660 writer checks once.
  if (write !== writeNativeIso) {
    const issues = checkImageLimits(tree, request);
    if (issues.length > 0) throw new SpecError(issues);
  }
  return write!(tree, request);
}

/** True when streamTree reads source files while it writes them, rather than into memory first. */
export function streamsSources(image: ImageModel): boolean {
  return image.filesystem === 'iso9660' && image.writer === 'native';
}

/**
 * The image as chunks, for writing to a file or a pipe: the native iso9660 writer streams (source
 * files are read while the chunks are written); the other writers give their in-memory image.
 */
export async function streamTree(tree: SeedTree, request: PackRequest): Promise<IsoStream> {
  const { image } = request;
  if (streamsSources(image)) return encodeIso9660Chunks(tree, { label: image.label, epoch: request.epoch });
  const bytes = await packTree(tree, request);
  return { size: bytes.length, chunks: [bytes] };
}
