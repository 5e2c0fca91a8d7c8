/**
 * The listener on loopback (port 0): limits only a socket can enforce, the access log, drain on
 * close, and a bounded load test. Every connection goes to 127.0.0.1.
 */
import assert from 'node:assert/strict';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { withTempDir } from '../helpers/tools.js';
import { startLoopbackServer, startServer, type RunningServer } from '../../src/serve/index.js';
import { MAX_HEADER_BYTES } from '../../src/serve/server.js';

async function withServer(body: (server: RunningServer, log: string[], dir: string) => Promise<void>, options: Parameters<typeof startServer>[1] = {}): Promise<void> {
  await withTempDir(async (dir) => {
    mkdirSync(join(dir, 'specs'));
    writeFileSync(join(dir, 'specs', 'vm01.yaml'), 'hostname: vm01\nusers:\n  - name: admin\n    password: "clear-text-pw"\n');
    const log: string[] = [];
    const server = await startServer(join(dir, 'specs'), { port: 0, rateLimit: false, accessLog: (line) => log.push(line), errorLog: (line) => log.push(line), ...options });
    try {
      await body(server, log, dir);
    } finally {
      await server.close();
    }
  });
}

/** Sends raw bytes and collects the whole answer (the server closes or the test times out). */
function rawExchange(server: RunningServer, bytes: string, timeoutMs = 3000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    }, timeoutMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
    socket.write(bytes);
  });
}

test('binds 127.0.0.1 unless told otherwise', async () => {
  await withTempDir(async (dir) => {
    writeFileSync(join(dir, 'vm01.yaml'), 'hostname: vm01\n');
    const server = await startServer(join(dir, 'vm01.yaml'));
    try {
      assert.equal(server.host, '127.0.0.1');
      assert.equal(server.url, `http://127.0.0.1:${server.port}/`);
    } finally {
      await server.close();
    }
  });
});

test('access log: one Combined Log Format line per request, with no query string and no secret', async () => {
  await withServer(async (server, log) => {
    const response = await fetch(`${server.url}vm01/user-data?password=clear-text-pw`, { headers: { 'user-agent': 'Cloud-Init/24.4 "quoted"', referer: 'http://x/' } });
    assert.equal(response.status, 200);
    const body = await response.text();
    assert.match(body, /\$6\$/);
    const line = log.find((entry) => entry.includes('/vm01/user-data'))!;
    assert.match(line, /^127\.0\.0\.1 - - \[\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000\] "GET \/vm01\/user-data HTTP\/1\.1" 200 \d+ "http:\/\/x\/" "Cloud-Init\/24\.4 \\"quoted\\""$/);
    assert.ok(log.every((entry) => !entry.includes('clear-text-pw')), log.join('\n'));
  });
});

test('HEAD answers the headers of GET without a body', async () => {
  await withServer(async (server) => {
    const head = await fetch(`${server.url}vm01/meta-data`, { method: 'HEAD' });
    const get = await fetch(`${server.url}vm01/meta-data`);
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-length'), String((await get.arrayBuffer()).byteLength));
    assert.equal((await head.arrayBuffer()).byteLength, 0);
  });
});

test('limits: oversized headers are 431, a body is 413, garbage is 400; the server keeps answering', async () => {
  await withServer(async (server) => {
    const big = await rawExchange(server, `GET /vm01/meta-data HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(MAX_HEADER_BYTES + 100)}\r\n\r\n`);
    assert.match(big, /^HTTP\/1\.1 431 /);
    const body = await rawExchange(server, 'GET /vm01/meta-data HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc');
    assert.match(body, /^HTTP\/1\.1 413 /);
    const garbage = await rawExchange(server, '\u0001\u0002 nonsense\r\n\r\n');
    assert.match(garbage, /^HTTP\/1\.1 400 /);
    const longPath = await fetch(`${server.url}${'a/'.repeat(600)}meta-data`);
    assert.equal(longPath.status, 404);
    assert.equal((await fetch(`${server.url}vm01/meta-data`)).status, 200);
  });
});

test('the rate limit applies on the socket path too (429 with Retry-After)', async () => {
  await withServer(
    async (server) => {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(`${server.url}vm01/meta-data`)).status);
      assert.deepEqual(statuses.slice(0, 2), [200, 200]);
      const limited = await fetch(`${server.url}vm01/meta-data`);
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), '1');
    },
    { rateLimit: { perSecond: 1, burst: 2 } },
  );
});

test('close() lets a request in flight finish, then refuses new connections', async () => {
  await withServer(async (server) => {
    // A keep-alive connection with one answered request: close() must not hang on it.
    const agentResponse = await fetch(`${server.url}vm01/meta-data`);
    await agentResponse.text();
    // The server runs in this process: node:http announces each request it starts handling. A
    // fixed pause was not enough under load (the timer could fire before the connection was
    // even accepted, and close() then reset it).
    const handling = new Promise<void>((resolve) => {
      const started = (): void => {
        unsubscribe('http.server.request.start', started);
        resolve();
      };
      subscribe('http.server.request.start', started);
    });
    const inFlight = new Promise<number>((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port: server.port, path: '/vm01/user-data' }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      });
      request.on('error', reject);
      request.end();
    });
    await handling;
    const started = Date.now();
    await server.close();
    assert.equal(await inFlight, 200);
    assert.ok(Date.now() - started < 4000, 'close waited for the drain timeout');
    await assert.rejects(fetch(`${server.url}vm01/meta-data`));
  });
});

test('load: 1,000 requests over 20 connections from loopback, bounded in time, all answered', async () => {
  await withTempDir(async (dir) => {
    for (let i = 0; i < 50; i++) writeFileSync(join(dir, `vm${i}.yaml`), `hostname: vm${i}\n`);
    const server = await startLoopbackServer(dir);
    try {
      const started = Date.now();
      let next = 0;
      const statuses = new Map<number, number>();
      // node:http with keep-alive: fetch's per-request overhead would measure the client, not the server.
      const agent = new Agent({ keepAlive: true, maxSockets: 20 });
      const get = (path: string): Promise<number> =>
        new Promise((resolve, reject) => {
          const request = httpRequest({ host: '127.0.0.1', port: server.port, path, agent, timeout: 5000 }, (response) => {
            response.resume();
            response.on('end', () => resolve(response.statusCode ?? 0));
          });
          request.on('timeout', () => request.destroy(new Error(`${path} timed out`)));
          request.on('error', reject);
          request.end();
        });
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          while (next < 1000) {
            const i = next++;
            const status = await get(`/vm${i % 50}/${i % 2 === 0 ? 'meta-data' : 'user-data'}`);
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
          }
        }),
      );
      agent.destroy();
      assert.deepEqual([...statuses], [[200, 1000]]);
      assert.ok(Date.now() - started < 30_000);
    } finally {
      await server.close();
    }
  });
});
