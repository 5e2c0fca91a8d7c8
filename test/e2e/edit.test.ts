/**
 * `cloudseed edit` on a seed cloud-localds made, booted: the guest applies the edited hostname,
 * the new user with its key and password, and still runs what the original user-data asked for.
 * One boot (trixie, cloud-init 25.1, the strictest about warnings).
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Spec } from '../../src/input/types.js';
import { runCli } from '../helpers/cli.js';
import { runTool } from '../helpers/tools.js';
import { assertSpecApplied } from './assert-spec.js';
import { bootWithSeeds } from './boot-seed.js';
import { withScenarioDir } from './scenario-dir.js';

const OPS_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIByNidShqSJJ5gQSDcLpsl7eG8265tm+T3PzyG7f9lcD ops@laptop';
const PASSWORD = 'edited seeds apply';
const ORIGINAL_USER_DATA = '#cloud-config\n# written by hand for cloud-localds\nruncmd:\n  - echo ran > /var/lib/cloudseed-e2e/markers/runcmd\n';

/** What the edited seed asks for, in the spec's words, for the shared assertions. */
const SPEC = {
  hostname: 'edited01',
  users: [{ name: 'ops', shell: '/bin/bash', sudo: 'ALL=(ALL) NOPASSWD:ALL', ssh_authorized_keys: [OPS_KEY], password: PASSWORD }],
} satisfies Spec;

test('a cloud-localds seed edited by cloudseed edit: the guest gets the new hostname, user, key and password', async (t) => {
  await withScenarioDir('edit-cloud-localds', async (dir) => {
    await writeFile(join(dir, 'user-data'), ORIGINAL_USER_DATA);
    runTool('cloud-localds', ['-H', 'orig01', join(dir, 'original.iso'), join(dir, 'user-data')]);
    const edit = await runCli(
      ['edit', join(dir, 'original.iso'), '--hostname', SPEC.hostname, '--user', 'ops', '--ssh-key', OPS_KEY, '--password-env', 'OPS_PASSWORD', '-o', join(dir, 'edited.iso')],
      { env: { ...process.env, OPS_PASSWORD: PASSWORD } },
    );
    assert.equal(edit.status, 0, edit.stderr.toString());
    const instanceId = /instance-id: iid-local01 -> (\S+)/.exec(edit.stderr.toString())?.[1];
    assert.ok(instanceId, `the new instance-id is said on stderr: ${edit.stderr}`);
    const { boots, seedDevice } = await bootWithSeeds(dir, { suite: 'trixie', filesystem: 'iso9660' }, [
      new Uint8Array(await readFile(join(dir, 'edited.iso'))),
    ]);
    const [{ facts, durationMs, attempts }] = boots;
    t.diagnostic(`boot: ${(durationMs / 1000).toFixed(0)} s, ${attempts} attempt(s), cloud-init ${facts.cloud_init.version}`);
    assertSpecApplied(facts, SPEC, { datasource: 'nocloud', seedDevice, instanceId });
    assert.equal(facts.files['/var/lib/cloudseed-e2e/markers/runcmd']?.content, 'ran\n', 'the original user-data still runs');
  });
});
