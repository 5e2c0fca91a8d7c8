export type { FilesystemName, WriterName } from '../common/choices.js';

/** What every writer needs besides the tree. Writers know nothing of cloud-init. */
export interface PackOptions {
  /** Volume label, written exactly as given (case included). */
  readonly label: string;
  /** Seconds since 1970-01-01 UTC used for every timestamp in the image. */
  readonly epoch: number;
}
