/** Semantic checks of `meta_data`, the extra NoCloud meta-data keys. */
import { DEFAULT_DATASOURCE } from '../common/choices.js';
import type { Issue } from '../errors.js';
import type { Spec } from '../input/types.js';

/** The two keys cloudseed writes itself, and the spec keys that set them. */
const OWN_KEYS: Readonly<Record<string, string>> = { 'instance-id': 'instance_id', 'local-hostname': 'hostname' };

export function checkMetaData(spec: Spec): Issue[] {
  if (spec.meta_data === undefined) return [];
  const issues: Issue[] = [];
  for (const [key, specKey] of Object.entries(OWN_KEYS)) {
    if (key in spec.meta_data) issues.push({ path: `meta_data.${key}`, message: `set it with ${specKey} instead` });
  }
  const datasource = spec.datasource ?? DEFAULT_DATASOURCE;
  if (Object.keys(spec.meta_data).length > 0 && datasource !== 'nocloud') {
    issues.push({ path: 'meta_data', message: `is NoCloud meta-data; a ${datasource} seed has no place for it (config-2 takes string pairs in meta)` });
  }
  return issues;
}
