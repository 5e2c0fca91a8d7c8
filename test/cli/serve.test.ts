/**
 * `cloudseed serve` as users run it: the bundled CLI in a child process, on 127.0.0.1 and a free
 * port. The served files must be the bytes `cloudseed render --out-dir` writes; SIGTERM must
 * drain and exit 0; secrets never reach the log.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT, cliCommand, runCli } from '../helpers/cli.js';
import { runTool, withTempDir } from '../helpers/tools.js';

const SPEC = `hostname: vm01
users:
  - name: admin
    password: "very-secret-pw"
    ssh_authorized_keys: ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMFcLQa5LtljAU6hzHLRucNvrq2+nO1ZUSgbxus8oGZO admin@laptop"]
salt_seed: reproducible-salt
network:
  ethernets:
    eth0: {match: {macaddress: "52:54:00:12:34:56"}, addresses: [192.0.2.10/24]}
`;

interface Served {
  readonly child: ChildProcess;
  readonly base: string;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
}

/** Starts `cloudseed serve` on a free loopback port and waits for its "serving ... on URL" line. */
async function startServe(args: readonly string[], cwd: string): Promise<Served> {
  const [command, ...rest] = cliCommand(['serve', ...args, '--listen', '127.0.0.1:0']);
  const child = spawn(command!, rest, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 15_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void exited.then(() => reject(new Error(`serve exited: ${stderr}`)));
  });
  return { child, base, stderr: () => stderr, exited };
}

test('serve: the NoCloud and OpenStack files are the bytes render --out-dir writes; SIGTERM drains and exits 0; no password in the log', async () => {
  await withTempDir(async (dir) => {
    mkdirSync(join(dir, 'specs'));
    writeFileSync(join(dir, 'specs', 'vm01.yaml'), SPEC);
    writeFileSync(join(dir, 'specs', 'broken.yaml'), 'hostname: [\n');
    for (const datasource of ['nocloud', 'configdrive']) {
      const rendered = await runCli(['render', 'specs/vm01.yaml', '--datasource', datasource, '--out-dir', datasource], { cwd: dir });
      assert.equal(rendered.status, 0, rendered.stderr);
    }
    const served = await startServe(['specs'], dir);
    try {
      for (const file of ['meta-data', 'user-data', 'network-config']) {
        const response = await fetch(`${served.base}vm01/${file}`);
        assert.equal(response.status, 200);
        assert.deepEqual(Buffer.from(await response.arrayBuffer()), readFileSync(join(dir, 'nocloud', file)), file);
      }
      // The OpenStack paths name no VM: a folder answers them by the serve: mapping only.
      assert.equal((await fetch(`${served.base}openstack/latest/meta_data.json`)).status, 404);
      assert.equal((await fetch(`${served.base}broken/meta-data`)).status, 500);
      assert.equal((await fetch(`${served.base}vm01/meta-data`)).status, 200, 'a broken spec stopped the server');
    } finally {
      served.child.kill('SIGTERM');
    }
    assert.equal(await served.exited, 0, served.stderr());
    assert.match(served.stderr(), /"GET \/vm01\/user-data HTTP\/1\.1" 200 \d+/);
    assert.match(served.stderr(), /broken: .*YAML does not parse/);
    assert.doesNotMatch(served.stderr(), /very-secret-pw/);

    const single = await startServe(['specs/vm01.yaml'], dir);
    try {
      for (const file of ['meta_data.json', 'network_data.json', 'user_data']) {
        const response = await fetch(`${single.base}openstack/latest/${file}`);
        assert.equal(response.status, 200, file);
        assert.deepEqual(Buffer.from(await response.arrayBuffer()), readFileSync(join(dir, 'configdrive', 'openstack', 'latest', file)), file);
      }
    } finally {
      single.child.kill('SIGTERM');
    }
    assert.equal(await single.exited, 0, single.stderr());
  });
});

test('serve --print-cmdline: the kernel argument, QEMU -smbios and a libvirt <sysinfo> that libvirt validates', async () => {
  await withTempDir(async (dir) => {
    writeFileSync(join(dir, 'vm01.yaml'), 'hostname: vm01\n');
    const result = await runCli(['serve', '.', '--print-cmdline', 'vm01', '--advertise', '10.0.2.100:80'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    const text = result.stdout.toString();
    assert.match(text, /^'ds=nocloud;s=http:\/\/10\.0\.2\.100:80\/vm01\/'$/m);
    assert.match(text, /^-smbios 'type=1,serial=ds=nocloud;s=http:\/\/10\.0\.2\.100:80\/vm01\/'$/m);
    const sysinfo = /<sysinfo[\s\S]*<\/sysinfo>/.exec(text)![0];
    const domain = join(dir, 'domain.xml');
    writeFileSync(
      domain,
      `<domain type='kvm'>\n  <name>vm01</name>\n  <memory unit='MiB'>512</memory>\n  <os><type arch='x86_64'>hvm</type><smbios mode='sysinfo'/></os>\n${sysinfo}\n</domain>\n`,
    );
    runTool('virt-xml-validate', [domain, 'domain']);

    const json = await runCli(['serve', '.', '--print-cmdline', 'vm01', '--advertise', '10.0.2.100:80', '--json'], { cwd: dir });
    assert.equal(json.status, 0, json.stderr);
    const pointers = JSON.parse(json.stdout.toString()) as Record<string, string>;
    assert.equal(pointers['kernel_arg'], 'ds=nocloud;s=http://10.0.2.100:80/vm01/');
    assert.equal(pointers['libvirt_sysinfo'], sysinfo);

    const missing = await runCli(['serve', '.', '--print-cmdline', 'vm02'], { cwd: dir });
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /no spec named vm02/);
    const wildcard = await runCli(['serve', '.', '--print-cmdline', 'vm01', '--listen', '0.0.0.0:8775'], { cwd: dir });
    assert.equal(wildcard.status, 2);
    assert.match(wildcard.stderr, /--advertise/);
  });
});

test('serve: a --listen that is not ADDR:PORT with an IP literal is a usage error (exit 2)', async () => {
  for (const listen of ['localhost:80', '127.0.0.1', '127.0.0.1:70000', '::1:80', 'example.com:80']) {
    const result = await runCli(['serve', '.', '--listen', listen]);
    assert.equal(result.status, 2, listen);
    assert.match(result.stderr, /--listen/, listen);
  }
});

test("serve refuses a template's placeholders, as build does, and serves them with --allow-placeholders", async () => {
  await withTempDir(async (dir) => {
    mkdirSync(join(dir, 'specs'));
    writeFileSync(join(dir, 'specs', 'vm01.yaml'), readFileSync(join(REPO_ROOT, 'templates', 'minimal.yaml')));
    const refused = await startServe(['specs'], dir);
    try {
      assert.equal((await fetch(`${refused.base}vm01/user-data`)).status, 500);
    } finally {
      refused.child.kill('SIGTERM');
    }
    assert.equal(await refused.exited, 0, refused.stderr());
    assert.match(refused.stderr(), /vm01: .*placeholder key.*--allow-placeholders/);

    const allowed = await startServe(['specs', '--allow-placeholders'], dir);
    try {
      const response = await fetch(`${allowed.base}vm01/user-data`);
      assert.equal(response.status, 200);
      assert.match(await response.text(), /REPLACE-WITH-YOUR-KEY/);
    } finally {
      allowed.child.kill('SIGTERM');
    }
    assert.equal(await allowed.exited, 0, allowed.stderr());
  });
});
