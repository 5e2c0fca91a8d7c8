/**
 * NoCloud over HTTP: cloud-init appends the file names to the seed URL it was given
 * (`ds=nocloud;s=http://HOST:PORT/vm01/` -> `/vm01/meta-data`, ...). meta-data and user-data are
 * required; vendor-data and (cloud-init 24.3+) network-config are optional, but cloud-init retries
 * every error, 404 included, ten times a second apart, so a missing optional file is an empty 200.
 */
import type { FileTree } from '../common/file-tree.js';
import { NOT_FOUND, textResponse, type ServeResponse } from './types.js';

const NOCLOUD_FILES: ReadonlyMap<string, 'required' | 'optional'> = new Map([
  ['meta-data', 'required'],
  ['user-data', 'required'],
  ['vendor-data', 'optional'],
  ['network-config', 'optional'],
]);

export function isNoCloudFile(name: string): boolean {
  return NOCLOUD_FILES.has(name);
}

/** The answer for one NoCloud file of a rendered NoCloud tree. */
export function answerNoCloud(files: FileTree, name: string): ServeResponse {
  const content = files.get(name);
  if (content !== undefined) return textResponse(200, content);
  return NOCLOUD_FILES.get(name) === 'optional' ? textResponse(200, '') : NOT_FOUND;
}
