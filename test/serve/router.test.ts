/**
 * The server's routing, in-process: requests go straight to handleRequest over a catalog of spec
 * files in a temp folder, no socket. The answers are compared with what the library renders for
 * the same spec (the bytes `cloudseed render` writes).
 */
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { withTempDir } from '../helpers/tools.js';
import { renderSeed, validateSpec } from '../../src/seed.js';
import { openFileCatalog, type VmCatalog } from '../../src/serve/catalog.js';
import type { ServedVm } from '../../src/serve/spec-entry.js';
import { RateLimiter } from '../../src/serve/rate-limit.js';
import { handleRequest, type RouterContext } from '../../src/serve/router.js';
import { TokenStore } from '../../src/serve/tokens.js';
import type { ServeResponse } from '../../src/serve/types.js';
import { fileTree } from '../../src/common/file-tree.js';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMFcLQa5LtljAU6hzHLRucNvrq2+nO1ZUSgbxus8oGZO admin@laptop';
const VM01 = { hostname: 'vm01', ssh: { authorized_keys: [KEY] }, salt_seed: 'fixed-salt-seed', users: [{ name: 'admin', password: 'hunter2-secret' }] };
const VM02 = { hostname: 'vm02', serve: { ip: '10.0.0.2' } };
const NETWORKED = { hostname: 'vm03', network: { ethernets: { eth0: { match: { macaddress: '52:54:00:00:00:03' }, addresses: ['192.0.2.3/24'] } } } };

const text = (response: ServeResponse): string => new TextDecoder().decode(response.body);

interface Fixture {
  readonly dir: string;
  readonly errors: string[];
  readonly ask: (path: string, init?: { method?: string; headers?: Record<string, string>; from?: string }) => Promise<ServeResponse>;
}

function writeSpec(dir: string, file: string, spec: unknown): void {
  writeFileSync(join(dir, file), JSON.stringify(spec));
}

async function withSpecs(
  specs: Record<string, unknown>,
  body: (fixture: Fixture) => Promise<void>,
  options: { strict?: boolean; single?: string; rateLimiter?: RateLimiter; neighbours?: Map<string, string> } = {},
): Promise<void> {
  await withTempDir(async (root) => {
    const dir = join(root, 'specs');
    mkdirSync(dir);
    for (const [file, spec] of Object.entries(specs)) writeSpec(dir, file, spec);
    const errors: string[] = [];
    const catalog = openFileCatalog(options.single === undefined ? dir : join(dir, options.single), {
      onError: (vm, message) => errors.push(`${vm}: ${message}`),
      neighbours: () => options.neighbours ?? new Map(),
      rescanMs: 0,
    });
    const context: RouterContext = { catalog, strict: options.strict ?? false, tokens: new TokenStore(), rateLimiter: options.rateLimiter };
    const ask: Fixture['ask'] = (path, init = {}) =>
      handleRequest({ method: init.method ?? 'GET', path, headers: init.headers ?? {}, remoteAddress: init.from ?? '127.0.0.1' }, context);
    await body({ dir, errors, ask });
  });
}

test('NoCloud: each VM gets the files the library renders for its spec, by file name', async () => {
  await withSpecs({ 'vm01.yaml': VM01, 'vm03.json': NETWORKED }, async ({ dir, ask }) => {
    for (const [name, spec] of [['vm01', VM01], ['vm03', NETWORKED]] as const) {
      const expected = await renderSeed(spec, { datasource: 'nocloud', baseDir: dir });
      for (const file of ['meta-data', 'user-data', 'network-config']) {
        const response = await ask(`/${name}/${file}`);
        assert.equal(response.status, 200, `${name}/${file}`);
        assert.deepEqual(response.body, expected.files.get(file) ?? new Uint8Array(), `${name}/${file}`);
      }
    }
  });
});

test('NoCloud: optional files the spec has none of are 200 with an empty body (cloud-init retries any error)', async () => {
  await withSpecs({ 'vm01.yaml': VM01 }, async ({ ask }) => {
    for (const file of ['vendor-data', 'network-config']) {
      const response = await ask(`/vm01/${file}`);
      assert.equal(response.status, 200);
      assert.equal(response.body.length, 0);
    }
  });
});

