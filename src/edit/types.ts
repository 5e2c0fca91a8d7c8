/** What `editSeed` takes and gives back. */
import type { FilesystemName } from '../pack/types.js';
import type { SpecChanges } from '../overlay/spec-changes.js';
import type { DatasourceName } from '../input/types.js';

/**
 * What happens to the instance-id. cloud-init runs per-instance steps (users, keys, host keys)
 * once per instance-id, so a changed seed that keeps its id is ignored by a guest that booted it.
 * - `keep`: the id stays, whatever changed;
 * - `new`: a fresh random id;
 * - `derived`: an id hashed from the edited content (the same edit always gives the same id).
 */
export type InstanceIdPolicy = 'keep' | 'new' | 'derived';

export const INSTANCE_ID_POLICIES: readonly InstanceIdPolicy[] = ['keep', 'new', 'derived'];

/** A file for the guest: `path` there, its content read from `source` here. */
export interface GuestFile {
  readonly path: string;
  readonly source: string;
}

/**
 * The changes, as values (the CLI reads `--ssh-key` and password files before calling): `hostname`;
 * `user`, which `password` and `sshKeys` (public key lines) apply to (created with bash and
 * passwordless sudo when missing; without it the keys go to the image's default user); `net`
 * shorthands, which replace the seed's network; `userData` files, added as parts (a plain
 * cloud-config merges into a `#cloud-config` user-data). Every field is optional; a password is
 * written only as a hash.
 */
export interface SeedEdits extends SpecChanges {
  /** User-data files to add, by path (read relative to the current directory). */
  readonly userData?: readonly string[];
  /** Files cloud-init writes in the guest (cloud-config `write_files`): the bytes of `source`, at `path`, mode 0644. */
  readonly writeFiles?: readonly GuestFile[];
  /** Default: `new` when the content changed, else the id stays. */
  readonly instanceId?: InstanceIdPolicy;
}

export interface EditOptions {
  /** Derive password salts from this string, for byte-identical edits. */
  readonly saltSeed?: string;
  /** Seconds since 1970 for every timestamp in the image. Default: SOURCE_DATE_EPOCH, else 2020-01-01. */
  readonly epoch?: number;
}

/** The answer of `editSeed`. */
export interface EditedSeed {
  /** The whole new image: same filesystem and label as the one edited. */
  readonly image: Uint8Array;
  readonly datasource: DatasourceName;
  readonly filesystem: FilesystemName;
  readonly label: string;
  readonly instanceId: string;
  /** Undefined when the seed had none. */
  readonly previousInstanceId?: string;
  /** How the instance-id was chosen (the default resolved to `new` or `keep`). */
  readonly instanceIdPolicy: InstanceIdPolicy;
  /** True when any seed file changed, the instance-id aside. */
  readonly changed: boolean;
  /** What the caller should tell the user (e.g. a user-data comment that could not be kept). */
  readonly notes: readonly string[];
}
