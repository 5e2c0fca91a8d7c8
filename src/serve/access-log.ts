/**
 * The access log, one line per request in the Combined Log Format (Apache's and nginx's default),
 * so the usual log tools read it. Only the method, path, status, size, referer and user agent are
 * written: never a query string, header value or body, so no token or secret reaches the log.
 */

export interface AccessRecord {
  readonly remoteAddress: string;
  readonly time: Date;
  readonly method: string;
  readonly path: string;
  readonly httpVersion: string;
  readonly status: number;
  readonly bytes: number;
  readonly referer: string | undefined;
  readonly userAgent: string | undefined;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => String(n).padStart(2, '0');

/** `06/Dec/2026:20:33:39 +0000`: always UTC, so lines from several hosts sort together. */
export function clfTime(time: Date): string {
  return `${two(time.getUTCDate())}/${MONTHS[time.getUTCMonth()]}/${time.getUTCFullYear()}:${two(time.getUTCHours())}:${two(time.getUTCMinutes())}:${two(time.getUTCSeconds())} +0000`;
}

/** Client-supplied text, escaped as Apache does: `"` and `\`, control and non-ASCII bytes as \xHH. */
export function escapeLogText(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    if (byte === 0x22 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte < 0x20 || byte >= 0x7f) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return out;
}

const MAX_FIELD = 512;
const field = (value: string | undefined): string => (value === undefined || value === '' ? '-' : escapeLogText(value.slice(0, MAX_FIELD)));

export function formatAccessLine(record: AccessRecord): string {
  const request = `${escapeLogText(record.method.slice(0, 16))} ${escapeLogText(record.path.slice(0, MAX_FIELD))} HTTP/${escapeLogText(record.httpVersion.slice(0, 8))}`;
  const bytes = record.bytes === 0 ? '-' : String(record.bytes);
  return `${record.remoteAddress} - - [${clfTime(record.time)}] "${request}" ${record.status} ${bytes} "${field(record.referer)}" "${field(record.userAgent)}"`;
}