test('NoCloud: a VM is also found by its serve.uuid (the __dmi.system-uuid__ seed URL), in any case', async () => {
  const uuid = '6a1c2f1e-8a3b-4c5d-9e7f-0123456789ab';
  await withSpecs({ 'vm01.yaml': { ...VM01, serve: { uuid } } }, async ({ ask }) => {
    const byName = await ask('/vm01/meta-data');
    assert.equal((await ask(`/${uuid}/meta-data`)).status, 200);
    assert.deepEqual((await ask(`/${uuid.toUpperCase()}/meta-data`)).body, byName.body);
  });
});

test('a single spec answers every NoCloud URL, the bare /meta-data too', async () => {
  await withSpecs(
    { 'vm01.yaml': VM01 },
    async ({ ask }) => {
      const expected = await ask('/vm01/meta-data');
      assert.equal(expected.status, 200);
      assert.deepEqual((await ask('/meta-data')).body, expected.body);
      assert.deepEqual((await ask('/anything/meta-data')).body, expected.body);
      assert.equal((await ask('/openstack/latest/meta_data.json')).status, 200);
    },
    { single: 'vm01.yaml' },
  );
});

test('OpenStack: versions one per line ending in latest, and the config drive meta_data.json', async () => {
  await withSpecs(
    { 'vm03.yaml': NETWORKED },
    async ({ dir, ask }) => {
      const versions = await ask('/openstack');
      assert.equal(text(versions), '2012-08-10\n2018-08-27\nlatest');
      assert.equal(text(await ask('/openstack/')), text(versions));
      const drive = await renderSeed(NETWORKED, { datasource: 'configdrive', baseDir: dir });
      for (const version of ['2012-08-10', '2018-08-27', 'latest']) {
        const folder = version === '2018-08-27' ? version : 'latest';
        for (const file of ['meta_data.json', 'network_data.json', 'user_data']) {
          const response = await ask(`/openstack/${version}/${file}`);
          assert.equal(response.status, 200, `${version}/${file}`);
          assert.deepEqual(response.body, drive.files.get(`openstack/${folder}/${file}`), `${version}/${file}`);
        }
      }
      const meta = JSON.parse(text(await ask('/openstack/latest/meta_data.json'))) as { uuid: string };
      assert.equal(meta.uuid, drive.instanceId);
      assert.equal((await ask('/openstack/latest/vendor_data2.json')).status, 404);
      assert.match(text(await ask('/openstack/latest/')), /^meta_data\.json\nnetwork_data\.json\nuser_data$/);
    },
    { single: 'vm03.yaml' },
  );
});

/** A catalog of one VM whose config drive tree is given as is (cases no spec renders, such as no user_data). */
function treeCatalog(files: Record<string, string>): VmCatalog {
  const vm: ServedVm = {
    name: 'vm',
    uuid: undefined,
    seed: async () => ({ files: fileTree(Object.entries(files)) }) as Awaited<ReturnType<ServedVm['seed']>>,
  };
  return { only: () => vm, byName: () => vm, bySource: () => vm, names: () => ['vm'] };
}

test('OpenStack and EC2: no user data is a 404, as Nova answers', async () => {
  const context: RouterContext = { catalog: treeCatalog({ 'openstack/latest/meta_data.json': '{"uuid":"u-1"}' }), strict: false, tokens: new TokenStore() };
  const ask = (path: string): Promise<ServeResponse> => handleRequest({ method: 'GET', path, headers: {}, remoteAddress: '127.0.0.1' }, context);
  assert.equal((await ask('/openstack/latest/user_data')).status, 404);
  assert.equal((await ask('/latest/user-data')).status, 404);
  assert.equal((await ask('/2009-04-04/user-data')).status, 404);
  assert.equal(text(await ask('/latest/')), 'meta-data');
  assert.equal(text(await ask('/latest/meta-data/instance-id')), 'u-1');
});

