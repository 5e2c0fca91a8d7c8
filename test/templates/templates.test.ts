/**
 * Every template in templates/ builds with the CLI, and cloud-init's own readers
 * (DataSourceNoCloud, the ConfigDrive reader) accept the image and see what the template says.
 * As shipped, a template's placeholder key, example hash and example admin password are refused;
 * the build line in its header (after the edit the header asks for, if any) works.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
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
const USER_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMFcLQa5LtljAU6hzHLRucNvrq2+nO1ZUSgbxus8oGZO me@laptop';

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

/** Where each template holds a value its user must replace. */
function placeholderPaths(spec: SeedSpec & { ssh?: { authorized_keys?: string[] } }): string[] {
  const paths = (spec.users ?? []).flatMap((user, i) => [
    ...(user.password_hash === undefined ? [] : [`users[${i}].password_hash`]),
    ...((user as { ssh_authorized_keys?: string[] }).ssh_authorized_keys ?? []).map((_, k) => `users[${i}].ssh_authorized_keys[${k}]`),
  ]);
  const windows = (spec as { windows?: { admin_pass?: string } }).windows;
  return [...paths, ...(spec.ssh?.authorized_keys ?? []).map((_, k) => `ssh.authorized_keys[${k}]`), ...(windows?.admin_pass === undefined ? [] : ['windows.admin_pass'])];
}

/** The example Windows admin password; no flag gives that password, so the header says to edit it first. */
const EXAMPLE_ADMIN_PASS = 'Replace-Me-2024!';
const OWN_ADMIN_PASS = 'My-Own-Admin-Pass-7';

test('every template as shipped is refused, each placeholder named with what to replace', async () => {
  await mapWithLimit(NAMES, 2, async (name) => {
    const spec = parse(readFileSync(join(TEMPLATES, `${name}.yaml`), 'utf8')) as SeedSpec;
    const expected = placeholderPaths(spec);
    assert.ok(expected.length > 0, `${name}: no placeholder to replace?`);
    const result = await runCli(['validate', join(TEMPLATES, `${name}.yaml`), '--json']);
    assert.equal(result.status, 1, name);
    const [{ issues }] = JSON.parse(result.stdout.toString()) as [{ issues: { path: string; message: string }[] }];
    assert.deepEqual(issues.map((issue) => issue.path).sort(), [...expected].sort(), name);
    for (const issue of issues) {
      assert.match(issue.message, /replace it/, `${name}: ${issue.path}`);
      assert.match(issue.message, /--allow-placeholders/, `${name}: ${issue.path}`);
      assert.ok(!issue.message.includes(EXAMPLE_PASSWORD), `${name}: the message repeats the example password`);
      assert.ok(!issue.message.includes(EXAMPLE_ADMIN_PASS), `${name}: the message repeats the example admin password`);
    }
  });
});

/** The `cloudseed build` lines of a template's header comment ("# Build:  ..." and "#     or  ..."). */
function headerBuildLines(text: string): string[][] {
  const header = text.slice(0, text.search(/^[^#]/m));
  return [...header.matchAll(/^# +(?:Build:|or) +cloudseed (build [^(\n]*?)\s*(?:\(.*)?$/gm)].map((match) => match[1]!.split(/\s+/));
}

test("each template's header build line builds it, with the user's key and password in place of the placeholders", async () => {
  await mapWithLimit(NAMES, 2, (name) =>
    withTempDir(async (dir) => {
      const lines = headerBuildLines(readFileSync(join(TEMPLATES, `${name}.yaml`), 'utf8'));
      assert.ok(lines.length > 0, `${name}: no build line in the header`);
      const text = readFileSync(join(TEMPLATES, `${name}.yaml`), 'utf8');
      // What the header asks the user to do before building: replace the example admin password.
      const asked = /^# First replace admin_pass below/m.test(text);
      writeFileSync(join(dir, 'spec.yaml'), asked ? text.replace(`admin_pass: "${EXAMPLE_ADMIN_PASS}"`, `admin_pass: "${OWN_ADMIN_PASS}"`) : text);
      writeFileSync(join(dir, 'id_ed25519.pub'), `${USER_KEY}\n`);
      for (const [index, words] of lines.entries()) {
        // The tests have no terminal: the password comes from the environment instead of the prompt.
        const args = words.map((word) => (word === '~/.ssh/id_ed25519.pub' ? 'id_ed25519.pub' : word));
        const prompt = args.indexOf('--password-prompt');
        if (prompt >= 0) args.splice(prompt, 1, '--password-env', 'TEMPLATE_PASSWORD');
        const output = args[args.indexOf('-o') + 1]!;
        args[args.indexOf('-o') + 1] = `${index}-${output}`;
        const built = await runCli(args, { cwd: dir, env: { TEMPLATE_PASSWORD: 'a password of my own' } });
        assert.equal(built.status, 0, `${name}: cloudseed ${words.join(' ')}: ${built.stderr}`);
        const extracted = join(dir, `files-${index}`);
        extractIsoWithXorriso(join(dir, `${index}-${output}`), extracted);
        const everything = readdirSync(extracted, { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
          .join('\n');
        if (words.includes('--ssh-key')) assert.ok(everything.includes(USER_KEY), `${name}: the user's key is not in the seed`);
        assert.ok(!everything.includes('REPLACE-WITH-YOUR-KEY'), `${name}: the placeholder key is still in the seed`);
        assert.ok(!everything.includes('$cloudseedtmpl01$'), `${name}: the example hash is still in the seed`);
        assert.ok(!everything.includes(EXAMPLE_ADMIN_PASS), `${name}: the example admin password is still in the seed`);
      }
    }),
  );
});

test('every template builds with the CLI and cloud-init reads the image', async () => {
  await mapWithLimit(NAMES, 2, (name) =>
    withTempDir(async (dir) => {
      const template = join(TEMPLATES, `${name}.yaml`);
      const spec = parse(readFileSync(template, 'utf8')) as SeedSpec;
      const image = join(dir, 'seed.iso');
      const built = await runCli(['build', template, '-o', image, '--json', '--allow-placeholders']);
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
