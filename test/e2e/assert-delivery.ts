/**
 * A spec applied by cloud-init through a datasource that reads no seed disk (NoCloud over HTTP,
 * the OpenStack metadata service, VMware guestinfo): the same checks as assertSpecApplied, with
 * the datasource and the place it read from given as cloud-init names them.
 */
import assert from 'node:assert/strict';
import { isUserSpec, type Spec } from '../../src/spec/types.js';
import { assertCloudInitSucceeded, assertNoWarnings } from './assert-cloud-init.js';
import { assertWrittenFile } from './assert-files.js';
import { assertHostname, assertUser } from './assert-identity.js';
import { assertNetwork } from './assert-network.js';
import type { GuestFacts } from './facts.js';
import type { KnownWarning } from './known-warnings.js';

export interface DeliveryExpectation {
  /** cloud-init's datasource class (result.json v1.datasource starts with it). */
  readonly className: string;
  /** instance-data v1.platform. */
  readonly platform: string;
  /** instance-data v1.subplatform: where the datasource read the seed from. */
  readonly subplatform: string;
  readonly instanceId: string;
  /** Selects the scenario's known seed warnings (known-warnings.ts). */
  readonly scenario: string;
}

/** cloud-init read the expected datasource, from the expected place, with our instance-id. */
export function assertDeliveredBy(facts: GuestFacts, expected: DeliveryExpectation): void {
  const v1 = facts.instance_data.v1;
  const datasource = facts.cloud_init.result_json?.v1.datasource ?? '';
  assert.ok(datasource.startsWith(`${expected.className} `) || datasource === expected.className, `datasource class: ${datasource}`);
  assert.equal(v1.platform, expected.platform, 'instance-data v1.platform');
  assert.equal(v1.subplatform, expected.subplatform, 'instance-data v1.subplatform');
  assert.equal(facts.instance_id, expected.instanceId, 'instance-id (/var/lib/cloud/data/instance-id)');
  assert.equal(v1.instance_id, expected.instanceId, 'instance-data v1.instance_id');
}

/** Every aspect of the spec, each failure listed (a boot is too slow to learn them one at a time). */
export function assertSpecDelivered(facts: GuestFacts, spec: Spec, expected: DeliveryExpectation): KnownWarning[] {
  let knownSeen: KnownWarning[] = [];
  const checks: Array<[string, () => void]> = [
    ['cloud-init status', () => assertCloudInitSucceeded(facts)],
    ['cloud-init warnings', () => (knownSeen = assertNoWarnings(facts, expected.scenario))],
    ['datasource', () => assertDeliveredBy(facts, expected)],
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
