/**
 * Checks beyond the schema's shape: the meaning of values. Every check returns issues instead of
 * throwing, so the user sees every problem in one run.
 */
import type { Issue } from '../errors.js';
import { checkNetworkForConfigDrive, normalizeNetwork } from '../model/network/normalize.js';
import type { Spec } from '../spec/types.js';
import { checkFiles } from './files.js';
import { checkIdentity } from './identity.js';
import { checkUsers } from './users.js';

function checkNetwork(spec: Spec): Issue[] {
  if (spec.network === undefined) return [];
  const { network, issues } = normalizeNetwork(spec.network);
  if (issues.length > 0) return issues;
  const datasource = spec.datasource ?? 'nocloud';
  return datasource === 'nocloud' ? [] : checkNetworkForConfigDrive(network);
}

export function checkSemantics(spec: Spec): Issue[] {
  return [...checkIdentity(spec), ...checkUsers(spec), ...checkFiles(spec), ...checkNetwork(spec)];
}
