/**
 * The EC2 metadata paths cloud-init and CirrOS may crawl on 169.254.169.254 (`/latest/...`, and
 * `/2009-04-04/...` for CirrOS), answered from the config drive's meta_data.json and user_data so
 * they agree with the OpenStack answers on the same listener.
 */
import type { FileTree } from '../common/file-tree.js';
import { NOT_FOUND, textResponse, type ServeResponse } from './types.js';

export const EC2_VERSIONS: ReadonlySet<string> = new Set(['latest', '2009-04-04']);

interface Ec2View {
  readonly instanceId: string;
  readonly hostname: string | undefined;
  /** [name, OpenSSH key line] in the order meta_data.json lists them. */
  readonly keys: ReadonlyArray<readonly [string, string]>;
  readonly userData: Uint8Array | undefined;
}

function ec2View(files: FileTree): Ec2View {
  const metaBytes = files.get('openstack/latest/meta_data.json');
  const meta = (metaBytes === undefined ? {} : JSON.parse(new TextDecoder().decode(metaBytes))) as {
    uuid?: string;
    hostname?: string;
    public_keys?: Record<string, string>;
  };
  return {
    instanceId: meta.uuid ?? '',
    hostname: meta.hostname,
    keys: Object.entries(meta.public_keys ?? {}),
    userData: files.get('openstack/latest/user_data'),
  };
}

const listing = (lines: readonly string[]): ServeResponse => textResponse(200, lines.join('\n'));

/** `segments` start after the version (`latest`, `2009-04-04`). */
export function answerEc2(files: FileTree, segments: readonly string[]): ServeResponse {
  const view = ec2View(files);
  const [kind, ...rest] = segments;
  if (kind === undefined) return listing(view.userData === undefined ? ['meta-data'] : ['meta-data', 'user-data']);
  if (kind === 'user-data') return rest.length === 0 && view.userData !== undefined ? textResponse(200, view.userData) : NOT_FOUND;
  if (kind !== 'meta-data') return NOT_FOUND;
  const [item, index, leaf, ...beyond] = rest;
  if (item === undefined) {
    const items = ['instance-id', ...(view.hostname === undefined ? [] : ['hostname', 'local-hostname']), ...(view.keys.length > 0 ? ['public-keys/'] : [])];
    return listing(items);
  }
  if (beyond.length > 0) return NOT_FOUND;
  if (item === 'instance-id' && index === undefined) return textResponse(200, view.instanceId);
  if ((item === 'hostname' || item === 'local-hostname') && index === undefined && view.hostname !== undefined) return textResponse(200, view.hostname);
  if (item !== 'public-keys' || view.keys.length === 0) return NOT_FOUND;
  if (index === undefined) return listing(view.keys.map(([name], i) => `${i}=${name}`));
  if (!/^(0|[1-9][0-9]{0,3})$/.test(index) || Number(index) >= view.keys.length) return NOT_FOUND;
  if (leaf === undefined) return listing(['openssh-key']);
  return leaf === 'openssh-key' ? textResponse(200, `${view.keys[Number(index)]![1]}\n`) : NOT_FOUND;
}
