/** Semantic checks of who the instance is and how its image is made: names, ids, label, size. */
import type { Issue } from '../errors.js';
import { DATASOURCE_LABELS, DEFAULT_DATASOURCE, DEFAULT_FILESYSTEM } from '../common/choices.js';
import type { Spec } from '../input/types.js';
import { checkFqdn, checkHostname } from '../common/names.js';

/** "1440K", "1M", "65536" or a number -> bytes; undefined when unreadable. */
function parseBytes(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? value : undefined;
  const match = /^(\d+)\s*([KMG]i?B?|B)?$/i.exec(value.trim());
  if (!match) return undefined;
  const unit = (match[2] ?? 'B').toUpperCase()[0]!;
  const factor = { B: 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[unit] ?? 1;
  const bytes = Number(match[1]) * factor;
  return bytes > 0 ? bytes : undefined;
}

/** The fixed vfat image size in bytes (none by default), or why the spec's `size` is not one. */
export function parseImageSize(spec: Pick<Spec, 'size' | 'filesystem'>): { value: number | undefined } | { issue: Issue } {
  if (spec.size === undefined) return { value: undefined };
  const bytes = parseBytes(spec.size);
  if (bytes === undefined) return { issue: { path: 'size', message: `'${spec.size}' is not a size (use bytes or a K/M suffix, e.g. 1440K)` } };
  if ((spec.filesystem ?? DEFAULT_FILESYSTEM) !== 'vfat') return { issue: { path: 'size', message: 'a fixed size applies only to vfat images (filesystem: vfat)' } };
  return { value: bytes };
}

/** Instance ids end up in file names (/var/lib/cloud/instances/<id>) and YAML/JSON values. */
const INSTANCE_ID = /^[A-Za-z0-9][A-Za-z0-9._:@+-]*$/;

export function checkIdentity(spec: Spec): Issue[] {
  const issues: Issue[] = [];
  if (spec.hostname === undefined) {
    issues.push({ path: 'hostname', message: 'is required (in the spec or with --hostname)' });
  } else {
    const problem = checkHostname(spec.hostname);
    if (problem) issues.push({ path: 'hostname', message: problem });
  }
  if (spec.fqdn !== undefined) {
    const problem = checkFqdn(spec.fqdn);
    if (problem) issues.push({ path: 'fqdn', message: problem });
    else if (spec.hostname !== undefined && spec.fqdn.split('.')[0]!.toLowerCase() !== spec.hostname.toLowerCase()) {
      issues.push({ path: 'fqdn', message: `'${spec.fqdn}' does not start with the hostname '${spec.hostname}'` });
    }
  }
  if (spec.instance_id !== undefined && !INSTANCE_ID.test(spec.instance_id)) {
    issues.push({
      path: 'instance_id',
      message: 'may contain only letters, digits and . _ : @ + - (it becomes a directory name in the guest)',
    });
  }
  const datasource = spec.datasource ?? DEFAULT_DATASOURCE;
  if (spec.label !== undefined && !(DATASOURCE_LABELS[datasource] as readonly string[]).includes(spec.label)) {
    issues.push({
      path: 'label',
      message: `cloud-init finds a ${datasource} seed only by the label ${DATASOURCE_LABELS[datasource].map((l: string) => `'${l}'`).join(' or ')}, not '${spec.label}'`,
    });
  }
  if (spec.windows?.admin_pass !== undefined) {
    if (spec.windows.admin_pass_in_clear !== true) {
      issues.push({
        path: 'windows.admin_pass',
        message: 'is written in clear text into the image; set windows.admin_pass_in_clear: true to accept that',
      });
    }
    if (datasource === 'nocloud') {
      issues.push({ path: 'windows.admin_pass', message: 'is read by cloudbase-init from a config drive; use datasource configdrive' });
    }
  }
  for (const [key, value] of Object.entries(spec.meta ?? {})) {
    // Nova limits metadata items to 255 characters per key and value.
    if (key.length > 255 || value.length > 255) issues.push({ path: `meta.${key.slice(0, 40)}`, message: 'keys and values are limited to 255 characters' });
  }
  return issues;
}
