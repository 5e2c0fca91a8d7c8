/**
 * The plan of a vfat image, made before any byte is written: names and short names per directory, the
 * geometry the content needs, then one contiguous cluster run per directory and file, in depth-first order.
 */
import { SpecError } from '../../errors.js';
import type { FileTree } from '../../common/file-tree.js';
import { SECTOR_SIZE } from '../../codec/vfat/boot-sector.js';
import { DIR_ENTRY_SIZE } from '../../codec/vfat/dir-entry.js';
import { countDirectoryEntries, ROOT_CLUSTER, type DirectoryHead, type HeadShape } from './directory.js';
import { FIRST_DATA_CLUSTER, type ClusterRun } from '../../codec/vfat/fat.js';
import { chooseGeometry, computeRegions, type ContentNeeds, type VfatGeometry, type VfatRegions } from './geometry.js';
import { resolveVolumeLabel, type VfatOptions } from './options.js';
import { deriveVolumeSerial } from './serial.js';
import { assignShortNames } from '../../codec/vfat/short-name.js';

interface Named {
  readonly name: string;
  /** DIR_Name, 11 characters. */
  readonly shortName: string;
  readonly needsLongName: boolean;
}

export type VfatNode =
  | (Named & { readonly kind: 'file'; readonly content: Uint8Array; readonly run: ClusterRun })
  | (Named & { readonly kind: 'directory'; readonly directory: VfatDirectory });

export interface VfatDirectory {
  readonly head: DirectoryHead;
  /** The root lives in its own region, so its run is empty. */
  readonly run: ClusterRun;
  readonly children: readonly VfatNode[];
}

export interface VfatLayout {
  readonly geometry: VfatGeometry;
  readonly regions: VfatRegions;
  /** The label as written, '' for none. */
  readonly label: string;
  readonly serial: number;
  readonly root: VfatDirectory;
  /** Every non-empty run, for the FAT. */
  readonly runs: readonly ClusterRun[];
}

type DraftNode =
  | (Named & { readonly kind: 'file'; readonly content: Uint8Array })
  | (Named & { readonly kind: 'directory'; readonly directory: DraftDirectory });

interface DraftDirectory {
  readonly children: readonly DraftNode[];
  readonly entryCount: number;
}

interface Folder {
  readonly files: Map<string, Uint8Array>;
  readonly folders: Map<string, Folder>;
}

const EMPTY_RUN: ClusterRun = { first: 0, count: 0 };

/** Plans the image; expects a tree that passed checkVfatLimits (throws a SpecError when it does not fit). */
export function planVfatLayout(tree: FileTree, options: VfatOptions): VfatLayout {
  const label = resolveVolumeLabel(options);
  const root = draftDirectory(groupIntoFolders(tree), { kind: 'root', label });
  const choice = chooseGeometry(measureDraft(root), options.size);
  if ('problem' in choice) throw new SpecError([{ path: 'image:/', message: choice.problem }]);
  const { geometry } = choice;
  const runs: ClusterRun[] = [];
  let nextCluster = FIRST_DATA_CLUSTER;
  const allocate = (bytes: number): ClusterRun => {
    const count = Math.ceil(bytes / (geometry.sectorsPerCluster * SECTOR_SIZE));
    if (count === 0) return EMPTY_RUN;
    const run = { first: nextCluster, count };
    nextCluster += count;
    runs.push(run);
    return run;
  };
  const placeChildren = (draft: DraftDirectory, cluster: number): VfatNode[] =>
    draft.children.map((child) => {
      if (child.kind === 'file') return { ...child, run: allocate(child.content.length) };
      const run = allocate(child.directory.entryCount * DIR_ENTRY_SIZE);
      const head: DirectoryHead = { kind: 'subdirectory', cluster: run.first, parentCluster: cluster };
      return { ...child, directory: { head, run, children: placeChildren(child.directory, run.first) } };
    });
  const children = placeChildren(root, ROOT_CLUSTER);
  return {
    geometry,
    regions: computeRegions(geometry),
    label,
    serial: deriveVolumeSerial(tree),
    root: { head: { kind: 'root', label }, run: EMPTY_RUN, children },
    runs,
  };
}

/** What the tree asks of the volume, for checkVfatLimits to test a geometry without planning clusters. */
export function measureContent(tree: FileTree, options: VfatOptions): ContentNeeds {
  return measureDraft(draftDirectory(groupIntoFolders(tree), { kind: 'root', label: resolveVolumeLabel(options) }));
}

function measureDraft(root: DraftDirectory): ContentNeeds {
  return {
    rootEntries: root.entryCount,
    clustersFor: (clusterBytes) => countClusters(root, clusterBytes),
  };
}

function countClusters(directory: DraftDirectory, clusterBytes: number): number {
  return directory.children.reduce((sum, child) => {
    if (child.kind === 'file') return sum + Math.ceil(child.content.length / clusterBytes);
    const own = Math.ceil((child.directory.entryCount * DIR_ENTRY_SIZE) / clusterBytes);
    return sum + own + countClusters(child.directory, clusterBytes);
  }, 0);
}

/** Children sorted by name (UTF-16 code units), so the same tree always gives the same image. */
function draftDirectory(folder: Folder, head: HeadShape): DraftDirectory {
  const members = [...folder.files, ...folder.folders].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const shortNames = assignShortNames(members.map(([name]) => name));
  const children = members.map(([name, member], i): DraftNode => {
    const named = { name, ...shortNames[i] };
    if (member instanceof Uint8Array) return { ...named, kind: 'file', content: member };
    return { ...named, kind: 'directory', directory: draftDirectory(member, { kind: 'subdirectory' }) };
  });
  return { children, entryCount: countDirectoryEntries(head, children) };
}

function groupIntoFolders(tree: FileTree): Folder {
  const root: Folder = { files: new Map(), folders: new Map() };
  for (const [path, content] of tree) {
    const slash = path.lastIndexOf('/');
    let folder = root;
    for (const part of slash < 0 ? [] : path.slice(0, slash).split('/')) {
      let next = folder.folders.get(part);
      if (!next) {
        next = { files: new Map(), folders: new Map() };
        folder.folders.set(part, next);
      }
      folder = next;
    }
    folder.files.set(path.slice(slash + 1), content);
  }
  return root;
}
