/** Request paths as the router reads them: decoded segments, with anything odd refused outright. */

export interface RequestPath {
  /** Decoded, non-empty segments. */
  readonly segments: readonly string[];
  /** The path ended in `/` (a listing was asked for). */
  readonly directory: boolean;
}

/** Longest request path accepted; real metadata paths are far shorter. */
export const MAX_PATH_LENGTH = 1024;

/**
 * Splits and percent-decodes a request path. Undefined (answered 404) for anything a metadata
 * client never sends: no leading `/`, bad escapes, `.` or `..` segments, empty inner segments,
 * encoded `/` or `\`, control characters. Paths never reach the file system; this keeps the
 * mapping from path to answer simple enough to read at a glance.
 */
export function parseRequestPath(rawPath: string): RequestPath | undefined {
  if (!rawPath.startsWith('/') || rawPath.length > MAX_PATH_LENGTH) return undefined;
  const parts = rawPath.slice(1).split('/');
  const directory = parts.length > 0 && parts[parts.length - 1] === '';
  if (directory) parts.pop();
  const segments: string[] = [];
  for (const part of parts) {
    let segment: string;
    try {
      segment = decodeURIComponent(part);
    } catch {
      return undefined;
    }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: a path segment with a control character is refused: matching them is the point
    if (segment === '' || segment === '.' || segment === '..' || /[/\\\u0000-\u001f\u007f]/.test(segment)) return undefined;
    segments.push(segment);
  }
  return { segments, directory: directory && segments.length > 0 ? true : directory };
}
