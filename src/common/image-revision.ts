/**
 * An image written in order and then corrected in place: writeSeed writes a seed whose derived
 * instance-id is hashed from the injected files as they are written, so the few bytes that carry
 * the id are known only at the end (src/parse/instance-id.ts, InstanceIdDigest).
 */

/** Bytes to put at a byte offset of the image. */
export interface PlacedBytes {
  readonly offset: number;
  readonly bytes: Uint8Array;
}

/** What turns the image already written into the final one: the final size and the writes, in order. */
export interface ImageRevision {
  readonly size: number;
  readonly writes: Iterable<PlacedBytes>;
}

/** An image's chunks in order, and what corrects it once they are written (asked for once, after the last chunk). */
export interface RevisedImage {
  readonly chunks: Iterable<Uint8Array>;
  readonly revise: () => ImageRevision;
}
