/**
 * What cloud-init's own readers (DataSourceNoCloud, the ConfigDrive reader, through
 * test/helpers/read-*.py) see in an extracted seed: host name, instance-id, the generated
 * cloud-config, meta-data and user-data part types.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './cli.js';
import { fromBase64, readConfigDrive } from './config-drive.js';
import { runTool } from './tools.js';

/** The parts of a spec file the readers need to know (MACs for the ConfigDrive reader). */
export interface SeedSpec {
  hostname: string;
  datasource?: string;
  users?: { name: string; password?: string; password_hash?: string }[];
  network?: { ethernets?: Record<string, { match?: { macaddress?: string }; 'set-name'?: string }> };
  windows?: { admin_pass?: string };
}

export interface Seen {
  readonly hostname: string;
  readonly instanceId: string;
  /** The generated #cloud-config part. */
  readonly cloudConfig: string;
  readonly metadata: Record<string, unknown>;
  readonly partTypes: readonly string[];
}

function readNoCloud(dir: string): Seen {
  const view = JSON.parse(runTool('/usr/bin/python3', [join(REPO_ROOT, 'test', 'helpers', 'read-nocloud.py'), dir]).stdout);
  assert.equal(view.found, true);
  const parts = view.userdata_parts as { type: string; content: string }[];
  return {
    hostname: view.hostname,
    instanceId: view.instance_id,
    cloudConfig: parts.find((part) => part.type === 'text/cloud-config')!.content,
    metadata: view.metadata,
    partTypes: parts.map((part) => part.type),
  };
}

function readConfigDriveSeed(dir: string, spec: SeedSpec): Seen {
  const macs = Object.fromEntries(
    Object.entries(spec.network?.ethernets ?? {}).map(([name, ethernet]) => [ethernet.match!.macaddress!, ethernet['set-name'] ?? name]),
  );
  const { datasource } = readConfigDrive(dir, macs);
  assert.equal(datasource.found, true);
  const parts = datasource.userdata_parts;
  const cloudConfig = parts.find((part) => part.type === 'text/cloud-config');
  return {
    hostname: datasource.hostname,
    instanceId: datasource.instance_id,
    cloudConfig: new TextDecoder().decode(cloudConfig ? fromBase64(cloudConfig.content) : fromBase64(datasource.userdata_raw)),
    metadata: JSON.parse(readFileSync(join(dir, 'openstack', 'latest', 'meta_data.json'), 'utf8')),
    partTypes: parts.map((part) => part.type),
  };
}

/** Reads an extracted seed with the reader of the spec's datasource (NoCloud unless it says otherwise). */
export function readSeedAsCloudInit(dir: string, spec: SeedSpec): Seen {
  return (spec.datasource ?? 'nocloud') === 'nocloud' ? readNoCloud(dir) : readConfigDriveSeed(dir, spec);
}
