/** What `cloudseed localds` does once its arguments are parsed: read, check, pack, write. */
import { readFile } from 'node:fs/promises';
import { SpecError, type Issue } from '../../errors.js';
import { encodeQcow2 } from '../../export/formats/qcow2.js';
import { encodeUstar, type TarEntry } from '../../export/formats/ustar.js';
import { writeFileAtomic } from '../../output/atomic-write.js';
import { packTree } from '../../pack/registry.js';
import type { FileTree } from '../../common/file-tree.js';
import { localdsTree } from '../../render/localds.js';
import { resolveEpoch } from '../../seed.js';
import { MAX_SOURCE_BYTES } from '../../input/resolve-sources.js';
import { configureTerminal, info, stdout, warn } from '../terminal.js';
import type { LocaldsOptions } from './localds.js';

/** Where cloud-localds's tar-seed-* forms put the files: the folders cloud-init reads a local seed from. */
const TAR_FOLDER_OF: Readonly<Record<string, string | undefined>> = {
  'tar-seed-local': 'var/lib/cloud/seed/nocloud',
  'tar-seed-net': 'var/lib/cloud/seed/nocloud-net',
};

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/** A named input file's bytes, or an issue naming the argument it came from. */
async function readInput(path: string | undefined, field: string, issues: Issue[]): Promise<Uint8Array | undefined> {
  if (path === undefined) return undefined;
  try {
    const bytes = path === '-' && field === 'USER_DATA' ? await readStdin() : new Uint8Array(await readFile(path));
    if (bytes.length > MAX_SOURCE_BYTES) {
      issues.push({ path: field, message: `${path} is ${bytes.length} bytes; the limit is ${MAX_SOURCE_BYTES}` });
      return undefined;
    }
    return bytes;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory, not a file' : code === 'EACCES' ? 'is not readable' : (error as Error).message;
    issues.push({ path: field, message: `${path} ${reason}` });
    return undefined;
  }
}

/** cloud-localds's tar forms, with fixed owners and times so equal seeds give equal archives. */
function tarOf(files: FileTree, folder: string | undefined, epoch: number): Uint8Array {
  const folders: TarEntry[] = [];
  if (folder !== undefined) {
    const parts = folder.split('/');
    parts.forEach((_, i) => {
      folders.push({ path: `${parts.slice(0, i + 1).join('/')}/`, mode: 0o755 });
    });
  }
  const prefix = folder === undefined ? '' : `${folder}/`;
  // Owner-only: the files can carry password hashes, and cloud-init reads them as root.
  const entries = [...files].map(([name, content]) => ({ path: `${prefix}${name}`, content, mode: 0o600 }));
  return encodeUstar([...folders, ...entries], epoch);
}

export async function buildLocalds(output: string, userDataPath: string, metaDataPath: string | undefined, options: LocaldsOptions): Promise<void> {
  // With the image on stdout, messages must not mix into it.
  configureTerminal({ infoToStderr: output === '-' });
  const issues: Issue[] = [];
  const isTar = options.diskFormat.startsWith('tar');
  if (isTar && options.filesystem !== undefined) {
    issues.push({ path: '-d/--disk-format', message: `${options.diskFormat} is incompatible with --filesystem` });
  }
  const [userData, metaData, networkConfig, vendorData, interfaces] = await Promise.all([
    readInput(userDataPath, 'USER_DATA', issues),
    readInput(metaDataPath, 'META_DATA', issues),
    readInput(options.networkConfig, '-N/--network-config', issues),
    readInput(options.vendorData, '-V/--vendor-data', issues),
    readInput(options.interfaces, '-i/--interfaces', issues),
  ]);
  if (issues.length > 0) throw new SpecError(issues);
  const tree = localdsTree({
    userData: userData!,
    metaData,
    networkConfig,
    vendorData,
    hostname: options.hostname,
    interfaces: interfaces === undefined ? undefined : new TextDecoder().decode(interfaces),
    dsmode: options.dsmode,
  });
  if (tree.issues.length > 0) throw new SpecError(tree.issues);
  const epoch = resolveEpoch({});
  const filesystem = options.filesystem === 'vfat' ? 'vfat' : 'iso9660';
  let bytes: Uint8Array;
  if (isTar) {
    bytes = tarOf(tree.files, TAR_FOLDER_OF[options.diskFormat], epoch);
  } else {
    // cloud-localds labels both filesystems cidata, in lower case.
    const image = await packTree(tree.files, { image: { filesystem, writer: 'native', label: 'cidata' }, epoch });
    bytes = options.diskFormat === 'qcow2' ? encodeQcow2(image) : image;
  }
  for (const text of tree.warnings) warn(text);
  if (output === '-') {
    await new Promise<void>((resolve, reject) => stdout().write(bytes, (error) => (error ? reject(error) : resolve())));
  } else {
    // cloud-localds replaces its output; scripts written for it rely on that.
    await writeFileAtomic(output, bytes, { force: true });
  }
  const form = isTar ? options.diskFormat : `${filesystem}${options.diskFormat === 'qcow2' ? ' in qcow2' : ''}`;
  info(`wrote ${output === '-' ? 'stdout' : output} (${form}, cidata): ${[...tree.files.keys()].join(', ')}`);
}
