/**
 * `editSeed`: read a seed (ours or another tool's), change its documents, pack it again with the
 * same filesystem and label. The reading is src/read, the packing src/pack; this file decides
 * what changes and which instance-id the result gets.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { SpecError, type Issue } from '../errors.js';
import { detectPartType } from '../model/cloud-config-parts.js';
import { checkUserDataFile } from '../parse/cloud-config-text.js';
import { deriveInstanceId } from '../parse/instance-id.js';
import type { UserDataPartModel } from '../model/types.js';
import { packTree } from '../pack/registry.js';
import type { FilesystemName } from '../pack/types.js';
import { detectDatasource } from '../read/datasource.js';
import { readImage } from '../read/image.js';
import { textFile, type FileTree } from '../common/file-tree.js';
import { resolveEpoch } from '../seed.js';
import { LAYOUTS, type SeedLayout } from './layout.js';
import { prepareOverlay, type EditOverlay } from './overlay.js';
import type { EditedSeed, EditOptions, InstanceIdPolicy, SeedEdits } from './types.js';
import { editUserData } from './user-data-edit.js';

export type * from './types.js';

async function readParts(files: readonly string[]): Promise<UserDataPartModel[]> {
  const issues: Issue[] = [];
  const parts: UserDataPartModel[] = [];
  for (const [i, file] of files.entries()) {
    try {
      const content = new Uint8Array(await readFile(file));
      // What build refuses in a `user_data.parts` file, edit refuses too.
      issues.push(...checkUserDataFile(content, `--user-data[${i}]`));
      parts.push({ content, type: detectPartType(content), filename: basename(file) });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      issues.push({ path: `--user-data[${i}]`, message: `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}` });
    }
  }
  if (issues.length > 0) throw new SpecError(issues);
  return parts;
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  return a !== undefined && b !== undefined && Buffer.compare(a, b) === 0;
}

interface TreeEdit {
  readonly tree: Map<string, Uint8Array>;
  readonly notes: string[];
}

/** Every change but the instance-id, which depends on whether anything changed. */
function applyOverlay(tree: FileTree, layout: SeedLayout, overlay: EditOverlay, parts: readonly UserDataPartModel[], partNames: readonly string[]): TreeEdit {
  const edited = new Map(tree);
  const notes: string[] = [];
  for (const set of layout.documentSets([...tree.keys()])) {
    if (overlay.hostname !== undefined) {
      const meta = layout.parseMeta(tree.get(set.metaData), set.metaData);
      edited.set(set.metaData, textFile(layout.writeMeta({ ...meta, [layout.hostnameKey]: overlay.hostname })));
    }
    const userData = editUserData(tree.get(set.userData), overlay, parts, partNames);
    if (!sameBytes(userData.bytes, tree.get(set.userData))) edited.set(set.userData, userData.bytes);
    for (const note of userData.notes) if (!notes.includes(note)) notes.push(note);
    if (overlay.network !== undefined) edited.set(set.network, textFile(overlay.network));
  }
  return { tree: edited, notes };
}

function treesEqual(a: FileTree, b: FileTree): boolean {
  return a.size === b.size && [...a].every(([path, bytes]) => sameBytes(bytes, b.get(path)));
}

function readInstanceId(tree: FileTree, layout: SeedLayout): string | undefined {
  const [first] = layout.documentSets([...tree.keys()]);
  if (first === undefined) return undefined;
  const id = layout.parseMeta(tree.get(first.metaData), first.metaData)[layout.instanceIdKey];
  return id === undefined || id === null ? undefined : String(id);
}

