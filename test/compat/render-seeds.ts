/**
 * Renders the seeds test/compat/cloud-init-check.py reads: every golden spec (test/golden/specs/)
 * as its datasource, and every network in the corpus (test/fixtures/network/) as each datasource
 * that accepts it, with default options (what must be clean on every cloud-init) and, for NoCloud,
 * also as network-config v2 for cloud_init_version 23.1 (the oldest that needs no gateway6).
 *
 * Usage: node --import tsx test/compat/render-seeds.ts OUT_DIR
 * Writes OUT_DIR/<datasource>--<case>/ with the seed's files; prints what it skipped and why.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { renderSeed } from '../../src/seed.js';
import { loadSpecFile } from '../../src/input/load.js';
import { writeTreeToDir } from '../helpers/images.js';

const ROOT = join(import.meta.dirname, '..');
const DATASOURCES = ['nocloud', 'configdrive', 'ovirt'] as const;

async function write(outDir: string, name: string, spec: unknown, baseDir?: string): Promise<void> {
  try {
    const seed = await renderSeed(spec, baseDir === undefined ? {} : { baseDir });
    const dir = join(outDir, name);
    mkdirSync(dir, { recursive: true });
    writeTreeToDir(seed.files, dir);
  } catch (error) {
    // A refusal (a network a datasource cannot express) is not a seed to check.
    console.log(`skipped ${name}: ${(error as Error).message.split('\n')[0]}`);
  }
}

async function main(outDir: string): Promise<void> {
  const goldenSpecs = join(ROOT, 'golden', 'specs');
  for (const file of readdirSync(goldenSpecs).filter((name) => name.endsWith('.yaml'))) {
    const { data, baseDir } = await loadSpecFile(join(goldenSpecs, file));
    const datasource = (data as { datasource?: string }).datasource ?? 'nocloud';
    await write(outDir, `${datasource}--golden-${basename(file, '.yaml')}`, data, baseDir);
  }
  const fixtures = join(ROOT, 'fixtures', 'network');
  for (const file of readdirSync(fixtures).filter((name) => name.endsWith('.yaml'))) {
    const name = basename(file, '.yaml');
    const { network } = parse(readFileSync(join(fixtures, file), 'utf8')) as { network: unknown };
    const base = { hostname: 'fixture', instance_id: `iid-${name}`, network };
    for (const datasource of DATASOURCES) await write(outDir, `${datasource}--net-${name}`, { ...base, datasource });
    await write(outDir, `nocloud--net-v2-23.1-${name}`, { ...base, network_config_version: 2, cloud_init_version: '23.1' });
  }
}

await main(process.argv[2] ?? 'seeds');
