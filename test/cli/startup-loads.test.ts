/**
 * What a one-shot `cloudseed build` loads besides the bundle: its start-up is part of the product
 * (scripts run it once per VM), and every module read from node_modules or built-in module loaded
 * at run time costs that time. Node's own module debug log (NODE_DEBUG=module) lists what goes
 * through require(): the bundle's chunks are ES modules and never appear there.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cliCommand } from '../helpers/cli.js';
import { withTempDir } from '../helpers/tools.js';

const SPEC = {
  hostname: 'web01',
  users: [{ name: 'admin', password_hash: '$6$benchsalt12345$.cbQF7aaeEuufhrwYe9diKKqc3BBOW8Ehe4Q6H.mVF0zQkkq6EovLU0hBSrS7nF5mLgg2T59dkd51idOTlAtN0', ssh_authorized_keys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMFcLQa5LtljAU6hzHLRucNvrq2+nO1ZUSgbxus8oGZO admin@laptop'] }],
  network: { ethernets: { eth0: { addresses: ['10.0.0.5/24'], routes: [{ to: 'default', via: '10.0.0.1' }], nameservers: { addresses: ['10.0.0.1'] } } } },
  write_files: [{ path: '/etc/motd', content: 'hello\n', permissions: '0644' }],
};

/** The files a `build` of a typical JSON spec loads through require(), from Node's module debug log. */
function filesRequiredByBuild(dir: string): string[] {
  const spec = join(dir, 'spec.json');
  writeFileSync(spec, JSON.stringify(SPEC));
  const [node, ...args] = cliCommand(['build', spec, '-o', join(dir, 'seed.iso')]);
  const result = spawnSync(node!, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_DEBUG: 'module' } });
  assert.equal(result.status, 0, result.stderr);
  return [...result.stderr.matchAll(/^MODULE \d+: load "([^"]+)"/gm)].map((match) => match[1]!);
}

test('build reads no module file from node_modules: its dependencies, ajv runtime helpers included, are bundled', async () => {
  await withTempDir(async (dir) => {
    assert.deepEqual(filesRequiredByBuild(dir), []);
  });
});