function chooseInstanceId(policy: InstanceIdPolicy, previous: string | undefined, edited: FileTree): string | undefined {
  if (policy === 'keep') return previous;
  if (policy === 'new') return randomUUID();
  return deriveInstanceId([...edited].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function setInstanceId(tree: Map<string, Uint8Array>, layout: SeedLayout, id: string): void {
  for (const set of layout.documentSets([...tree.keys()])) {
    const meta = layout.parseMeta(tree.get(set.metaData), set.metaData);
    tree.set(set.metaData, textFile(layout.writeMeta({ ...meta, [layout.instanceIdKey]: id })));
  }
}

interface Repacked {
  readonly image: Uint8Array;
  /** The vfat image's old size, when the new content did not fit it. */
  readonly grewFrom?: number;
}

/**
 * Same filesystem and label; a vfat image keeps its size while the content fits (a VM definition
 * may expect it), and grows to what the content needs otherwise.
 */
async function repack(tree: FileTree, was: { filesystem: FilesystemName; label: string; size: number }, epoch: number): Promise<Repacked> {
  const image = { filesystem: was.filesystem, writer: 'native', label: was.label } as const;
  if (was.filesystem !== 'vfat') return { image: await packTree(tree, { image, epoch }) };
  try {
    return { image: await packTree(tree, { image: { ...image, size: was.size }, epoch }) };
  } catch (error) {
    // The writers name the whole volume `image:/` when the files do not fit.
    if (!(error instanceof SpecError) || !error.issues.some((issue) => issue.path === 'image:/')) throw error;
    return { image: await packTree(tree, { image, epoch }), grewFrom: was.size };
  }
}

/**
 * Changes a seed image (any tool's: cloud-localds, genisoimage, mtools, cloudseed) and packs it
 * again with the same filesystem and label: host name, a user with keys or a password, keys for
 * the default user, the network, extra user-data parts. Pure but for reading `sshKeys` and
 * `userData` files: bytes in, bytes out.
 *
 * The instance-id follows `edits.instanceId`; by default a changed seed gets a new random one,
 * since cloud-init would otherwise ignore the change on a guest that already booted the seed.
 *
 * @throws {SpecError} when an edit is invalid or the seed's documents cannot be edited (each issue names the flag or file).
 * @throws {IoError} when the bytes are not a readable iso9660 or FAT image.
 * @example
 * const edited = await editSeed(new Uint8Array(await readFile('seed.iso')), { hostname: 'web02', user: 'ops', sshKeys: [key] });
 * await writeFile('seed-web02.iso', edited.image); // edited.instanceId is new: the change applies
 */
export async function editSeed(image: Uint8Array, edits: SeedEdits, options: EditOptions = {}): Promise<EditedSeed> {
  const read = readImage(image);
  const { datasource } = detectDatasource(read, read.tree);
  if (datasource === undefined) {
    throw new SpecError([{ path: 'image', message: `label '${read.label}' is not one cloud-init finds (cidata, CIDATA, config-2, CONFIG-2): not a seed to edit` }]);
  }
  const layout = LAYOUTS[datasource];
  if (layout === undefined) throw new SpecError([{ path: 'image', message: `editing a ${datasource} seed is not supported; rebuild it instead` }]);
  if (layout.documentSets([...read.tree.keys()]).length === 0) {
    throw new SpecError([{ path: 'image', message: 'a config drive without openstack/<version>/meta_data.json: nothing cloud-init reads to edit' }]);
  }
  const overlay = await prepareOverlay(edits, datasource, options);
  const userDataFiles = edits.userData ?? [];
  const parts = await readParts(userDataFiles);
  const { tree, notes } = applyOverlay(read.tree, layout, overlay, parts, userDataFiles.map((_, i) => `--user-data[${i}]`));
  const changed = !treesEqual(tree, read.tree);
  const previousInstanceId = readInstanceId(read.tree, layout);
  const policy = edits.instanceId ?? (changed ? 'new' : 'keep');
  const instanceId = chooseInstanceId(policy, previousInstanceId, tree);
  if (instanceId !== undefined && instanceId !== previousInstanceId) setInstanceId(tree, layout, instanceId);
  const filesystem = read.filesystem.type;
  const packed = await repack(tree, { filesystem, label: read.label, size: image.length }, resolveEpoch({ epoch: options.epoch }));
  if (packed.grewFrom !== undefined) notes.push(`the vfat image grew from ${packed.grewFrom} to ${packed.image.length} bytes to hold the new content`);
  return {
    image: packed.image,
    datasource,
    filesystem,
    label: read.label,
    instanceId: instanceId ?? '',
    ...(previousInstanceId === undefined ? {} : { previousInstanceId }),
    instanceIdPolicy: policy,
    changed,
    notes,
  };
}
