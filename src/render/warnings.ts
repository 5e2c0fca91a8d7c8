/**
 * Things a build does that the user should hear about although the spec asked for them. Pure: the
 * CLI prints them, library callers decide for themselves.
 */
import type { InstanceModel } from '../model/types.js';

export function collectWarnings(model: InstanceModel): string[] {
  const warnings: string[] = [];
  if (model.adminPass !== undefined) {
    warnings.push('admin_pass is written in clear text into meta_data.json (windows.admin_pass_in_clear)');
  }
  return warnings;
}
