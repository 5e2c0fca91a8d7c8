/**
 * The one normalized description of an instance. Built once from a validated spec; renderers
 * only read it. Fields with defaults are always present, so render code never guesses.
 */
import type { FilesystemName, WriterName } from '../common/choices.js';
import type { FileContent } from '../common/file-tree.js';
import type { Command, DatasourceName } from '../input/types.js';
import type { NetworkModel } from './network/types.js';

export interface UserModel {
  readonly name: string;
  readonly gecos?: string;
  /** A crypt hash cloud-init recognises ($6$...); plain passwords are hashed before they get here. */
  readonly passwordHash?: string;
  readonly lockPassword: boolean;
  readonly sshAuthorizedKeys: readonly string[];
  readonly sudo?: string | readonly string[];
  readonly groups: readonly string[];
  readonly primaryGroup?: string;
  readonly shell?: string;
  readonly homedir?: string;
  readonly system: boolean;
}

export interface WriteFileModel {
  readonly path: string;
  readonly content: Uint8Array;
  /** Four-digit octal string, e.g. "0644". */
  readonly permissions: string;
  readonly owner?: string;
  readonly append: boolean;
  readonly defer: boolean;
}

/** A config-drive injected file (openstack/content/NNNN): inline bytes, or a `source:` file read when written. */
export interface InjectedFileModel {
  readonly path: string;
  readonly content: FileContent;
}

/** An extra user-data part; any part makes the user-data MIME multipart. */
export interface UserDataPartModel {
  readonly content: Uint8Array;
  /** MIME type, e.g. text/x-shellscript, text/cloud-config. */
  readonly type: string;
  readonly filename: string;
}

export interface SshModel {
  readonly passwordAuth?: boolean;
  /** Keys for the image's default user (config-drive public_keys, cloud-config ssh_authorized_keys). */
  readonly authorizedKeys: readonly string[];
  readonly disableRoot?: boolean;
  readonly deleteHostKeys?: boolean;
}

/** How the file tree becomes an image. Renderers ignore this; writers get only this. */
export interface ImageModel {
  readonly filesystem: FilesystemName;
  readonly writer: WriterName;
  readonly label: string;
  /** Fixed image size in bytes (vfat only). */
  readonly size?: number;
}

export interface InstanceModel {
  readonly instanceId: string;
  /** True when the instance-id was derived from the content rather than given. */
  readonly instanceIdDerived: boolean;
  readonly datasource: DatasourceName;
  readonly image: ImageModel;
  readonly hostname: string;
  readonly fqdn?: string;
  /** Oldest cloud-init the seed must work on, as [major, minor]. */
  readonly cloudInitVersion: readonly [number, number];
  readonly networkConfigVersion: 1 | 2;
  readonly users: readonly UserModel[];
  /** `users` lists cloud-init's `default` entry: the image's default user is kept. */
  readonly keepDefaultUser?: true;
  readonly ssh: SshModel;
  readonly network?: NetworkModel;
  readonly timezone?: string;
  readonly locale?: string;
  readonly packages: readonly string[];
  readonly packageUpdate?: boolean;
  readonly packageUpgrade?: boolean;
  readonly bootcmd: readonly Command[];
  readonly runcmd: readonly Command[];
  readonly writeFiles: readonly WriteFileModel[];
  /** Merged into the generated cloud-config last. */
  readonly extraCloudConfig: Readonly<Record<string, unknown>>;
  readonly userDataParts: readonly UserDataPartModel[];
  readonly meta: Readonly<Record<string, string>>;
  /** Extra NoCloud meta-data keys (spec `meta_data`); absent when there are none. */
  readonly metaData?: Readonly<Record<string, unknown>>;
  readonly files: readonly InjectedFileModel[];
  readonly vendorData?: Readonly<Record<string, unknown>> | string;
  /** Windows admin password in clear, present only when the spec opted in explicitly. */
  readonly adminPass?: string;
}
