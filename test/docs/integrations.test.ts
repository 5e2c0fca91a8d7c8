/**
 * The recipes of docs/integrations.md that other tools read, checked as far as this host can: the
 * Terraform blocks parse with HashiCorp's HCL parser and say what each provider version needs, the
 * oVirt payload XML has the elements vdsm needs and names files the ovirt seed has, and the Ansible
 * password hash with a fixed salt keeps the instance-id from one run to the next.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { parse as parseYaml } from 'yaml';
import { renderSeed } from '../../src/seed.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { runTool, withTempDir } from '../helpers/tools.js';

const DOC = readFileSync(join(REPO_ROOT, 'docs', 'integrations.md'), 'utf8');

function blocks(language: string): string[] {
  return [...DOC.matchAll(new RegExp(`^ *\`\`\`${language}\\n([\\s\\S]*?)^ *\`\`\``, 'gm'))].map((match) => match[1]!);
}

// Terraform interpolations, as hcl2json writes them: plain strings that hold ${...}.
// biome-ignore lint/suspicious/noTemplateCurlyInString: a Terraform interpolation, not a JavaScript one
const SEED_RESOURCE = '${terraform_data.seed}';
// biome-ignore lint/suspicious/noTemplateCurlyInString: a Terraform interpolation, not a JavaScript one
const SEED_FILE = '${path.module}/vm01-seed.iso';

type Volume = Record<string, unknown> & { lifecycle?: { replace_triggered_by?: string[] }[] };

test('the Terraform blocks parse, and each libvirt_volume is replaced when the seed is rebuilt', async () => {
  const hcl = blocks('hcl');
  assert.equal(hcl.length, 2, 'one block for provider 0.9, one for 0.8');
  const volumes: Volume[] = [];
  for (const [index, block] of hcl.entries()) {
    const parsed = (await parseHcl(`recipe-${index}.tf`, block)) as { resource?: { libvirt_volume?: { seed?: Volume[] } } };
    volumes.push(parsed.resource!.libvirt_volume!.seed![0]!);
  }
  const [v09, v08] = volumes as [Volume, Volume];
  for (const volume of volumes) {
    assert.equal(volume['pool'], 'default');
    assert.deepEqual(volume.lifecycle?.[0]?.replace_triggered_by, [SEED_RESOURCE]);
  }
  // 0.9 has no `source`: the file goes in create.content.url.
  assert.equal(v09['source'], undefined);
  assert.deepEqual(v09['create'], { content: { url: SEED_FILE } });
  assert.equal(v08['source'], SEED_FILE);
});

/** The payload XML's shape, read by Python's ElementTree (an XML parser independent of ours). */
function readPayloadXml(xml: string): { type: string | null; volumeId: string | null; files: { name: string | null; content: string | null }[] } {
  const script = `
import json, sys, xml.etree.ElementTree as ET
vm = ET.fromstring(sys.stdin.read())
assert vm.tag == 'vm', vm.tag
payload = vm.find('payloads/payload')
print(json.dumps({
  'type': payload.get('type'),
  'volumeId': payload.findtext('volume_id'),
  'files': [{'name': f.findtext('name'), 'content': f.findtext('content')} for f in payload.findall('files/file')],
}))`;
  return JSON.parse(runTool('python3', ['-c', script], { input: xml }).stdout);
}

test('the oVirt payload XML has a cdrom payload labelled config-2 whose files the ovirt seed has', async () => {
  const xml = blocks('xml').find((block) => block.includes('<payloads>'));
  assert.ok(xml, 'no payload XML in docs/integrations.md');
  const payload = readPayloadXml(xml);
  assert.equal(payload.type, 'cdrom');
  assert.equal(payload.volumeId, 'config-2');
  assert.ok(payload.files.length > 0);
  const template = parseYaml(readFileSync(join(REPO_ROOT, 'templates', 'ovirt-run-once.yaml'), 'utf8'));
  const { files } = await renderSeed(template, { allowPlaceholders: true });
  for (const file of payload.files) {
    assert.ok(file.name && files.has(file.name), `${file.name} is not a file of an ovirt seed (${[...files.keys()].join(', ')})`);
    assert.ok(file.content, `${file.name} has no <content>`);
  }
});

/** What ansible's password_hash('sha512', salt) gives: SHA-512 crypt with that salt (5000 rounds). */
function sha512Crypt(password: string, salt: string): string {
  return runTool('python3', ['-c', 'import crypt, sys; print(crypt.crypt(sys.argv[1], "$6$" + sys.argv[2]))', password, salt]).stdout.trim();
}

test('the Ansible recipe salts password_hash, and a fixed salt keeps the instance-id across runs', async () => {
  const recipe = blocks('yaml').find((block) => block.includes('password_hash('));
  assert.ok(recipe, 'no password_hash recipe in docs/integrations.md');
  const filter = /password_hash\('sha512', *([\w.]+)\)/.exec(recipe);
  assert.ok(filter, `password_hash without a salt argument:\n${recipe}`);
  await withTempDir(async (dir) => {
    const instanceIdWith = async (salt: string, run: number): Promise<string> => {
      const spec = join(dir, `run-${run}.yaml`);
      const hash = sha512Crypt('vault password', salt);
      writeFileSync(spec, `hostname: vm01\nusers:\n  - name: admin\n    password_hash: "${hash}"\n`);
      const built = await runCli(['build', spec, '-o', join(dir, `run-${run}.iso`), '--json']);
      assert.equal(built.status, 0, built.stderr);
      return (JSON.parse(built.stdout.toString()) as { instance_id: string }).instance_id;
    };
    const first = await instanceIdWith('Fixed.Salt.0001', 1);
    assert.equal(await instanceIdWith('Fixed.Salt.0001', 2), first, 'two runs with the same salt');
    // What an unsalted password_hash does: a new random salt each run, so a new instance-id.
    assert.notEqual(await instanceIdWith('RandomSalt12345', 3), first);
  });
});
