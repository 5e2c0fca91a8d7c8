/**
 * Every template in templates/ builds as-is with the CLI, and cloud-init's own readers
 * (DataSourceNoCloud, the ConfigDrive reader) accept the image and see what the template says.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { REPO_ROOT, mapWithLimit, runCli } from '../helpers/cli.js';
import { readSeedAsCloudInit, type Seen, type SeedSpec } from '../helpers/cloud-init-view.js';
import { assertValidCloudConfig, verifyCrypt } from '../helpers/config-drive.js';
import { extractIsoWithXorriso } from '../helpers/images.js';
import { withTempDir } from '../helpers/tools.js';

const TEMPLATES = join(REPO_ROOT, 'templates');
const NAMES = readdirSync(TEMPLATES)
  .filter((file) => file.endsWith('.yaml'))
  .map((file) => file.slice(0, -'.yaml'.length))
  .sort();
/** The password the templates' example hashes stand for, as their comments say. */
const EXAMPLE_PASSWORD = 'change-me';

test('there are the templates the issue names, plus minimal (the default)', () => {
  for (const name of ['minimal', 'password-login', 'ovirt-run-once', 'static-ip', 'dual-stack', 'bond-vlan', 'windows-cloudbase-init']) {
    assert.ok(NAMES.includes(name), `templates/${name}.yaml is missing`);
  }
});

test('every template opens with a one-line description and holds no clear-text user password', () => {
  for (const name of NAMES) {
    const text = readFileSync(join(TEMPLATES, `${name}.yaml`), 'utf8');
    assert.match(text.split('\n', 1)[0]!, /^# \S.{10,}/, `${name}: first line must be '# <description>'`);
    const spec = parse(text) as SeedSpec;
    for (const user of spec.users ?? []) {
      assert.equal(user.password, undefined, `${name}: users take password_hash, not a clear password`);
      if (user.password_hash !== undefined) assert.ok(verifyCrypt(EXAMPLE_PASSWORD, user.password_hash), `${name}: the hash is not of '${EXAMPLE_PASSWORD}' as its comment says`);
    }
  }
});

test('every template builds with the CLI and cloud-init reads the image', async () => {
  await mapWithLimit(NAMES, 2, (name) =>
    withTempDir(async (dir) => {
      const template = join(TEMPLATES, `${name}.yaml`);
      const spec = parse(readFileSync(template, 'utf8')) as SeedSpec;
      const image = join(dir, 'seed.iso');
      const built = await runCli(['build', template, '-o', image, '--json']);
      assert.equal(built.status, 0, `${name}: ${built.stderr}`);
      const summary = JSON.parse(built.stdout.toString()) as { instance_id: string };
      const extracted = join(dir, 'files');
      extractIsoWithXorriso(image, extracted);
      const seen = readSeedAsCloudInit(extracted, spec);
      assert.equal(seen.hostname, spec.hostname, name);
      assert.equal(seen.instanceId, summary.instance_id, name);
      if (spec.windows === undefined) assertValidCloudConfig(seen.cloudConfig, join(dir, 'cloud-config.yaml'));
      return { name, seen, spec };
    }).then(({ name: templateName, seen, spec }) => checkTemplate(templateName, seen, spec)),
  );
});

/** What each template is for, as the guest will see it. */
function checkTemplate(name: string, seen: Seen, spec: SeedSpec): void {
  const cloudConfig = parse(seen.cloudConfig) as Record<string, unknown>;
  if (name === 'password-login') {
    assert.equal(cloudConfig['ssh_pwauth'], true);
    assert.deepEqual(cloudConfig['chpasswd'], { expire: false });
    const [user] = cloudConfig['users'] as { name: string; hashed_passwd: string; lock_passwd: boolean }[];
    assert.equal(user!.lock_passwd, false);
    assert.ok(verifyCrypt(EXAMPLE_PASSWORD, user!.hashed_passwd));
  }
  if (name === 'ovirt-run-once') {
    const user = cloudConfig['user'] as { name: string; hashed_passwd: string };
    assert.equal(user.name, 'root');
    assert.ok(verifyCrypt(EXAMPLE_PASSWORD, user.hashed_passwd));
    assert.equal(typeof seen.metadata['network-interfaces'], 'string');
  }
  if (name === 'windows-cloudbase-init') {
    assert.equal(seen.metadata['admin_pass'], spec.windows!.admin_pass);
    assert.equal(seen.metadata['hostname'], spec.hostname);
    assert.ok(spec.hostname.length <= 15, 'a NetBIOS name has at most 15 characters');
    assert.deepEqual(seen.partTypes, ['text/cloud-config', 'text/x-shellscript']);
  }
}
