/**
 * Request -> response, with no socket in sight: method and size checks, the rate limit, finding
 * the VM a request is for, and the NoCloud, OpenStack and EC2 answers.
 */
import type { VmCatalog } from './catalog.js';
import type { SeedView, ServedVm } from './spec-entry.js';
import { parseRequestPath } from './path.js';
import type { RateLimiter } from './rate-limit.js';
import { answerEc2, EC2_VERSIONS } from './routes-ec2.js';
import { answerNoCloud, isNoCloudFile } from './routes-nocloud.js';
import { answerOpenStack } from './routes-openstack.js';
import { MAX_TOKEN_TTL_SECONDS, type TokenStore } from './tokens.js';
import { NOT_FOUND, SPEC_BROKEN, textResponse, type ServeRequest, type ServeResponse } from './types.js';

export interface RouterContext {
  readonly catalog: VmCatalog;
  /** Only a requester whose source address a spec maps (`serve: {ip|mac}`) gets that VM's data. */
  readonly strict: boolean;
  readonly tokens: TokenStore;
  /** Absent: no rate limit. */
  readonly rateLimiter?: RateLimiter;
}

const METHOD_NOT_ALLOWED: ServeResponse = { ...textResponse(405, 'method not allowed\n'), headers: { 'content-type': 'text/plain; charset=utf-8', allow: 'GET, HEAD' } };
const TOO_MANY: ServeResponse = { ...textResponse(429, 'too many requests\n'), headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1' } };
const BODY_REFUSED: ServeResponse = textResponse(413, 'request bodies are not accepted\n');
const TOKEN_HEADER = 'x-aws-ec2-metadata-token';
const TTL_HEADER = 'x-aws-ec2-metadata-token-ttl-seconds';

/** The VM of a NoCloud URL, which names it (`/<name>/` or `/<uuid>/`). */
function vmForNamedPath(context: RouterContext, segment: string | undefined, remote: string): ServedVm | undefined {
  const { catalog, strict } = context;
  const only = catalog.only();
  if (!strict) return only ?? (segment === undefined ? undefined : catalog.byName(segment));
  const vm = catalog.bySource(remote);
  if (vm === undefined || only !== undefined) return vm;
  // In a folder, the URL must name the requester's own VM: asking for another one looks exactly
  // like asking for one that does not exist.
  return segment !== undefined && (segment === vm.name || segment.toLowerCase() === vm.uuid) ? vm : undefined;
}

/** The VM of an OpenStack or EC2 URL, which names none: the single spec, or the requester's mapping. */
function vmForSource(context: RouterContext, remote: string): ServedVm | undefined {
  const only = context.strict ? undefined : context.catalog.only();
  return only ?? context.catalog.bySource(remote);
}

async function withSeed(vm: ServedVm | undefined, view: SeedView, answer: (files: Awaited<ReturnType<ServedVm['seed']>>['files']) => ServeResponse): Promise<ServeResponse> {
  if (vm === undefined) return NOT_FOUND;
  let files: Awaited<ReturnType<ServedVm['seed']>>['files'];
  try {
    ({ files } = await vm.seed(view));
  } catch {
    // The catalog logged the reason once; the client only learns that this VM is broken.
    return SPEC_BROKEN;
  }
  return answer(files);
}

function hasBody(request: ServeRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** IMDSv2: a session token for a TTL in seconds, refused to proxied requests as AWS refuses them. */
function issueToken(context: RouterContext, request: ServeRequest): ServeResponse {
  if (request.headers['x-forwarded-for'] !== undefined) return textResponse(403, 'forbidden\n');
  const ttl = request.headers[TTL_HEADER] ?? '';
  if (!/^[1-9][0-9]{0,4}$/.test(ttl) || Number(ttl) > MAX_TOKEN_TTL_SECONDS) return textResponse(400, `${TTL_HEADER} must be 1 to ${MAX_TOKEN_TTL_SECONDS}\n`);
  const token = context.tokens.issue(Number(ttl));
  return { ...textResponse(200, token), headers: { 'content-type': 'text/plain', [TTL_HEADER]: ttl } };
}

export async function handleRequest(request: ServeRequest, context: RouterContext): Promise<ServeResponse> {
  const { method } = request;
  if (method !== 'GET' && method !== 'HEAD' && method !== 'PUT') return METHOD_NOT_ALLOWED;
  if (context.rateLimiter !== undefined && !context.rateLimiter.allow(request.remoteAddress)) return TOO_MANY;
  if (hasBody(request)) return BODY_REFUSED;
  const path = parseRequestPath(request.path);
  if (path === undefined) return NOT_FOUND;
  const { segments } = path;
  const [first, ...rest] = segments;

  if (method === 'PUT') {
    if (segments.join('/') !== 'latest/api/token') return METHOD_NOT_ALLOWED;
    // Only a requester who may see a VM gets a token: unknown clients learn nothing here either.
    return vmForSource(context, request.remoteAddress) === undefined ? NOT_FOUND : issueToken(context, request);
  }
  if (first === 'openstack') {
    return withSeed(vmForSource(context, request.remoteAddress), 'configdrive', (files) => answerOpenStack(files, rest));
  }
  if (first !== undefined && EC2_VERSIONS.has(first)) {
    const token = request.headers[TOKEN_HEADER];
    if (token !== undefined && !context.tokens.isValid(token)) return textResponse(401, 'unauthorized\n');
    return withSeed(vmForSource(context, request.remoteAddress), 'configdrive', (files) => answerEc2(files, rest));
  }
  // NoCloud: `/<vm>/<file>`, or `/<file>` when the server has a single spec (or strict mapping).
  const file = segments[segments.length - 1];
  if (path.directory || file === undefined || !isNoCloudFile(file) || segments.length > 2) return NOT_FOUND;
  const vm = vmForNamedPath(context, segments.length === 2 ? first : undefined, request.remoteAddress);
  return withSeed(vm, 'nocloud', (files) => answerNoCloud(files, file));
}
