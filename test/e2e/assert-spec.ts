/** Everything a spec asks cloud-init to apply at first boot, asserted against the guest's facts. */
import type { Spec } from '../../src/spec/types.js';
import { assertCloudInitSucceeded, assertDatasource, type SeedExpectation } from './assert-cloud-init.js';
import { assertWrittenFile } from './assert-files.js';
import { assertHostname, assertUser } from './assert-identity.js';
import { assertNetwork } from './assert-network.js';
import type { GuestFacts } from './facts.js';

export type { SeedExpectation } from './assert-cloud-init.js';

/** cloud-init read our seed and applied its hostname, users, network and files. */
export function assertSpecApplied(facts: GuestFacts, spec: Spec, expected: SeedExpectation): void {
  assertCloudInitSucceeded(facts);
  assertDatasource(facts, expected);
  assertHostname(facts, spec);
  for (const user of spec.users ?? []) assertUser(facts, user);
  if (spec.network) assertNetwork(facts, spec.network);
  for (const file of spec.write_files ?? []) assertWrittenFile(facts, file);
}

/**
 * Kernel arguments that make the reporter look at what this spec creates beyond its fixed
 * globs: write_files targets and system users (uid < 1000).
 */
export function reporterKernelArgs(spec: Spec): string[] {
  const files = (spec.write_files ?? []).map((file) => file.path);
  const users = (spec.users ?? []).filter((user) => user.system).map((user) => user.name);
  for (const word of [...files, ...users]) {
    if (/[\s,]/.test(word)) throw new Error(`the e2e reporter cannot be told about '${word}' (space or comma)`);
  }
  return [
    ...(files.length ? [`cloudseed_e2e.files=${files.join(',')}`] : []),
    ...(users.length ? [`cloudseed_e2e.users=${users.join(',')}`] : []),
  ];
}
