/**
 * vfat seeds for every datasource, judged by fsck.fat, blkid, mtools and 7z, and then by
 * cloud-init's own NoCloud and ConfigDrive readers on the tree mtools extracted.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildSeed } from '../../src/seed.js';
import { loadSpecFile } from '../../src/input/load.js';
import { fromBase64, knownMacs, readConfigDrive } from '../helpers/config-drive.js';
import { GOLDEN_ROOT } from '../helpers/golden.js';
import { extractFatWithMtools, probeWithBlkid, readTreeFromDir } from '../helpers/images.js';
import { runTool, withTempDir } from '../helpers/tools.js';

const decode = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);

const CASES = [
  { spec: 'nocloud-full', label: 'CIDATA' },
  { spec: 'configdrive-network', label: 'CONFIG-2' },
  { spec: 'configdrive-files', label: 'CONFIG-2' },
  { spec: 'ovirt-seed', label: 'CONFIG-2' },
];

for (const { spec, label } of CASES) {
  test(`${spec} as vfat: fsck-clean, labelled twice, extracted exactly, read by cloud-init`, async () => {
    const { data, baseDir } = await loadSpecFile(join(GOLDEN_ROOT, 'specs', `${spec}.yaml`));
    const seed = await buildSeed(data, { baseDir, filesystem: 'vfat' });
    assert.ok(seed.image.length <= 64 * 1024, `a typical seed fits in 64 KiB (got ${seed.image.length})`);
    await withTempDir((dir) => {
      const image = join(dir, 'seed.img');
      writeFileSync(image, seed.image);
      const fsck = runTool('fsck.fat', ['-n', image]);
      assert.doesNotMatch(fsck.stdout, /differ|error|invalid/i, fsck.stdout);
      const probe = probeWithBlkid(image);
      assert.equal(probe['TYPE'], 'vfat');
      assert.equal(probe['LABEL'], label);
      assert.equal(probe['LABEL_FATBOOT'], label);
      const extracted = extractFatWithMtools(image, join(dir, 'm'));
      assert.deepEqual(extracted, seed.files);
      mkdirSync(join(dir, 'z'));
      runTool('7z', ['x', '-y', `-o${join(dir, 'z')}`, image]);
      assert.deepEqual(readTreeFromDir(join(dir, 'z')), seed.files);

      if (seed.model.datasource === 'nocloud') {
        const seen = JSON.parse(runTool('/usr/bin/python3', [join(import.meta.dirname, '..', 'helpers', 'read-nocloud.py'), join(dir, 'm')]).stdout);
        assert.equal(seen.instance_id, seed.instanceId);
        assert.equal(seen.hostname, seed.model.hostname);
        assert.equal(seen.userdata_raw, decode(seed.files.get('user-data')));
      } else {
        const seen = readConfigDrive(join(dir, 'm'), knownMacs(seed.model));
        assert.equal(seen.datasource.found, true);
        assert.equal(seen.datasource.instance_id, seed.instanceId);
        assert.equal(decode(fromBase64(seen.datasource.userdata_raw)), decode(seed.files.get('openstack/latest/user_data')));
      }
    });
  });
}

test('vfat labels are upper-case by default and kept exactly as given with label/--label', async () => {
  for (const [label, expected] of [[undefined, 'CIDATA'], ['cidata', 'cidata'], ['CIDATA', 'CIDATA']] as const) {
    const seed = await buildSeed({ hostname: 'lab', ...(label ? { label } : {}) }, { filesystem: 'vfat' });
    await withTempDir((dir) => {
      const image = join(dir, 'seed.img');
      writeFileSync(image, seed.image);
      const probe = probeWithBlkid(image);
      assert.equal(probe['LABEL'], expected);
      assert.equal(probe['LABEL_FATBOOT'], expected);
      runTool('fsck.fat', ['-n', image]);
    });
  }
});