test('EC2: listings, instance-id, hostname and keys agree with meta_data.json, for latest and 2009-04-04', async () => {
  await withSpecs(
    { 'vm01.yaml': VM01 },
    async ({ ask }) => {
      const meta = JSON.parse(text(await ask('/openstack/latest/meta_data.json'))) as { uuid: string; hostname: string };
      for (const version of ['latest', '2009-04-04']) {
        assert.equal(text(await ask(`/${version}/meta-data/`)), 'instance-id\nhostname\nlocal-hostname\npublic-keys/');
        assert.equal(text(await ask(`/${version}/meta-data`)), 'instance-id\nhostname\nlocal-hostname\npublic-keys/');
        assert.equal(text(await ask(`/${version}/meta-data/instance-id`)), meta.uuid);
        assert.equal(text(await ask(`/${version}/meta-data/local-hostname`)), meta.hostname);
        assert.match(text(await ask(`/${version}/meta-data/public-keys/`)), /^0=\S+$/);
        assert.equal(text(await ask(`/${version}/meta-data/public-keys/0/`)), 'openssh-key');
        assert.equal(text(await ask(`/${version}/meta-data/public-keys/0/openssh-key`)), `${KEY}\n`);
        assert.equal((await ask(`/${version}/meta-data/public-keys/1/openssh-key`)).status, 404);
        assert.deepEqual((await ask(`/${version}/user-data`)).body, (await ask('/openstack/latest/user_data')).body);
      }
    },
    { single: 'vm01.yaml' },
  );
});

