/**
 * The OpenStack metadata API (what cloud-init's and cloudbase-init's OpenStack readers ask
 * 169.254.169.254), answered from the same file tree as the config-2 image, so meta_data.json is
 * byte for byte the drive's.
 */
import type { FileTree } from '../common/file-tree.js';
import { NOT_FOUND, textResponse, type ServeResponse } from './types.js';

/**
 * Versions listed by `GET /openstack`, oldest first and ending in `latest` as Nova lists them.
 * The drive holds `2018-08-27` and `latest`; `2012-08-10` (the first version, asked by old
 * readers) is answered with the same files as `latest`.
 */
export const OPENSTACK_VERSIONS = ['2012-08-10', '2018-08-27', 'latest'] as const;

function folderOf(version: string): string | undefined {
  if (version === '2018-08-27') return 'openstack/2018-08-27';
  if (version === 'latest' || version === '2012-08-10') return 'openstack/latest';
  return undefined;
}

const JSON_TYPE = 'application/json';

/** `segments` start after `openstack`. */
export function answerOpenStack(files: FileTree, segments: readonly string[]): ServeResponse {
  if (segments.length === 0) return textResponse(200, OPENSTACK_VERSIONS.join('\n'));
  const [first, second, ...rest] = segments;
  if (rest.length > 0) return NOT_FOUND;
  if (first === 'content' && second !== undefined) {
    const content = files.get(`openstack/content/${second}`);
    return content === undefined ? NOT_FOUND : textResponse(200, content, 'application/octet-stream');
  }
  const folder = folderOf(first!);
  if (folder === undefined) return NOT_FOUND;
  if (second === undefined) {
    const names = [...files.keys()].filter((path) => path.startsWith(`${folder}/`)).map((path) => path.slice(folder.length + 1));
    return textResponse(200, names.join('\n'));
  }
  const content = files.get(`${folder}/${second}`);
  // user_data absent is a 404, as Nova answers: readers treat 404 as "no user data".
  if (content === undefined) return NOT_FOUND;
  return textResponse(200, content, second.endsWith('.json') ? JSON_TYPE : 'text/plain; charset=utf-8');
}
