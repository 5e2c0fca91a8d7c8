/** What `readSeed` reports about a seed image: the shape behind `cloudseed inspect` and its --json. */
import type { FileTree } from '../common/file-tree.js';
import type { DatasourceName } from '../input/types.js';
import type { IsoNaming } from './iso9660.js';
import type { ReadFatType } from './vfat-volume.js';

export type SeedFilesystem =
  | {
      readonly type: 'iso9660';
      /** The name tables on the disc: the primary (ECMA-119) one is always there. */
      readonly nameTables: { readonly primary: true; readonly joliet: boolean; readonly rockRidge: boolean };
      /** The table a Linux guest reads names from (Rock Ridge, else Joliet, else primary). */
      readonly namesReadFrom: IsoNaming;
    }
  | {
      readonly type: 'vfat';
      readonly fatType: ReadFatType;
      /** BS_VolLab, which blkid shows as LABEL_FATBOOT when it differs from the root label entry. */
      readonly bootLabel: string;
    };

export interface SeedFile {
  readonly path: string;
  readonly size: number;
}

export interface SshKeySummary {
  /** 'ssh-ed25519', 'ssh-rsa'...; undefined when the line is not a readable key. */
  readonly type?: string;
  /** `SHA256:` + unpadded base64 of the key blob's SHA-256, as `ssh-keygen -l` prints it. */
  readonly fingerprint?: string;
  readonly comment?: string;
  /** Why the line could not be read as a key, when it could not. */
  readonly problem?: string;
}

export type PasswordKind = 'hash' | 'plain' | 'none';

export interface SeedUser {
  readonly name: string;
  /** The distro's default user (cloud-config `user:`, top-level keys, or meta-data keys). */
  readonly isDefault: boolean;
  /** Whether a password is set, and whether as a crypt hash; the value itself is never reported. */
  readonly password: PasswordKind;
  readonly sshKeys: readonly SshKeySummary[];
}

export type NetworkFormat = 'netplan-v2' | 'v1' | 'network_data.json' | 'eni';

export interface NetworkInterfaceSummary {
  readonly name: string;
  /** ethernet, bond, vlan, bridge, or the format's own word. */
  readonly kind: string;
  readonly mac?: string;
  readonly dhcp4: boolean;
  readonly dhcp6: boolean;
  /** Static addresses in CIDR form. */
  readonly addresses: readonly string[];
  readonly gateways: readonly string[];
}

export interface NetworkSummary {
  readonly file: string;
  readonly format: NetworkFormat;
  readonly interfaces: readonly NetworkInterfaceSummary[];
  readonly nameservers: readonly string[];
  readonly search: readonly string[];
}

export type SeedWarningCode =
  | 'unknown-label'
  | 'label-case'
  | 'label-boot-sector-only'
  | 'missing-file'
  | 'invalid-json'
  | 'invalid-yaml'
  | 'missing-uuid'
  | 'missing-instance-id'
  | 'no-joliet'
  | 'network-wrapper'
  | 'same-instance-id';

export interface SeedWarning {
  readonly code: SeedWarningCode;
  /** The file the warning is about, when it is about one. */
  readonly file?: string;
  readonly message: string;
}

export interface SeedReport {
  readonly filesystem: SeedFilesystem;
  /** The label cloud-init's blkid lookup sees first (vfat: the root label entry, else the boot sector's). */
  readonly label: string;
  /** The datasource cloud-init would find this image as, by its label rules; undefined for none. */
  readonly datasource?: DatasourceName;
  readonly files: readonly SeedFile[];
  readonly instanceId?: string;
  readonly hostname?: string;
  readonly users: readonly SeedUser[];
  readonly network?: NetworkSummary;
  readonly warnings: readonly SeedWarning[];
  /** The files themselves (for --extract and library callers); not part of the JSON form. */
  readonly tree: FileTree;
}

export interface ReadSeedOptions {
  /** The image this one replaces: same instance-id with other content earns a warning. */
  readonly previous?: Uint8Array;
}

/** What a datasource's files say, before the image-level facts are added. */
export interface SeedContent {
  readonly instanceId?: string;
  readonly hostname?: string;
  readonly users: readonly SeedUser[];
  readonly network?: NetworkSummary;
  readonly warnings: readonly SeedWarning[];
}
