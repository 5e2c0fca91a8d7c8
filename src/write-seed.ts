/**
 * The pipeline's writing end: {@link writeSeed} streams a checked, rendered seed into a file
 * atomically. Apart from src/seed.ts (validate, render, build and stream in memory) because it
 * alone adds the output stage and the derived instance-id's one-pass hashing of injected files.
 */
import type { ImageRevision } from './common/image-revision.js';
import type { SourceFile } from './common/file-tree.js';
import { writeFileAtomic } from './output/atomic-write.js';
import { encodeIso9660Chunks } from './pack/iso9660/index.js';
import { streamsSources } from './pack/registry.js';
import type { InstanceIdDigest } from './parse/instance-id.js';
import type { InstanceModel } from './model/types.js';
import { nameImageIssues, parseChecked, renderUnread, resolveEpoch, type SeedOptions, type StreamedSeed, streamModel } from './seed.js';

/** Options of {@link writeSeed}: the build options plus how the file is written. */
export interface WriteSeedOptions extends SeedOptions {
  /** Replace an existing file. Without it an existing file is an error and stays untouched. */
  readonly force?: boolean;
  /** File mode of the new file. Default: 0o600, since seeds can carry password hashes. */
  readonly mode?: number;
}

/**
 * The answer of {@link writeSeed}: what was built and where it now lies. The image was streamed
 * to the file, so it is not held here (read the file, or use `buildSeed`), and `files`
 * leaves injected `source:` files unread: their entries are `{ field, name, realPath, size }`.
 */
export interface WrittenSeed extends Omit<StreamedSeed, 'chunks'> {
  readonly path: string;
}

/**
 * Builds the seed and writes the image to `path` atomically, as `cloudseed build -o` does: the
 * image goes to a temp file beside `path`, is synced and then moved into place, so `path` holds
 * either its old content, nothing, or the whole new image. An existing file is kept unless
 * `force` is set; on any error nothing is left behind. The image is streamed: injected `source:`
 * files are copied from disk in bounded chunks, so neither they nor the image are held in memory
 * (iso9660 with the native writer; vfat and xorriso images are built in memory, within 1 GiB).
 *
 * @throws {SpecError} when the spec is invalid (nothing is written).
 * @throws {ToolError} when the xorriso writer is asked for and fails (nothing is written).
 * @throws {IoError} when `path` exists without `force`, or the file cannot be written.
 * @example
 * const { path, instanceId, warnings } = await writeSeed(spec, 'seed.iso', { force: true });
 */
export async function writeSeed(spec: unknown, path: string, options: WriteSeedOptions = {}): Promise<WrittenSeed> {
  const { model, pendingId } = await parseChecked(spec, options, true);
  if (pendingId !== undefined && streamsSources(model.image)) return writeHashingSeed(model, pendingId, path, options);
  const { chunks, ...seed } = await streamModel(pendingId === undefined ? model : { ...model, instanceId: pendingId.finish() }, options);
  await writeFileAtomic(path, chunks, { force: options.force, mode: options.mode });
  return { ...seed, path };
}

/**
 * writeSeed when the derived instance-id hashes injected files the image streams: they are read
 * once, for both. The image is written with PENDING_INSTANCE_ID while the files going into it are
 * hashed (on a worker thread when they are large); then the seed is rendered with the id and the
 * rendered files that carry it are rewritten in place (the whole image, should the id change a
 * file's size). Same bytes and id as `streamSeed`'s image.
 */
async function writeHashingSeed(model: InstanceModel, pendingId: InstanceIdDigest, path: string, options: WriteSeedOptions): Promise<WrittenSeed> {
  const { image } = model;
  const pending = renderUnread(model);
  let seed = pending;
  let size = 0;
  try {
    const read = (file: SourceFile): Iterable<Uint8Array> => pendingId.read(file);
    const stream = encodeIso9660Chunks(pending.files, { label: image.label, epoch: resolveEpoch(options) }, read);
    // Once the layout is known to fit: a seed the checks refuse starts no thread.
    await pendingId.hashOnThread();
    const revise = (): ImageRevision => {
      seed = renderUnread({ ...model, instanceId: pendingId.finish() });
      const revision = stream.revise(seed.files);
      size = revision.size;
      return revision;
    };
    await writeFileAtomic(path, { chunks: stream.chunks, revise }, { force: options.force, mode: options.mode });
  } catch (error) {
    throw nameImageIssues(error, image, options);
  } finally {
    await pendingId.close();
  }
  return { ...seed, size, filesystem: image.filesystem, label: image.label, path };
}
