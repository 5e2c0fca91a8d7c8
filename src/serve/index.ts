/** `cloudseed serve`: the seeds of a folder of specs over HTTP (NoCloud, OpenStack metadata API, EC2 basics). */
export { startServer, DEFAULT_RATE_LIMIT, type RunningServer, type ServeOptions } from './server.js';
export { openFileCatalog, type VmCatalog } from './catalog.js';
export type { ServedVm, SeedView } from './spec-entry.js';
export { handleRequest, type RouterContext } from './router.js';
export { describeGuestPointers, guestPointers, isWildcard, parseListenAddress, seedUrl, DEFAULT_LISTEN, type ListenAddress } from './cmdline.js';
export type { ServeRequest, ServeResponse } from './types.js';

import { startServer, type RunningServer, type ServeOptions } from './server.js';

/**
 * For tests and embedding: a server on 127.0.0.1 and a free port answering for `source` (a spec
 * file or a folder), without the rate limit, with its address (`127.0.0.1:PORT`) and a close().
 */
export function startLoopbackServer(source: string, options: Omit<ServeOptions, 'host' | 'port'> = {}): Promise<RunningServer> {
  return startServer(source, { rateLimit: false, ...options, host: '127.0.0.1', port: 0 });
}
