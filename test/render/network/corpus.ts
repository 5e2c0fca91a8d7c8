/**
 * The network corpus (test/fixtures/network/*.yaml) rendered in all four formats. A rendering that
 * refuses the network keeps the SpecError message instead.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { SpecError } from '../../../src/errors.js';
import type { CloudInitVersion } from '../../../src/model/network/cloud-init-versions.js';
import { normalizeNetwork } from '../../../src/parse/network/normalize.js';
import type { NetworkModel } from '../../../src/model/network/types.js';
import { renderEni } from '../../../src/render/network/eni.js';
import { renderNetplanV2 } from '../../../src/render/network/netplan-v2.js';
import { renderNetworkData } from '../../../src/render/network/network-data.js';
import { renderNetworkV1 } from '../../../src/render/network/v1.js';
import type { NetworkSpec } from '../../../src/input/network.js';

export const FIXTURES = join(import.meta.dirname, '../../fixtures/network');

/** The oldest cloud-init the seeds target by default (Debian 11). */
export const OLDEST: CloudInitVersion = [20, 4];

export type Format = 'netplan-v2' | 'v1' | 'network-data' | 'eni';
export const FORMATS: readonly Format[] = ['netplan-v2', 'v1', 'network-data', 'eni'];

export type Rendering = { readonly ok: true; readonly value: Record<string, unknown> | string } | { readonly ok: false; readonly error: string };

export interface CorpusCase {
  readonly name: string;
  readonly spec: NetworkSpec;
  readonly network: NetworkModel;
  readonly renderings: Readonly<Record<Format, Rendering>>;
}

function attempt(render: () => Record<string, unknown> | string): Rendering {
  try {
    return { ok: true, value: render() };
  } catch (error) {
    if (error instanceof SpecError) return { ok: false, error: error.message };
    throw error;
  }
}

export function renderAll(network: NetworkModel, version: CloudInitVersion = OLDEST): Record<Format, Rendering> {
  return {
    'netplan-v2': attempt(() => renderNetplanV2(network, version)),
    v1: attempt(() => renderNetworkV1(network)),
    'network-data': attempt(() => renderNetworkData(network)),
    eni: attempt(() => renderEni(network)),
  };
}

export function loadCase(name: string): CorpusCase {
  const spec = (parse(readFileSync(join(FIXTURES, `${name}.yaml`), 'utf8')) as { network: NetworkSpec }).network;
  const { network, issues } = normalizeNetwork(spec);
  if (issues.length > 0) throw new Error(`fixture ${name} is invalid: ${JSON.stringify(issues)}`);
  return { name, spec, network, renderings: renderAll(network) };
}

export function loadCorpus(): CorpusCase[] {
  return readdirSync(FIXTURES)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => loadCase(basename(file, '.yaml')));
}
