/**
 * Feeds renderings to cloud-init's own converter (`cloud-init devel net-convert`, Debian's
 * cloud-init package) and returns what it makes of them: the netplan YAML it would write (parsed
 * by PyYAML) and the /etc/network/interfaces text of its ENI renderer.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toYaml11 } from '../../../src/render/yaml11.js';
import { runTool, withTempDir } from '../../helpers/tools.js';
import type { Format } from './corpus.js';

const PYTHON = '/usr/bin/python3';
const BATCH = join(import.meta.dirname, 'net-convert-batch.py');
const NETPLAN_FILE = 'etc/netplan/50-cloud-init.yaml';
const ENI_FILE = 'etc/network/interfaces.d/50-cloud-init';

/** net-convert's `-k` for each format, and how the rendering is written to a file. */
const INPUT: Readonly<Record<Format, { kind: string; file: string; serialize: (value: Record<string, unknown> | string) => string }>> = {
  'netplan-v2': { kind: 'yaml', file: 'network-config.yaml', serialize: (value) => toYaml11(value) },
  v1: { kind: 'yaml', file: 'network-config-v1.yaml', serialize: (value) => toYaml11(value) },
  'network-data': { kind: 'network_data.json', file: 'network_data.json', serialize: (value) => JSON.stringify(value) },
  eni: { kind: 'eni', file: 'interfaces', serialize: (value) => String(value) },
};

export interface ConversionJob {
  readonly id: string;
  readonly format: Format;
  readonly rendering: Record<string, unknown> | string;
  /** Guest NIC names and MACs, as the guest would report them (net-convert's `-m name,mac`). */
  readonly macs: readonly (readonly [string, string])[];
}

export interface Conversion {
  readonly netplan: Record<string, unknown> | null;
  readonly eni: string | null;
  readonly error: string | null;
}

export async function convertAll(jobs: readonly ConversionJob[]): Promise<Map<string, Conversion>> {
  return withTempDir((dir) => {
    const batch = jobs.map((job, index) => {
      const input = INPUT[job.format];
      const path = join(dir, `${index}-${input.file}`);
      writeFileSync(path, input.serialize(job.rendering));
      return { id: job.id, path, kind: input.kind, macs: job.macs };
    });
    const { stdout } = runTool(PYTHON, [BATCH], { input: JSON.stringify(batch) });
    return new Map(Object.entries(JSON.parse(stdout) as Record<string, Conversion>));
  });
}

/** The same conversion through the real command line, to show the batch changes nothing. */
export async function convertWithCli(
  format: Format,
  rendering: Record<string, unknown> | string,
  outputKind: 'netplan' | 'eni',
  macs: ConversionJob['macs'],
): Promise<string> {
  return withTempDir((dir) => {
    const input = INPUT[format];
    const path = join(dir, input.file);
    writeFileSync(path, input.serialize(rendering));
    const macArgs = macs.flatMap(([name, mac]) => ['-m', `${name},${mac}`]);
    const out = join(dir, 'out');
    runTool(PYTHON, ['/usr/bin/cloud-init', 'devel', 'net-convert', '-p', path, '-k', input.kind, '-D', 'debian', '-O', outputKind, '-d', out, ...macArgs]);
    return readFileSync(join(out, outputKind === 'netplan' ? NETPLAN_FILE : ENI_FILE), 'utf8');
  });
}
