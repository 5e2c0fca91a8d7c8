/**
 * NoCloud seeds judged by their real consumers: golden trees, PyYAML (what cloud-init parses
 * with), cloud-init's own DataSourceNoCloud and schema validator, and images read back by xorriso.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { buildCloudConfig } from '../../src/render/cloud-config.js';
import { buildSeed, renderSeed } from '../../src/seed.js';
import { loadSpecFile } from '../../src/input/load.js';
import { assertMatchesGolden, GOLDEN_ROOT } from '../helpers/golden.js';
import { extractIsoWithXorriso, loadWithPyYaml, writeTreeToDir } from '../helpers/images.js';
import { runTool, withTempDir } from '../helpers/tools.js';

const SPECS = join(GOLDEN_ROOT, 'specs');
const CASES = ['nocloud-minimal', 'nocloud-full', 'nocloud-multipart'];
const decode = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);

async function render(caseName: string) {
  const { data, baseDir } = await loadSpecFile(join(SPECS, `${caseName}.yaml`));
  return renderSeed(data, { baseDir });
}

function readWithCloudInit(seedDir: string): {
  found: boolean;
  instance_id: string;
  hostname: string;
  metadata: Record<string, unknown>;
  userdata_raw: string;
  userdata_parts: { type: string; filename: string; content: string }[];
  network_config: unknown;
} {
  return JSON.parse(runTool('/usr/bin/python3', [join(import.meta.dirname, '..', 'helpers', 'read-nocloud.py'), seedDir]).stdout);
}

describe('NoCloud renderer', () => {
  for (const caseName of CASES) {
    test(`${caseName}: matches the golden tree`, async () => {
      assertMatchesGolden((await render(caseName)).files, caseName);
    });

    test(`${caseName}: every YAML file reads back through PyYAML as meant`, async () => {
      const seed = await render(caseName);
      assert.deepEqual(loadWithPyYaml(decode(seed.files.get('meta-data'))), {
        'instance-id': seed.instanceId,
        'local-hostname': seed.model.hostname,
      });
      const userData = decode(seed.files.get('user-data'));
      if (userData.startsWith('#cloud-config')) {
        assert.deepEqual(loadWithPyYaml(userData), JSON.parse(JSON.stringify(buildCloudConfig(seed.model))));
      }
      if (seed.files.has('network-config')) {
        const network = loadWithPyYaml(decode(seed.files.get('network-config'))) as Record<string, unknown>;
        assert.equal(network['network'], undefined, 'network-config must not be wrapped in network:');
        assert.ok(network['version'] === 2 || network['version'] === 1);
      }
    });

    test(`${caseName}: cloud-init's schema validator accepts every cloud-config part without deprecations`, async () => {
      const seed = await render(caseName);
      await withTempDir((dir) => {
        writeTreeToDir(seed.files, join(dir, 'seed'));
        const parts = readWithCloudInit(join(dir, 'seed')).userdata_parts.filter((part) => part.type === 'text/cloud-config');
        assert.ok(parts.length >= 1);
        parts.forEach((part, i) => {
          const file = join(dir, `cloud-config-${i}`);
          writeFileSync(file, part.content);
          const result = runTool('cloud-init', ['schema', '--config-file', file], { allowFailure: true });
          const output = `${result.stdout}${result.stderr}`;
          assert.equal(result.status, 0, output);
          assert.match(output, /Valid cloud-config/);
          assert.doesNotMatch(output, /deprecat/i, output);
        });
      });
    });

    test(`${caseName}: the ISO image is read by xorriso and loaded by cloud-init's DataSourceNoCloud`, async () => {
      const { data, baseDir } = await loadSpecFile(join(SPECS, `${caseName}.yaml`));
      const seed = await buildSeed(data, { baseDir });
      await withTempDir((dir) => {
        const image = join(dir, 'seed.iso');
        writeFileSync(image, seed.image);
        const extracted = extractIsoWithXorriso(image, join(dir, 'x'));
        assert.deepEqual(extracted, seed.files);
        const seen = readWithCloudInit(join(dir, 'x'));
        assert.equal(seen.found, true);
        assert.equal(seen.instance_id, seed.instanceId);
        assert.equal(seen.hostname, seed.model.hostname);
        assert.equal(seen.userdata_raw, decode(seed.files.get('user-data')));
        if (seed.files.has('network-config')) {
          assert.deepEqual(seen.network_config, loadWithPyYaml(decode(seed.files.get('network-config'))));
        }
        assert.equal(seen.userdata_parts.length, 1 + seed.model.userDataParts.length);
        seed.model.userDataParts.forEach((part, i) => {
          assert.equal(seen.userdata_parts[i + 1]!.type, part.type);
          assert.equal(seen.userdata_parts[i + 1]!.content, decode(part.content));
        });
      });
    });
  }

  test('a seed written as a plain folder is what cloud-init reads too', async () => {
    const seed = await render('nocloud-full');
    await withTempDir((dir) => {
      writeTreeToDir(seed.files, dir);
      const seen = readWithCloudInit(dir);
      assert.equal(seen.instance_id, seed.instanceId);
      assert.equal(seen.metadata['local-hostname'], 'web01');
    });
  });
});
