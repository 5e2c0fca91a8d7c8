/**
 * The spec as users write it (YAML/JSON file, CLI flags or a JS object), after schema validation.
 * Mirrors schemas/spec.schema.json; keys follow cloud-init and netplan so users paste what they know.
 */
import type { DatasourceName } from '../common/choices.js';
import type { NetworkSpec } from './network.js';

export type { DatasourceName };
export type Command = string | readonly string[];

export interface UserSpec {
  name: string;
  gecos?: string;
  password?: string;
  password_hash?: string;
  lock_passwd?: boolean;
  ssh_authorized_keys?: string[];
  sudo?: string | string[] | false;
  groups?: string[] | string;
  primary_group?: string;
  shell?: string;
  homedir?: string;
  system?: boolean;
}

/** cloud-init's `default` entry of `users`: the image's default user is kept. */
export type DefaultUserEntry = 'default';

export const isUserSpec = (entry: UserSpec | DefaultUserEntry): entry is UserSpec => typeof entry === 'object';

export interface WriteFileSpec {
  path: string;
  content?: string;
  source?: string;
  permissions?: string | number;
  owner?: string;
  append?: boolean;
  defer?: boolean;
}

export interface InjectedFileSpec {
  path: string;
  content?: string;
  source?: string;
}

export type UserDataPartSpec =
  | string
  | { source?: string; content?: string; filename?: string; type?: string };

/** How `cloudseed serve` recognises the VM a request comes from (ignored by images). */
export interface ServeSpec {
  ip?: string;
  mac?: string;
  uuid?: string;
}

export interface Spec {
  hostname?: string;
  fqdn?: string;
  instance_id?: string;
  datasource?: DatasourceName;
  filesystem?: 'iso9660' | 'vfat';
  writer?: 'native' | 'xorriso';
  label?: string;
  size?: string | number;
  cloud_init_version?: string;
  network_config_version?: 1 | 2;
  salt_seed?: string;
  serve?: ServeSpec;
  users?: (UserSpec | DefaultUserEntry)[];
  ssh?: {
    password_auth?: boolean;
    authorized_keys?: string[];
    disable_root?: boolean;
    delete_host_keys?: boolean;
  };
  network?: NetworkSpec;
  timezone?: string;
  locale?: string;
  packages?: string[];
  package_update?: boolean;
  package_upgrade?: boolean;
  bootcmd?: Command[];
  runcmd?: Command[];
  write_files?: WriteFileSpec[];
  user_data?: {
    cloud_config?: Record<string, unknown>;
    parts?: UserDataPartSpec[];
  };
  meta?: Record<string, string>;
  /** Extra NoCloud meta-data keys, written as given (instance-id and local-hostname excluded). */
  meta_data?: Record<string, unknown>;
  files?: InjectedFileSpec[];
  vendor_data?: Record<string, unknown> | string;
  windows?: {
    admin_pass_in_clear?: boolean;
    admin_pass?: string;
  };
}
