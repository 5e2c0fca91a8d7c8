/**
 * The oracle: cloud-init's own readers (Debian's cloud-init on this host) fetch from a running
 * server on loopback and must get the spec's data: NoCloud's seed fetch, the OpenStack metadata
 * reader (version choice, meta_data.json, user_data, network_data.json) and the EC2 crawler.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../helpers/cli.js';
import { withTempDir } from '../helpers/tools.js';
import { startLoopbackServer } from '../../src/serve/index.js';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMFcLQa5LtljAU6hzHLRucNvrq2+nO1ZUSgbxus8oGZO admin@laptop';
const SPEC = {
  hostname: 'vm01',
  ssh: { authorized_keys: [KEY] },
  users: [{ name: 'admin' }],
  network: { ethernets: { eth0: { match: { macaddress: '52:54:00:12:34:56' }, addresses: ['192.0.2.10/24'] } } },
};

interface ReadersView {
  nocloud: { 'meta-data': Record<string, string>; 'user-data': string; 'vendor-data': string | null };
  openstack: { version: number; metadata: Record<string, unknown>; userdata: string; networkdata: { links: { ethernet_mac_address: string }[] } };
  ec2: { meta: Record<string, unknown>; 'user-data': string };
}

test("cloud-init's NoCloud, OpenStack and EC2 readers get the spec's data from the server", async () => {
  await withTempDir(async (dir) => {
    writeFileSync(join(dir, 'vm01.json'), JSON.stringify(SPEC));
    const log: string[] = [];
    const server = await startLoopbackServer(join(dir, 'vm01.json'), { accessLog: (line) => log.push(line) });
    try {
      const view = JSON.parse(await runPython(server.url, 'vm01')) as ReadersView;
      assert.equal(view.nocloud['meta-data']['local-hostname'], 'vm01');
      assert.match(view.nocloud['user-data'], /^#cloud-config\n/);
      assert.equal(view.nocloud['vendor-data'], '');
      assert.equal(view.openstack.version, 2);
      // cloud-init picks the newest version it knows from the /openstack listing.
      assert.ok(log.some((line) => line.includes('"GET /openstack/2018-08-27/meta_data.json HTTP/1.1" 200')), log.join('\n'));
      assert.equal(view.openstack.metadata['hostname'], 'vm01');
      assert.equal(view.openstack.userdata, view.ec2['user-data']);
      assert.equal(view.openstack.networkdata.links[0]!.ethernet_mac_address, '52:54:00:12:34:56');
      assert.equal(view.ec2.meta['local-hostname'], 'vm01');
      assert.equal(view.ec2.meta['instance-id'], view.openstack.metadata['uuid']);
      assert.deepEqual(view.ec2.meta['public-keys'], { [Object.keys(view.openstack.metadata['public_keys'] as object)[0]!]: [KEY] });
    } finally {
      await server.close();
    }
  });
});

/** A child process, so the server in this process keeps answering while Python waits on it. */
function runPython(base: string, vm: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/python3', [join(REPO_ROOT, 'test', 'serve', 'read-served.py'), base, vm], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`read-served.py exited ${code}: ${err}`));
    });
  });
}
