/**
 * `cloudseed serve` against nginx and `python3 -m http.server`, side by side in one run, serving
 * the same NoCloud trees of the same VMs on loopback: requests per second and latency percentiles
 * from one load generator (wrk, one thread, keep-alive connections, every request a random VM
 * and NoCloud file). Not a test: it prints a table and writes JSON; nothing asserts.
 *
 *   node --import tsx bench/serve.ts [--out bench/serve-results.json]
 *   SERVE_BENCH_VMS=1000 SERVE_BENCH_SECONDS=10 SERVE_BENCH_CONNECTIONS=32
 *
 * Needs the built CLI (npm run build), wrk, nginx and python3 (scripts/ensure-serve-bench-tools.sh).
 */
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderSeed } from '../src/seed.js';

const REPO = join(import.meta.dirname, '..');
const VMS = Number(process.env['SERVE_BENCH_VMS'] ?? 1000);
const SECONDS = Number(process.env['SERVE_BENCH_SECONDS'] ?? 10);
const CONNECTIONS = Number(process.env['SERVE_BENCH_CONNECTIONS'] ?? 32);
const FILES = ['meta-data', 'user-data', 'vendor-data', 'network-config'] as const;
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMFcLQa5LtljAU6hzHLRucNvrq2+nO1ZUSgbxus8oGZO admin@laptop';

