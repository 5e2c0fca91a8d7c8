/**
 * The cloud-config documents inside user-data, found the way cloud-init's user_data.py does:
 * gzip is unpacked, a MIME multipart message is split into parts (base64 parts decoded), and a
 * part counts when its type is text/cloud-config or its text starts with `#cloud-config`.
 * Scripts, boothooks and includes are not configuration and are skipped.
 */
import { gunzipSync } from 'node:zlib';
import type { SeedWarning } from './report-types.js';
import { parseYamlMapping } from './documents.js';

const GZIP_MAGIC = [0x1f, 0x8b];
/** A seed's user-data is at most a few MiB; a gzip bomb stops here. */
const MAX_UNZIPPED_BYTES = 64 * 1024 * 1024;
const CLOUD_CONFIG_HEADER = '#cloud-config';
const CLOUD_CONFIG_TYPE = 'text/cloud-config';

export interface CloudConfigs {
  /** The cloud-config mappings, in the order cloud-init merges them. */
  readonly configs: readonly Record<string, unknown>[];
  readonly warnings: readonly SeedWarning[];
}

interface MimePart {
  readonly headers: ReadonlyMap<string, string>;
  readonly body: string;
}

/** RFC 5322 2.2: header lines up to the first empty line; folded lines continue with whitespace. */
function splitHeaders(text: string): MimePart {
  const end = text.search(/\r?\n\r?\n/);
  const head = end < 0 ? text : text.slice(0, end);
  const body = end < 0 ? '' : text.slice(end).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function readBoundary(contentType: string): string | undefined {
  return /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType)?.slice(1).find(Boolean);
}

/** RFC 2046 5.1.1: parts sit between `--boundary` lines; `--boundary--` closes the message. */
function splitMultipart(body: string, boundary: string): MimePart[] {
  const delimiter = `--${boundary}`;
  const chunks = body.split(new RegExp(`^${delimiter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*\\r?$\\n?`, 'm'));
  return chunks.slice(1, -1).map((chunk) => splitHeaders(chunk.replace(/\r?\n$/, '')));
}

function decodePart(part: MimePart): string {
  const encoding = part.headers.get('content-transfer-encoding')?.toLowerCase();
  return encoding === 'base64' ? Buffer.from(part.body, 'base64').toString('utf8') : part.body;
}

function isCloudConfig(text: string, contentType: string | undefined): boolean {
  return contentType?.toLowerCase().split(';')[0]?.trim() === CLOUD_CONFIG_TYPE || text.startsWith(CLOUD_CONFIG_HEADER);
}

function unzipIfGzipped(bytes: Uint8Array): Uint8Array {
  if (bytes[0] !== GZIP_MAGIC[0] || bytes[1] !== GZIP_MAGIC[1]) return bytes;
  return gunzipSync(bytes, { maxOutputLength: MAX_UNZIPPED_BYTES });
}

/** The cloud-config texts of a user-data file, before YAML parsing. */
function findCloudConfigTexts(bytes: Uint8Array): string[] {
  const text = new TextDecoder().decode(unzipIfGzipped(bytes));
  if (text.startsWith(CLOUD_CONFIG_HEADER)) return [text];
  const message = splitHeaders(text);
  const contentType = message.headers.get('content-type') ?? '';
  const boundary = /^multipart\//i.test(contentType) ? readBoundary(contentType) : undefined;
  if (boundary === undefined) return [];
  return splitMultipart(message.body, boundary)
    .map((part) => ({ text: decodePart(part), type: part.headers.get('content-type') }))
    .filter(({ text: partText, type }) => isCloudConfig(partText, type))
    .map(({ text: partText }) => partText);
}

export function readCloudConfigs(bytes: Uint8Array, file: string): CloudConfigs {
  let texts: string[];
  try {
    texts = findCloudConfigTexts(bytes);
  } catch (error) {
    return { configs: [], warnings: [{ code: 'invalid-yaml', file, message: `${file} cannot be unpacked: ${(error as Error).message}` }] };
  }
  const configs: Record<string, unknown>[] = [];
  const warnings: SeedWarning[] = [];
  for (const text of texts) {
    const parsed = parseYamlMapping(text, file);
    if (parsed.warning) warnings.push(parsed.warning);
    if (parsed.value) configs.push(parsed.value);
  }
  return { configs, warnings };
}
