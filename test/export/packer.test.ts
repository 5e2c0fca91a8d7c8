/** The packer target: HashiCorp's own HCL2 parser (@cdktf/hcl2json) and JSON.parse read back exactly the image's files. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { exportSeed } from '../../src/export/export.js';
import { buildSeed } from '../../src/seed.js';
import { loadSpecFile } from '../../src/input/load.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { withTempDir } from '../helpers/tools.js';

const SALT = { saltSeed: 'export-test-salt' };
const decoder = new TextDecoder();

/** A template's literal text, as Packer evaluates it: `$${` and `%%{` are the escapes of `${` and `%{`. */
const literal = (template: string): string => template.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');

// biome-ignore lint/suspicious/noTemplateCurlyInString: the text must hold HCL's template sequences literally
const TEMPLATE_TEXT = 'echo "${HOME}" %{not-a-directive}';

interface CdFragment {
  cd_label: string;
  cd_content: Record<string, string>;
}

for (const [example, label] of [['web01.yaml', 'cidata'], ['configdrive.yaml', 'config-2']] as const) {
  test(`packer (${example}): cd_content as HCL2 and as JSON holds exactly the image's files, cd_label ${label}`, async () => {
    const { data, baseDir } = await loadSpecFile(join(REPO_ROOT, 'examples', example));
    // Template sequences in a file must reach the guest literally.
    const spec = { ...(data as object), runcmd: [TEMPLATE_TEXT] };
    const exported = await exportSeed(spec, 'packer', { baseDir, ...SALT });
    const built = await buildSeed(spec, { baseDir, ...SALT });
    const expected = Object.fromEntries([...built.files].map(([path, content]) => [path, decoder.decode(content)]));
    const file = (name: string) => decoder.decode(exported.files.find((f) => f.name === name)!.content);

    const hcl = (await parseHcl('cd_content.hcl', file('cd_content.hcl'))) as CdFragment;
    assert.equal(literal(hcl.cd_label), built.label);
    assert.deepEqual(Object.fromEntries(Object.entries(hcl.cd_content).map(([path, text]) => [path, literal(text)])), expected);

    const json = JSON.parse(file('cd_content.pkr.json')) as CdFragment;
    assert.equal(literal(json.cd_label), label);
    assert.deepEqual(Object.fromEntries(Object.entries(json.cd_content).map(([path, text]) => [path, literal(text)])), expected);
    assert.ok(Object.values(expected).some((text) => text.includes(TEMPLATE_TEXT)));
  });
}

test('packer: a vfat filesystem is named as dropped; binary injected files are refused', async () => {
  const vfat = await exportSeed({ hostname: 'h1' }, 'packer', { filesystem: 'vfat' });
  assert.match(vfat.warnings.join('\n'), /filesystem vfat is not used/);
  await withTempDir(async (dir) => {
    writeFileSync(join(dir, 'blob'), Buffer.from([0xff, 0xfe, 0x00]));
    const binary = { hostname: 'h1', datasource: 'configdrive', files: [{ path: '/etc/blob', source: 'blob' }] };
    await assert.rejects(exportSeed(binary, 'packer', { baseDir: dir }), /files\[0\]: is not UTF-8 text/);
  });
});
