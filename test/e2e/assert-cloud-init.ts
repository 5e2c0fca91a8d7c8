/**
 * Did cloud-init run from our seed? A seed cloud-init cannot read does not fail the boot: it ends
 * `done` on DataSourceNone (or ds-identify disables cloud-init), so the datasource and the device
 * it read are always asserted, not just the status.
 */
import assert from 'node:assert/strict';
import type { DatasourceName } from '../../src/input/types.js';
import type { CloudInitStatus, CommandOutput, GuestFacts } from './facts.js';
import { GUEST_IMAGE_WARNINGS, KNOWN_SEED_WARNINGS, knownSeedWarnings, type KnownWarning } from './known-warnings.js';

export interface SeedExpectation {
  readonly datasource: DatasourceName;
  /** The guest's device for the attached seed (qemu-args.ts seedDevice). */
  readonly seedDevice: string;
  readonly instanceId: string;
  /** The scenario's name, which selects its known seed warnings (known-warnings.ts); none: strict. */
  readonly scenario?: string;
}

/** cloud-init's class and instance-data platform per datasource: oVirt's payload is a config drive. */
const CLOUD_INIT_DATASOURCE = {
  nocloud: { className: 'DataSourceNoCloud', platform: 'nocloud' },
  configdrive: { className: 'DataSourceConfigDrive', platform: 'configdrive' },
  ovirt: { className: 'DataSourceConfigDrive', platform: 'configdrive' },
} as const satisfies Record<DatasourceName, { className: string; platform: string }>;

/** cloud-init ran every stage and reported no error. */
export function assertCloudInitSucceeded(facts: GuestFacts): void {
  const ci = facts.cloud_init;
  const context = `\n${JSON.stringify(ci.status, null, 2)}\n${ci.log_problems.join('\n')}`;
  assert.equal(ci.disabled, false, `ds-identify disabled cloud-init (no seed found):\n${ci.ds_identify_log ?? ''}`);
  assert.ok(ci.result_json, `cloud-init wrote no result.json${context}`);
  assert.deepEqual(ci.result_json.v1.errors, [], `cloud-init reported errors${context}`);
  assert.equal(ci.status.status, 'done', `cloud-init status${context}`);
}

/** Log records: a line with a timestamp and its continuation lines (a traceback's). */
function logRecords(lines: readonly string[]): string[][] {
  const records: string[][] = [];
  for (const line of lines) {
    if (/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ - /.test(line) || records.length === 0) records.push([line]);
    else records.at(-1)!.push(line);
  }
  return records;
}

function isStatus(status: CloudInitStatus | CommandOutput): status is CloudInitStatus {
  return !('stdout' in status);
}

/**
 * Zero warnings: cloud-init's status is not `degraded`, it has no recoverable errors, and its log
 * has no WARNING, DEPRECATED, ERROR or traceback line, except the known ones (known-warnings.ts)
 * of this scenario and cloud-init version. Returns the known warnings this boot did show.
 */
export function assertNoWarnings(facts: GuestFacts, scenario: string | undefined, knownList: readonly KnownWarning[] = KNOWN_SEED_WARNINGS): KnownWarning[] {
  const ci = facts.cloud_init;
  const allowed = [...GUEST_IMAGE_WARNINGS, ...knownSeedWarnings(scenario, ci.version, knownList)];
  const seen = new Set<KnownWarning>();
  const known = (text: string): boolean => {
    const match = allowed.find((warning) => warning.message.test(text));
    if (match) seen.add(match);
    return match !== undefined;
  };
  const unexpected: string[] = [];
  for (const record of logRecords(ci.log_problems)) {
    if (!known(record[0] ?? '')) unexpected.push(record.join('\n'));
  }
  if (isStatus(ci.status)) {
    for (const [level, messages] of Object.entries(ci.status.recoverable_errors ?? {})) {
      for (const message of messages) if (!known(message)) unexpected.push(`recoverable ${level}: ${message}`);
    }
    const degraded = /degraded/.test(ci.status.extended_status ?? '');
    if (degraded && seen.size === 0) unexpected.push(`extended_status: ${ci.status.extended_status}`);
  }
  assert.deepEqual(unexpected, [], `cloud-init ${ci.version} logged warnings:\n${unexpected.join('\n')}`);
  return [...seen];
}

/** cloud-init read the expected datasource from the attached device, with our instance-id. */
export function assertDatasource(facts: GuestFacts, expected: SeedExpectation): void {
  const { className, platform } = CLOUD_INIT_DATASOURCE[expected.datasource];
  const v1 = facts.instance_data.v1;
  assert.match(facts.cloud_init.result_json?.v1.datasource ?? '', new RegExp(`^${className}\\b`), 'datasource class');
  assert.equal(v1.platform, platform, 'instance-data v1.platform');
  assert.equal(v1.subplatform, `config-disk (${expected.seedDevice})`, 'seed device (instance-data v1.subplatform)');
  assert.equal(facts.instance_id, expected.instanceId, 'instance-id (/var/lib/cloud/data/instance-id)');
  assert.equal(v1.instance_id, expected.instanceId, 'instance-data v1.instance_id');
}
