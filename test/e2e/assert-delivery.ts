/**
 * A spec applied by cloud-init through a datasource that reads no seed disk (NoCloud over HTTP,
 * the OpenStack metadata service, VMware guestinfo): the same checks as assertSpecApplied, with
 * the datasource and the place it read from given as cloud-init names them.
 */
import assert from 'node:assert/strict';
import type { Spec } from '../../src/input/types.js';
import { assertSpecAppliedFrom } from './assert-spec.js';
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

/** The spec applied from the source `expected` describes (a server, an export), every aspect checked. */
export function assertSpecDelivered(facts: GuestFacts, spec: Spec, expected: DeliveryExpectation): KnownWarning[] {
  return assertSpecAppliedFrom(facts, spec, expected.scenario, () => assertDeliveredBy(facts, expected));
}
