/**
 * The server's pure core works on these plain values, so routing is tested in-process without a
 * socket: the node:http listener (listener.ts) only converts to and from them.
 */

/** What the router needs of one HTTP request. */
export interface ServeRequest {
  /** Upper-case method as received. */
  readonly method: string;
  /** The request target's path, still percent-encoded, without the query string. */
  readonly path: string;
  /** Header names in lower case, as node:http gives them. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The TCP peer's address, IPv4-mapped IPv6 already turned into plain IPv4. */
  readonly remoteAddress: string;
}

export interface ServeResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}

const encoder = new TextEncoder();

export function textResponse(status: number, body: string | Uint8Array, contentType = 'text/plain; charset=utf-8'): ServeResponse {
  return { status, headers: { 'content-type': contentType }, body: typeof body === 'string' ? encoder.encode(body) : body };
}

/**
 * The single answer for every path that names no VM the requester may see: the same status and
 * body whether the VM does not exist, belongs to another requester, or the path is malformed, so
 * a probe learns nothing about which VMs exist.
 */
export const NOT_FOUND: ServeResponse = textResponse(404, 'not found\n');

/** A VM's spec could not be read or rendered; the details go to the log, never to the client. */
export const SPEC_BROKEN: ServeResponse = textResponse(500, 'the seed of this VM cannot be rendered; see the server log\n');