interface Result {
  readonly server: string;
  readonly requests: number;
  readonly errors: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

function specOf(i: number): Record<string, unknown> {
  const octet = (i % 250) + 2;
  return {
    hostname: `vm${i}`,
    users: [{ name: 'admin', ssh_authorized_keys: [KEY], sudo: 'ALL=(ALL) NOPASSWD:ALL' }],
    network: { ethernets: { eth0: { match: { macaddress: `52:54:00:00:${(i >> 8).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}` }, addresses: [`10.${i >> 8}.${octet}.10/24`] } } },
  };
}

/** Specs for cloudseed, and the same trees pre-rendered (what `cloudseed render` writes) for the others. */
async function prepare(root: string): Promise<{ specs: string; www: string }> {
  const specs = join(root, 'specs');
  const www = join(root, 'www');
  mkdirSync(specs);
  mkdirSync(www);
  for (let i = 0; i < VMS; i++) {
    const spec = specOf(i);
    writeFileSync(join(specs, `vm${i}.json`), JSON.stringify(spec));
    const { files } = await renderSeed(spec, { datasource: 'nocloud' });
    mkdirSync(join(www, `vm${i}`));
    // The static servers get every file, the optional ones empty, as cloudseed answers them.
    for (const file of FILES) writeFileSync(join(www, `vm${i}`, file), files.get(file) ?? new Uint8Array());
  }
  return { specs, www };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function get(agent: Agent, port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

async function waitUntilUp(port: number): Promise<void> {
  const agent = new Agent({ keepAlive: false });
  for (let attempt = 0; attempt < 150; attempt++) {
    if ((await get(agent, port, '/vm0/meta-data').catch(() => 0)) === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nothing answers on 127.0.0.1:${port}`);
}

/** Every VM's files once, so no server is measured on its first (cold) answers. */
async function warm(port: number): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < VMS * FILES.length) {
        const i = next++;
        await get(agent, port, `/vm${i % VMS}/${FILES[Math.floor(i / VMS)]}`);
      }
    }),
  );
  agent.destroy();
}

/** wrk picks a random VM and NoCloud file per request, from a fixed seed so every server gets the same mix. */
function wrkScript(root: string): string {
  const path = join(root, 'random-file.lua');
  writeFileSync(
    path,
    `local files = {${FILES.map((f) => `"${f}"`).join(', ')}}
math.randomseed(12345)
request = function()
  return wrk.format("GET", "/vm" .. math.random(0, ${VMS - 1}) .. "/" .. files[math.random(1, #files)])
end
`,
  );
  return path;
}

/** wrk's "50%    1.23ms" lines, in milliseconds. */
function wrkDuration(text: string): number {
  const match = /^([\d.]+)(us|ms|s)$/.exec(text);
  if (match === null) return Number.NaN;
  const value = Number(match[1]);
  return match[2] === 'us' ? value / 1000 : match[2] === 's' ? value * 1000 : value;
}

async function load(name: string, port: number, script: string): Promise<Result> {
  await warm(port);
  // One wrk thread: the machine's other core is the server's.
  const run = spawnSync('wrk', ['-t1', `-c${CONNECTIONS}`, `-d${SECONDS}s`, '--latency', '-s', script, `http://127.0.0.1:${port}/`], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`wrk failed: ${run.stderr}`);
  const out = run.stdout;
  const latency = (p: string): number => wrkDuration(new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm').exec(out)?.[1] ?? '');
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  const errors = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0) + Number(/Socket errors: connect (\d+)/.exec(out)?.[1] ?? 0);
  return {
    server: name,
    requests,
    errors,
    requestsPerSecond: Math.round(Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0)),
    p50Ms: latency('50'),
    p99Ms: latency('99'),
    maxMs: wrkDuration(/Latency\s+\S+\s+\S+\s+(\S+)/.exec(out)?.[1] ?? ''),
  };
}

function nginxConfig(root: string, www: string, port: number): string {
  // One worker: the same single process the other two servers run as. No access log, as for the others.
  return `worker_processes 1;
pid ${join(root, 'nginx.pid')};
error_log ${join(root, 'nginx-error.log')};
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${join(root, 'nginx-tmp')};
  proxy_temp_path ${join(root, 'nginx-tmp')};
  fastcgi_temp_path ${join(root, 'nginx-tmp')};
  uwsgi_temp_path ${join(root, 'nginx-tmp')};
  scgi_temp_path ${join(root, 'nginx-tmp')};
  default_type text/plain;
  server {
    listen 127.0.0.1:${port};
    root ${www};
  }
}
`;
}

async function measure(name: string, script: string, start: (port: number) => ChildProcess): Promise<Result> {
  const port = await freePort();
  const child = start(port);
  try {
    await waitUntilUp(port);
    return await load(name, port, script);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function main(): Promise<void> {
  const out = process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1] : undefined;
  const root = mkdtempSync(join(tmpdir(), 'cloudseed-serve-bench-'));
  // nginx started as root reads files as its worker user (www-data): the trees must be readable.
  chmodSync(root, 0o755);
  try {
    const { specs, www } = await prepare(root);
    mkdirSync(join(root, 'nginx-tmp'));
    const script = wrkScript(root);
    const quiet: SpawnOptions = { stdio: ['ignore', 'ignore', 'inherit'] };
    const results: Result[] = [];
    results.push(
      await measure('cloudseed serve', script, (port) =>
        spawn(process.execPath, [join(REPO, 'dist', 'cli', 'main.js'), 'serve', specs, '--listen', `127.0.0.1:${port}`, '--rate-limit', '0', '--no-access-log', '--quiet'], quiet),
      ),
    );
    const nginx = spawnSync('sh', ['-c', 'command -v nginx || ls /usr/sbin/nginx'], { encoding: 'utf8' }).stdout.trim().split('\n')[0];
    if (nginx) {
      results.push(
        await measure('nginx (1 worker)', script, (port) => {
          const config = join(root, 'nginx.conf');
          writeFileSync(config, nginxConfig(root, www, port));
          return spawn(nginx, ['-c', config, '-e', join(root, 'nginx-error.log')], quiet);
        }),
      );
    } else {
      console.error('nginx not found: skipped (scripts/ensure-serve-bench-tools.sh installs it)');
    }
    results.push(await measure('python3 -m http.server', script, (port) => spawn('python3', ['-m', 'http.server', '--bind', '127.0.0.1', '--directory', www, String(port)], { stdio: 'ignore' })));

    const report = { vms: VMS, seconds: SECONDS, connections: CONNECTIONS, date: new Date().toISOString(), node: process.version, results };
    console.log(`${VMS} VMs, ${CONNECTIONS} keep-alive connections, ${SECONDS} s each, random VM and NoCloud file per request, loopback`);
    console.log('| server | req/s | p50 ms | p99 ms | max ms | errors |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const r of results) console.log(`| ${r.server} | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.maxMs} | ${r.errors} |`);
    if (out !== undefined) writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
