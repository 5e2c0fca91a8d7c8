/**
 * A user-data file as cloud-init takes it, split into the parts cloud-init would see: gzip is
 * uncompressed, and MIME user-data (what `cloud-init devel make-mime` and write-mime-multipart
 * make) becomes its parts, with their own types. Written into our own multipart as they were, such
 * a file would be one text/plain part that cloud-init ignores.
 */
/** Uncompressed user-data may not exceed this (the same cap as one referenced file). */
const MAX_UNCOMPRESSED = 16 * 1024 * 1024;

export interface UserDataFilePart {
  readonly content: Uint8Array;
  /** The part's declared MIME type; absent when cloud-init would infer it from the content. */
  readonly type?: string;
  readonly filename?: string;
}

export type ExpandedUserData = { readonly parts: readonly UserDataFilePart[] } | { readonly problem: string };

/** Types cloud-init infers from the content rather than trusting (cloudinit/user_data.py TYPE_NEEDED). */
const INFERRED_TYPES = new Set(['text/plain', 'text/x-not-multipart']);

const isGzip = (bytes: Uint8Array): boolean => bytes[0] === 0x1f && bytes[1] === 0x8b;

/** cloud-init's own test: a MIME-Version header near the start. */
function isMime(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 4096)).toString('latin1').toLowerCase().includes('mime-version:');
}

interface Entity {
  readonly headers: ReadonlyMap<string, string>;
  readonly body: Buffer;
}

/** Headers up to the first empty line (folded lines joined), then the body. */
function parseEntity(bytes: Buffer): Entity {
  const text = bytes.toString('latin1');
  const match = /\r?\n\r?\n/.exec(text);
  const headerText = match ? text.slice(0, match.index) : text;
  const bodyStart = match ? match.index + match[0].length : text.length;
  const headers = new Map<string, string>();
  for (const line of headerText.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: bytes.subarray(bodyStart) };
}

/** A header parameter such as boundary="..." or filename=... */
function parameter(header: string | undefined, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(header ?? '');
  return match ? (match[1] ?? match[2]) : undefined;
}

function decodeBody(entity: Entity): Buffer | string {
  const encoding = (entity.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(entity.body.toString('latin1').replace(/\s+/g, ''), 'base64');
  if (encoding === '7bit' || encoding === '8bit' || encoding === 'binary') return entity.body;
  return `uses Content-Transfer-Encoding ${encoding}; cloudseed reads 7bit, 8bit and base64 parts`;
}

/** The body of a multipart entity cut at its boundary lines (preamble and epilogue dropped). */
function splitMultipart(body: Buffer, boundary: string): Buffer[] {
  const text = body.toString('latin1');
  const delimiter = new RegExp(`(?:^|\\r?\\n)--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(--)?[ \\t]*(?:\\r?\\n|$)`, 'g');
  const pieces: Buffer[] = [];
  let start: number | undefined;
  for (let match = delimiter.exec(text); match !== null; match = delimiter.exec(text)) {
    if (start !== undefined) pieces.push(body.subarray(start, match.index));
    if (match[1] === '--') return pieces;
    start = match.index + match[0].length;
  }
  return pieces;
}

function expandEntity(entity: Entity, parts: UserDataFilePart[], depth: number): string | undefined {
  const contentType = entity.headers.get('content-type') ?? 'text/plain';
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = parameter(contentType, 'boundary');
    if (boundary === undefined) return 'has a multipart Content-Type without a boundary';
    if (depth > 8) return 'nests multipart parts too deeply';
    for (const piece of splitMultipart(entity.body, boundary)) {
      const problem = expandEntity(parseEntity(piece), parts, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }
  if (entity.headers.has('merge-type') || entity.headers.has('x-merge-type')) {
    return 'has a part with a Merge-Type header; put merge_how inside that cloud-config part instead';
  }
  const body = decodeBody(entity);
  if (typeof body === 'string') return `has a part that ${body}`;
  const filename = parameter(entity.headers.get('content-disposition'), 'filename');
  parts.push({ content: new Uint8Array(body), ...(INFERRED_TYPES.has(type) ? {} : { type }), ...(filename ? { filename } : {}) });
  return undefined;
}

/** The parts a user-data file stands for; a plain file is one part whose type cloud-init infers. */
export function expandUserDataFile(content: Uint8Array): ExpandedUserData {
  let bytes = content;
  if (isGzip(bytes)) {
    try {
      // node:zlib is loaded only for a gzipped file: start-up is part of every one-shot build.
      const { gunzipSync } = process.getBuiltinModule('node:zlib');
      bytes = new Uint8Array(gunzipSync(bytes, { maxOutputLength: MAX_UNCOMPRESSED }));
    } catch (error) {
      return { problem: `is gzip that does not uncompress (${(error as Error).message})` };
    }
  }
  if (!isMime(bytes)) return { parts: [{ content: bytes }] };
  const parts: UserDataFilePart[] = [];
  const problem = expandEntity(parseEntity(Buffer.from(bytes)), parts, 0);
  return problem === undefined ? { parts } : { problem };
}