test('EC2 IMDSv2: PUT /latest/api/token gives a token the metadata paths accept; a wrong token is 401', async () => {
  await withSpecs(
    { 'vm01.yaml': VM01 },
    async ({ ask }) => {
      const issued = await ask('/latest/api/token', { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' } });
      assert.equal(issued.status, 200);
      const token = text(issued);
      assert.match(token, /^[A-Za-z0-9_-]{20,}$/);
      assert.equal((await ask('/latest/meta-data/instance-id', { headers: { 'x-aws-ec2-metadata-token': token } })).status, 200);
      assert.equal((await ask('/latest/meta-data/instance-id', { headers: { 'x-aws-ec2-metadata-token': 'forged' } })).status, 401);
      assert.equal((await ask('/latest/api/token', { method: 'PUT' })).status, 400);
      assert.equal((await ask('/latest/api/token', { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '21601' } })).status, 400);
      const proxied = { 'x-aws-ec2-metadata-token-ttl-seconds': '60', 'x-forwarded-for': '203.0.113.9' };
      assert.equal((await ask('/latest/api/token', { method: 'PUT', headers: proxied })).status, 403);
    },
    { single: 'vm01.yaml' },
  );
});

test('IMDSv2 tokens expire after their TTL', () => {
  let now = 0;
  const tokens = new TokenStore(() => now);
  const token = tokens.issue(2);
  assert.equal(tokens.isValid(token), true);
  now = 2000;
  assert.equal(tokens.isValid(token), false);
});

test('safety: read-only; only GET and HEAD (and the token PUT), everything else is 405', async () => {
  await withSpecs({ 'vm01.yaml': VM01 }, async ({ ask }) => {
    for (const method of ['POST', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'CONNECT', 'PROPFIND']) {
      const response = await ask('/vm01/meta-data', { method });
      assert.equal(response.status, 405, method);
      assert.equal(response.headers['allow'], 'GET, HEAD');
    }
    assert.equal((await ask('/vm01/meta-data', { method: 'PUT' })).status, 405);
    assert.equal((await ask('/vm01/meta-data', { method: 'HEAD' })).status, 200);
    assert.equal((await ask('/vm01/meta-data', { headers: { 'content-length': '5' } })).status, 413);
    assert.equal((await ask('/vm01/meta-data', { headers: { 'transfer-encoding': 'chunked' } })).status, 413);
  });
});

test('safety: no path outside the spec folder is read: .. and encoded separators are 404, a symlinked spec or source leading out is refused', async () => {
  await withTempDir(async (root) => {
    const outside = join(root, 'outside.yaml');
    writeFileSync(outside, 'hostname: secret-outside\n');
    writeFileSync(join(root, 'secret.txt'), 'TOP-SECRET-OUTSIDE\n');
    await withSpecs({ 'vm01.yaml': VM01 }, async ({ dir, errors, ask }) => {
      symlinkSync(outside, join(dir, 'escape.yaml'));
      writeFileSync(join(dir, '..', 'secret.txt'), 'TOP-SECRET-OUTSIDE\n');
      writeSpec(dir, 'sourced.yaml', { hostname: 'sourced', write_files: [{ path: '/etc/x', source: '../secret.txt' }] });
      writeSpec(dir, 'absolute.yaml', { hostname: 'absolute', user_data: { parts: [join(root, 'secret.txt')] } });
      symlinkSync(join(root, 'secret.txt'), join(dir, 'link.txt'));
      writeSpec(dir, 'linked.yaml', { hostname: 'linked', write_files: [{ path: '/etc/x', source: 'link.txt' }] });
      for (const path of ['/../outside/meta-data', '/%2e%2e/meta-data', '/..%2f..%2foutside/meta-data', '/vm01%2fmeta-data', '/vm01/../vm01/meta-data', '/vm01/./meta-data', '//meta-data', '/vm01%00/meta-data', 'vm01/meta-data']) {
        assert.equal((await ask(path)).status, 404, path);
      }
      for (const vm of ['escape', 'sourced', 'absolute', 'linked']) {
        for (const file of ['meta-data', 'user-data']) {
          const response = await ask(`/${vm}/${file}`);
          assert.equal(response.status, 500, `${vm}/${file}`);
          assert.doesNotMatch(text(response), /secret|outside/i);
        }
      }
      assert.equal(errors.filter((line) => /escape: .*outside the spec folder/.test(line)).length, 1, errors.join('\n'));
      assert.ok(errors.some((line) => /sourced: \.\.\/secret\.txt: refers to a file outside the spec folder/.test(line)), errors.join('\n'));
      assert.ok(errors.some((line) => /absolute: \/.*secret\.txt: refers to a file outside the spec folder/.test(line)), errors.join('\n'));
      assert.ok(errors.some((line) => /linked: link\.txt: refers to a file outside the spec folder/.test(line)), errors.join('\n'));
      assert.equal((await ask('/vm01/meta-data')).status, 200);
    });
  });
});

test('safety: with --strict a VM only gets its own data, by source address; others learn nothing', async () => {
  const neighbours = new Map([['10.0.0.9', '52:54:00:00:00:09']]);
  await withSpecs(
    { 'vm01.yaml': { ...VM01, serve: { ip: '127.0.0.1' } }, 'vm02.yaml': VM02, 'vm09.yaml': { hostname: 'vm09', serve: { mac: '52:54:00:00:00:09' } } },
    async ({ ask }) => {
      assert.equal((await ask('/vm01/meta-data')).status, 200);
      assert.match(text(await ask('/openstack/latest/meta_data.json')), /"vm01"/);
      assert.match(text(await ask('/vm02/meta-data', { from: '10.0.0.2' })), /vm02/);
      assert.match(text(await ask('/vm02/meta-data', { from: '::ffff:10.0.0.2' })), /vm02/);
      assert.match(text(await ask('/vm09/meta-data', { from: '10.0.0.9' })), /vm09/);
      const unknownVm = await ask('/nosuchvm/meta-data');
      const othersVm = await ask('/vm02/meta-data');
      assert.equal(unknownVm.status, 404);
      assert.deepEqual(othersVm, unknownVm);
      for (const path of ['/vm01/meta-data', '/openstack/latest/meta_data.json', '/latest/meta-data/instance-id', '/openstack']) {
        assert.deepEqual(await ask(path, { from: '10.0.0.77' }), unknownVm, path);
      }
      assert.deepEqual(await ask('/latest/api/token', { method: 'PUT', from: '10.0.0.77', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' } }), unknownVm);
    },
    { strict: true, neighbours },
  );
});

test('without --strict, a folder answers OpenStack and EC2 paths only for a mapped source address', async () => {
  await withSpecs({ 'vm01.yaml': VM01, 'vm02.yaml': VM02 }, async ({ ask }) => {
    assert.equal((await ask('/openstack/latest/meta_data.json')).status, 404);
    assert.match(text(await ask('/openstack/latest/meta_data.json', { from: '10.0.0.2' })), /"vm02"/);
    assert.match(text(await ask('/vm01/meta-data', { from: '10.0.0.2' })), /vm01/);
  });
});

test('safety: a spec changed on disk is served changed on the next request, without a restart', async () => {
  await withSpecs({ 'vm01.yaml': { hostname: 'before' } }, async ({ dir, ask }) => {
    assert.match(text(await ask('/vm01/meta-data')), /local-hostname: before/);
    writeSpec(dir, 'vm01.yaml', { hostname: 'after-change' });
    // Same size and, on coarse clocks, the same mtime would hide an edit; ctime and size move here.
    utimesSync(join(dir, 'vm01.yaml'), new Date(), new Date(Date.now() + 5000));
    assert.match(text(await ask('/vm01/meta-data')), /local-hostname: after-change/);
    writeSpec(dir, 'vm04.yaml', { hostname: 'added' });
    assert.match(text(await ask('/vm04/meta-data')), /local-hostname: added/);
  });
});

test('safety: a bad spec is a 500 for its VM only, logged once per version, and never stops the others', async () => {
  await withSpecs({ 'vm01.yaml': VM01, 'vm02.yaml': { hostname: 'bad name!', users: [{ name: 'x', password: 'pw-never-logged' }] } }, async ({ dir, errors, ask }) => {
    writeFileSync(join(dir, 'vm05.yaml'), 'hostname: [unclosed\n');
    for (let i = 0; i < 3; i++) {
      assert.equal((await ask('/vm02/meta-data')).status, 500);
      assert.equal((await ask('/vm05/user-data')).status, 500);
      assert.equal((await ask('/vm01/meta-data')).status, 200);
    }
    assert.equal(errors.filter((line) => line.startsWith('vm02: nocloud: hostname')).length, 1, errors.join('\n'));
    assert.equal(errors.filter((line) => line.startsWith('vm05: ') && /YAML does not parse/.test(line)).length, 1, errors.join('\n'));
    assert.ok(errors.every((line) => !line.includes('pw-never-logged')));
  });
});

test('safety: the rate limit answers 429 past the burst, per source address', async () => {
  let now = 0;
  const rateLimiter = new RateLimiter({ perSecond: 2, burst: 3 }, () => now);
  await withSpecs(
    { 'vm01.yaml': VM01 },
    async ({ ask }) => {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await ask('/vm01/meta-data')).status);
      assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
      assert.equal((await ask('/vm01/meta-data', { from: '127.0.0.2' })).status, 200);
      now = 500;
      assert.equal((await ask('/vm01/meta-data')).status, 200);
      assert.equal((await ask('/vm01/meta-data')).status, 429);
    },
    { rateLimiter },
  );
});

test('specs named like the OpenStack and EC2 paths are not served as VMs; two specs of one name are logged', async () => {
  await withSpecs({ 'latest.yaml': { hostname: 'latest' }, 'openstack.json': { hostname: 'os' }, 'vm01.yaml': VM01, 'vm01.json': VM02 }, async ({ errors, ask }) => {
    assert.equal((await ask('/latest/meta-data')).status, 404, 'the EC2 path found no mapped VM');
    assert.equal((await ask('/openstack/meta-data')).status, 404);
    const meta = text(await ask('/vm01/meta-data'));
    assert.match(meta, /local-hostname: vm02/, 'the first name in sorted order (vm01.json) is served');
    assert.ok(errors.some((line) => /several specs are named vm01 \(vm01\.json, vm01\.yaml\)/.test(line)), errors.join('\n'));
  });
});

test('the serve: mapping is validated like the rest of the spec, and leaves the seed (and its instance-id) unchanged', async () => {
  const bad = await validateSpec({ hostname: 'vm01', serve: { ip: '10.1' } });
  assert.deepEqual(bad.issues.map((issue) => issue.path), ['serve.ip']);
  const badMac = await validateSpec({ hostname: 'vm01', serve: { mac: '52:54:00:12:34' } });
  assert.deepEqual(badMac.issues.map((issue) => issue.path), ['serve.mac']);
  assert.equal((await validateSpec({ hostname: 'vm01', serve: { ip: '2001:db8::5', mac: '52:54:00:AB:cd:01', uuid: '6a1c2f1e-8a3b-4c5d-9e7f-0123456789ab' } })).ok, true);
  const plain = await renderSeed({ hostname: 'vm01' });
  const mapped = await renderSeed({ hostname: 'vm01', serve: { ip: '10.0.0.5' } });
  assert.deepEqual(mapped.files, plain.files);
});
