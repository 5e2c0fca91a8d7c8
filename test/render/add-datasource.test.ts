/**
 * Adding a datasource is a file and a line: in a copy of src/, schemas/ and scripts/, a renderer
 * file for a fake datasource (its name, labels, title and renderer in one entry) and one line in
 * the registry (src/render/datasources/index.ts) are enough for the schema compiler and tsc to
 * pass, for the schema enum and the CLI's --datasource choices to list it, and for a build to
 * give an image with its label and its file.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../helpers/cli.js';
import { extractIsoWithXorriso } from '../helpers/images.js';
import { withTempDir } from '../helpers/tools.js';

const FAKE_RENDERER = `/** A datasource made up by the test: one JSON file. */
import type { InstanceModel } from '../../model/types.js';
import { fileTree, type FileTree } from '../../common/file-tree.js';
import type { DatasourceEntry } from '../types.js';

export function renderFake(model: InstanceModel): FileTree {
  return fileTree([['fake-seed.json', JSON.stringify({ instance: model.instanceId, host: model.hostname })]]);
}

export const fakeds = { labels: ['fakeseed', 'FAKESEED'], title: 'Fake', render: renderFake } as const satisfies DatasourceEntry;
`;
const REGISTRY_LINE = "export { fakeds } from './fakeds.js';\n";

function run(command: string, args: readonly string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

test('a fake datasource added as a file and a line compiles, is a schema and CLI choice, and builds', { timeout: 180_000 }, () =>
  withTempDir(async (dir) => {
    for (const folder of ['src', 'schemas', 'scripts']) cpSync(join(REPO_ROOT, folder), join(dir, folder), { recursive: true });
    cpSync(join(REPO_ROOT, 'package.json'), join(dir, 'package.json'));
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
    const tsconfig = JSON.parse(readFileSync(join(REPO_ROOT, 'tsconfig.json'), 'utf8')) as { include: string[] };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ ...tsconfig, include: ['src'] }));

    // The whole change: one new file, one added line.
    writeFileSync(join(dir, 'src/render/datasources/fakeds.ts'), FAKE_RENDERER);
    const registry = join(dir, 'src/render/datasources/index.ts');
    writeFileSync(registry, readFileSync(registry, 'utf8') + REGISTRY_LINE);

    run(process.execPath, ['--import', 'tsx', 'scripts/compile-schema.mjs'], dir);
    run(process.execPath, [join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit'], dir);

    const schema = JSON.parse(readFileSync(join(dir, 'schemas/spec.schema.json'), 'utf8')) as { properties: { datasource: { enum: string[] } } };
    assert.deepEqual(schema.properties.datasource.enum, ['nocloud', 'configdrive', 'fakeds', 'ovirt']);

    const main = join(dir, 'src/cli/main.ts');
    const help = run(process.execPath, ['--import', 'tsx', main, 'build', '--help'], dir);
    assert.match(help.replace(/\s+/g, ' '), /--datasource <name> datasource to render \(choices: "nocloud", "configdrive", "fakeds", "ovirt"\)/);

    mkdirSync(join(dir, 'work'));
    writeFileSync(join(dir, 'work/spec.yaml'), 'hostname: fake01\ndatasource: fakeds\n');
    run(process.execPath, ['--import', 'tsx', main, 'build', 'spec.yaml', '-o', 'seed.iso'], join(dir, 'work'));
    const inspected = JSON.parse(run(process.execPath, ['--import', 'tsx', main, 'inspect', 'seed.iso', '--json'], join(dir, 'work'))) as { label: string };
    assert.equal(inspected.label, 'fakeseed');
    extractIsoWithXorriso(join(dir, 'work/seed.iso'), join(dir, 'work/files'));
    const written = JSON.parse(readFileSync(join(dir, 'work/files/fake-seed.json'), 'utf8')) as { instance: unknown; host: unknown };
    assert.equal(written.host, 'fake01');
    assert.equal(typeof written.instance, 'string');
  }),
);
