/**
 * What a one-shot `cloudseed build` loads besides the bundle: its start-up is part of the product
 * (scripts run it once per VM), and every module read from node_modules or built-in module loaded
 * at run time costs that time. Node's own module debug log (NODE_DEBUG=module) lists what goes
 * through require(): the bundle's chunks are ES modules and never appear there.
 * process.moduleLoadList lists the built-in modules the process loaded.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
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

interface BuildLoads {
  /** Files loaded through require(), from Node's module debug log. */
  readonly requiredFiles: string[];
  /** Built-in modules the process loaded, e.g. `os`, `internal/fs/utils`. */
  readonly builtins: string[];
}

/** What a `build` of a typical spec loads, written as JSON (or as YAML, which JSON is a subset of). */
function buildLoads(dir: string, specName = 'spec.json'): BuildLoads {
  const spec = join(dir, specName);
  writeFileSync(spec, JSON.stringify(SPEC));
  const list = join(dir, 'builtins.txt');
  const preload = join(dir, 'list-builtins.cjs');
  writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join('\\n')));`);
  const [node, ...args] = cliCommand(['build', spec, '-o', join(dir, 'seed.iso')]);
  const result = spawnSync(node!, ['--require', preload, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_DEBUG: 'module' } });
  assert.equal(result.status, 0, result.stderr);
  return {
    requiredFiles: [...result.stderr.matchAll(/^MODULE \d+: load "([^"]+)"/gm)].map((match) => match[1]!).filter((file) => file !== preload),
    builtins: readFileSync(list, 'utf8')
      .split('\n')
      .filter((entry) => entry.startsWith('NativeModule '))
      .map((entry) => entry.slice('NativeModule '.length)),
  };
}

test('build of a JSON spec reads no module file through require(): its dependencies, ajv runtime helpers included, are bundled, and the yaml package is not loaded', async () => {
  await withTempDir(async (dir) => {
    assert.deepEqual(buildLoads(dir).requiredFiles, []);
  });
});

test("build of a YAML spec loads the yaml package from the bundle's one file, not from node_modules", async () => {
  await withTempDir(async (dir) => {
    const files = buildLoads(dir, 'spec.yaml').requiredFiles;
    assert.equal(files.length, 1, files.join('\n'));
    assert.match(files[0]!, /[\\/]cli[\\/]chunks[\\/]yaml\.cjs$/);
  });
});

test('build of a typical spec loads no built-in module that only other paths need', async () => {
  await withTempDir(async (dir) => {
    const { builtins } = buildLoads(dir);
    assert.ok(builtins.includes('crypto'), 'the list is read (the instance-id hash needs node:crypto)');
    // child_process (and with it dgram): commander's executable subcommands and the xorriso
    // writer; os: `~` in --ssh-key paths and xorriso's temp folder; zlib: gzipped user-data;
    // worker_threads: batch lanes, and the instance-id hash of payloads over 64 MiB.
    // (net is not in the list: stdout and stderr are pipes here, which Node makes net sockets.)
    for (const unneeded of ['child_process', 'dgram', 'os', 'zlib', 'worker_threads']) {
      assert.ok(!builtins.includes(unneeded), `node:${unneeded} is loaded`);
    }
  });
});
