/**
 * Every example spec in examples/ builds as the README says (`npx cloudseed build FILE -o ...`,
 * here the bundled CLI), and cloud-init's own readers accept the image and see its host name.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { REPO_ROOT, mapWithLimit, runCli } from '../helpers/cli.js';
import { readSeedAsCloudInit, type SeedSpec } from '../helpers/cloud-init-view.js';
import { assertValidCloudConfig } from '../helpers/config-drive.js';
import { extractIsoWithXorriso } from '../helpers/images.js';
import { withTempDir } from '../helpers/tools.js';

const EXAMPLES = join(REPO_ROOT, 'examples');
const SPECS = readdirSync(EXAMPLES).filter((file) => file.endsWith('.yaml')).sort();

test('every example spec builds with the CLI from any folder and cloud-init reads the image', async () => {
  assert.ok(SPECS.length >= 3, `only ${SPECS.length} example specs`);
  await mapWithLimit(SPECS, 2, (file) =>
    withTempDir(async (dir) => {
      const spec = parse(readFileSync(join(EXAMPLES, file), 'utf8')) as SeedSpec;
      const image = join(dir, 'seed.iso');
      // The working folder is not examples/: sources named in a spec are relative to the spec file.
      const built = await runCli(['build', join(EXAMPLES, file), '-o', image, '--json'], { cwd: dir });
      assert.equal(built.status, 0, `${file}: ${built.stderr}`);
      const summary = JSON.parse(built.stdout.toString()) as { instance_id: string };
      const extracted = join(dir, 'files');
      extractIsoWithXorriso(image, extracted);
      const seen = readSeedAsCloudInit(extracted, spec);
      assert.equal(seen.hostname, spec.hostname, file);
      assert.equal(seen.instanceId, summary.instance_id, file);
      assertValidCloudConfig(seen.cloudConfig, join(dir, 'cloud-config.yaml'));
    }),
  );
});
