/**
 * Applies the overlay to a parsed `#cloud-config` mapping. Pure: mapping in, new mapping out.
 * cloud-init rules this follows (cc_set_hostname, ug_util.normalize_users_groups):
 * - a `hostname` or `fqdn` key in the cloud-config wins over meta-data's, so it is changed too;
 * - a `users:` list replaces the image's default user unless it lists `default`, so a list
 *   created here starts with `default`;
 * - `users:` may be a comma-separated string; entries are names or mappings with `name`.
 */
import { renderUser } from '../render/cloud-config.js';
import type { EditOverlay } from './overlay.js';

type Mapping = Record<string, unknown>;

export interface CloudConfigEdit {
  readonly config: Mapping;
  readonly notes: readonly string[];
}

function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function appendUnique(current: unknown, added: readonly string[]): unknown[] {
  const list = Array.isArray(current) ? [...current] : typeof current === 'string' ? [current] : [];
  for (const item of added) if (!list.includes(item)) list.push(item);
  return list;
}

function userName(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry.trim();
  return isMapping(entry) && typeof entry['name'] === 'string' ? entry['name'] : undefined;
}

function usersList(value: unknown): unknown[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value.split(',').map((name) => name.trim()).filter((name) => name !== '');
  return Array.isArray(value) ? [...value] : [value];
}

/** An existing user keeps what it had; the edit adds keys and, when given, replaces the password. */
function updateUser(entry: unknown, rendered: Mapping): Mapping {
  if (!isMapping(entry)) return rendered;
  const updated: Mapping = { ...entry };
  if (rendered['ssh_authorized_keys'] !== undefined) {
    updated['ssh_authorized_keys'] = appendUnique(entry['ssh_authorized_keys'], rendered['ssh_authorized_keys'] as string[]);
  }
  if (rendered['hashed_passwd'] !== undefined) {
    for (const key of ['passwd', 'plain_text_passwd']) delete updated[key];
    updated['hashed_passwd'] = rendered['hashed_passwd'];
    updated['lock_passwd'] = false;
  }
  return updated;
}

function editUsers(config: Mapping, overlay: EditOverlay): Mapping {
  if (overlay.user === undefined) return config;
  const rendered = renderUser(overlay.user);
  const users = usersList(config['users']) ?? ['default'];
  const index = users.findIndex((entry) => userName(entry) === overlay.user?.name);
  const next = index < 0 ? [...users, rendered] : users.map((entry, i) => (i === index ? updateUser(entry, rendered) : entry));
  const edited: Mapping = { ...config, users: next };
  // Without it cloud-init would make the user change the new password at the first login.
  if (rendered['hashed_passwd'] !== undefined) {
    const chpasswd = isMapping(config['chpasswd']) ? config['chpasswd'] : {};
    if (chpasswd['expire'] === undefined) edited['chpasswd'] = { ...chpasswd, expire: false };
  }
  return edited;
}

function editHostname(config: Mapping, hostname: string | undefined, notes: string[]): Mapping {
  if (hostname === undefined || (config['hostname'] === undefined && config['fqdn'] === undefined)) return config;
  const edited: Mapping = { ...config, hostname };
  if (edited['fqdn'] !== undefined) {
    delete edited['fqdn'];
    notes.push(`user-data: removed fqdn '${String(config['fqdn'])}' (it would win over the new hostname)`);
  }
  return edited;
}

/** True when the overlay changes anything a cloud-config carries (users, keys, its own hostname). */
export function touchesCloudConfig(overlay: EditOverlay, config: Mapping = {}): boolean {
  const hostnameInConfig = config['hostname'] !== undefined || config['fqdn'] !== undefined;
  const adds = overlay.user !== undefined || overlay.defaultUserKeys.length > 0 || overlay.writeFiles.length > 0;
  return adds || (overlay.hostname !== undefined && hostnameInConfig);
}

export function editCloudConfig(config: Mapping, overlay: EditOverlay): CloudConfigEdit {
  const notes: string[] = [];
  let edited = editHostname(config, overlay.hostname, notes);
  edited = editUsers(edited, overlay);
  if (overlay.defaultUserKeys.length > 0) {
    edited = { ...edited, ssh_authorized_keys: appendUnique(edited['ssh_authorized_keys'], overlay.defaultUserKeys) };
  }
  if (overlay.writeFiles.length > 0) {
    const current = Array.isArray(edited['write_files']) ? edited['write_files'] : [];
    edited = { ...edited, write_files: [...current, ...overlay.writeFiles] };
  }
  return { config: edited, notes };
}
