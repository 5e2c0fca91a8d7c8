/**
 * The node:http listener around the pure router: limits that only a socket can enforce (header
 * size, slow clients, connection count), the access log, and a close that drains.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { formatAccessLine } from './access-log.js';
import { canonicalIp } from './address.js';
import { openFileCatalog, type VmCatalog } from './catalog.js';
import { RateLimiter, type RateLimit } from './rate-limit.js';
import { handleRequest } from './router.js';
import { TokenStore } from './tokens.js';
import { textResponse, type ServeResponse } from './types.js';

export interface ServeOptions {
  /** Address to bind. Default: 127.0.0.1 (only this host can ask). */
  readonly host?: string;
  /** TCP port. Default: 0 (any free port; see the returned `port`). */
  readonly port?: number;
  /** Answer a VM's data only to the source address its `serve:` mapping names. */
  readonly strict?: boolean;
  /** Requests per source address; `false` turns the limit off. Default: 50/s, bursts of 200. */
  readonly rateLimit?: RateLimit | false;
  /** One line per request (Combined Log Format). Default: none. */
  readonly accessLog?: (line: string) => void;
  /** Problems with specs, once per version of a spec. Default: none. */
  readonly errorLog?: (line: string) => void;
  /** How long close() waits for requests in flight before cutting connections. Default: 5000 ms. */
  readonly drainMs?: number;
}

export interface RunningServer {
  readonly host: string;
  readonly port: number;
  /** `host:port`, with IPv6 hosts in brackets: what goes into a URL. */
  readonly address: string;
  /** `http://host:port/`. */
  readonly url: string;
  /** Stops accepting, lets requests in flight finish (up to drainMs), then resolves. */
  close(): Promise<void>;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 50, burst: 200 };
/** Longest header section accepted (node's default is 16 KiB; metadata clients send a few hundred bytes). */
export const MAX_HEADER_BYTES = 8192;
const MAX_HEADERS = 50;
const MAX_CONNECTIONS = 1024;
const HEADERS_TIMEOUT_MS = 5000;
const REQUEST_TIMEOUT_MS = 10_000;
const KEEP_ALIVE_MS = 5000;

function remoteOf(request: IncomingMessage): string {
  const address = request.socket.remoteAddress ?? '';
  return canonicalIp(address) ?? address;
}

function send(request: IncomingMessage, response: ServerResponse, answer: ServeResponse): void {
  response.writeHead(answer.status, {
    ...answer.headers,
    'content-length': String(answer.body.length),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(request.method === 'HEAD' ? undefined : answer.body);
}

/**
 * Starts a server answering for the specs in `source` (a spec file or a folder of specs).
 *
 * @example
 * const server = await startServer('specs/', { port: 0 });
 * // guests: ds=nocloud;s=http://${server.address}/vm01/
 * await server.close();
 */
export async function startServer(source: string | VmCatalog, options: ServeOptions = {}): Promise<RunningServer> {
  const errorLog = options.errorLog ?? (() => {});
  const catalog = typeof source === 'string' ? openFileCatalog(source, { onError: (vm, message) => errorLog(`${vm}: ${message}`) }) : source;
  const rateLimit = options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit;
  const context = {
    catalog,
    strict: options.strict ?? false,
    tokens: new TokenStore(),
    rateLimiter: rateLimit === false ? undefined : new RateLimiter(rateLimit),
  };
  const accessLog = options.accessLog;
  let closing: Promise<void> | undefined;

  const server = createServer(
    { maxHeaderSize: MAX_HEADER_BYTES, headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, keepAliveTimeout: KEEP_ALIVE_MS },
    (request, response) => {
      const remoteAddress = remoteOf(request);
      const rawUrl = request.url ?? '';
      const path = rawUrl.split('?', 1)[0]!;
      const finish = (answer: ServeResponse): void => {
        // Once close() has begun, an answer ends its connection: kept alive, it would hold
        // close() until the drain timeout.
        if (closing) response.setHeader('connection', 'close');
        send(request, response, answer);
        accessLog?.(
          formatAccessLine({
            remoteAddress,
            time: new Date(),
            method: request.method ?? '',
            path,
            httpVersion: request.httpVersion,
            status: answer.status,
            bytes: request.method === 'HEAD' ? 0 : answer.body.length,
            referer: request.headers.referer,
            userAgent: request.headers['user-agent'],
          }),
        );
      };
      // A request body is refused by the router; never read it, and do not keep the connection.
      request.resume();
      handleRequest({ method: request.method ?? '', path, headers: request.headers as Record<string, string | undefined>, remoteAddress }, context).then(
        finish,
        (error: unknown) => {
          errorLog(`internal error: ${error instanceof Error ? error.message : String(error)}`);
          finish(textResponse(500, 'internal error\n'));
        },
      );
    },
  );
  server.maxHeadersCount = MAX_HEADERS;
  server.maxConnections = MAX_CONNECTIONS;
  // A client error (oversized headers, garbage) gets a plain answer, never a crash.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) return socket.destroy();
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address: host, port } = server.address() as AddressInfo;
  const address = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;

  return {
    host,
    port,
    address,
    url: `http://${address}/`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), options.drainMs ?? 5000).unref();
      });
      return closing;
    },
  };
}
