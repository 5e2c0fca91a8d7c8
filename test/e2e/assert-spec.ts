/** Everything a spec asks cloud-init to apply at first boot, asserted against the guest's facts. */
import assert from 'node:assert/strict';
import { isUserSpec, type Spec } from '../../src/input/types.js';
import { assertCloudInitSucceeded, assertDatasource, assertNoWarnings, type SeedExpectation } from './assert-cloud-init.js';
import { assertWrittenFile } from './assert-files.js';
import { assertHostname, assertUser } from './assert-identity.js';
import { assertNetwork } from './assert-network.js';
import type { GuestFacts } from './facts.js';
import type { KnownWarning } from './known-warnings.js';

export type { SeedExpectation } from './assert-cloud-init.js';

/**
 * cloud-init applied the spec's hostname, users, network and files, with no warning but the
 * scenario's known ones, and `assertSource` accepts where the seed came from. Every aspect is
 * checked, and one error lists each that failed: a boot is too slow to learn them one at a time.
 * Returns the known warnings the boot showed.
 */
export function assertSpecAppliedFrom(facts: GuestFacts, spec: Spec, scenario: string | undefined, assertSource: () => void): KnownWarning[] {
  let knownSeen: KnownWarning[] = [];
  const checks: Array<[string, () => void]> = [
    ['cloud-init status', () => assertCloudInitSucceeded(facts)],
    ['cloud-init warnings', () => (knownSeen = assertNoWarnings(facts, scenario))],
    ['datasource', assertSource],
    ['hostname', () => assertHostname(facts, spec)],
    ...(spec.users ?? []).filter(isUserSpec).map((user): [string, () => void] => [`user ${user.name}`, () => assertUser(facts, user)]),
    ['network', () => assertNetwork(facts, spec.network ?? {})],
    ...(spec.write_files ?? []).map((file): [string, () => void] => [`write_files ${file.path}`, () => assertWrittenFile(facts, file)]),
  ];
  const failures: string[] = [];
  for (const [aspect, check] of checks) {
    try {
      check();
    } catch (error) {
      failures.push(`- ${aspect}: ${(error as Error).message.replaceAll('\n', '\n    ')}`);
    }
  }
  assert.ok(failures.length === 0, `the guest did not apply the spec:\n${failures.join('\n')}`);
  return knownSeen;
}

/** The spec applied from the seed disk `expected` describes (assertSpecAppliedFrom). */
export function assertSpecApplied(facts: GuestFacts, spec: Spec, expected: SeedExpectation): KnownWarning[] {
  return assertSpecAppliedFrom(facts, spec, expected.scenario, () => assertDatasource(facts, expected));
}

/**
 * Kernel arguments that make the reporter look at what this spec creates beyond its fixed
 * globs: write_files targets and system users (uid < 1000).
 */
export function reporterKernelArgs(spec: Spec): string[] {
  const files = (spec.write_files ?? []).map((file) => file.path);
  const users = (spec.users ?? []).filter(isUserSpec).filter((user) => user.system).map((user) => user.name);
  for (const word of [...files, ...users]) {
    if (/[\s,]/.test(word)) throw new Error(`the e2e reporter cannot be told about '${word}' (space or comma)`);
  }
  return [
    ...(files.length ? [`cloudseed_e2e.files=${files.join(',')}`] : []),
    ...(users.length ? [`cloudseed_e2e.users=${users.join(',')}`] : []),
  ];
}
