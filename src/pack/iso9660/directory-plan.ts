/**
 * The records of every folder of one hierarchy (primary + Rock Ridge, or Joliet), in on-disk
 * order, with their lengths; no blocks yet. Folders come in path table order (ECMA-119 6.9.1:
 * by level, then parent number, then identifier), which is a breadth-first walk that visits
 * each folder's subfolders in record order.
 */
import { encodeAscii } from '../../codec/iso9660/ascii.js';
import { measureDirectoryRecord, PARENT_IDENTIFIER, SELF_IDENTIFIER, systemUseRoom } from '../../codec/iso9660/directory-record.js';
import type { DirectoryNode, FileNode } from './hierarchy.js';
import { compareIdentifiers } from './identifier-order.js';
import { encodeUcs2Be } from '../../codec/iso9660/joliet.js';
import { assignPrimaryNames } from './primary-names.js';
import { describeRockRidge, splitSystemUse, type SystemUseField, type SystemUseSplit } from './system-use.js';

export type Flavor = 'primary' | 'joliet';

export type RecordTarget =
  | { readonly kind: 'directory'; readonly directory: DirectoryNode }
  | { readonly kind: 'file'; readonly file: FileNode };

export interface RecordPlan {
  readonly identifier: Uint8Array;
  readonly target: RecordTarget;
  readonly systemUse: SystemUseSplit;
  /** LEN_DR (ECMA-119 9.1.1). */
  readonly length: number;
}

export interface DirectoryPlan {
  readonly directory: DirectoryNode;
  /** The identifier in the path table; the root's is 0x00 (ECMA-119 9.4.5). */
  readonly identifier: Uint8Array;
  /** 1-based path table number of the parent; the root is its own parent. */
  readonly parentNumber: number;
  readonly records: readonly RecordPlan[];
}

interface NamedChild {
  readonly identifier: string;
  readonly target: RecordTarget;
}

function encodeIdentifier(identifier: string, flavor: Flavor): Uint8Array {
  return flavor === 'primary' ? encodeAscii(identifier) : encodeUcs2Be(identifier);
}

const byName = (a: { readonly name: string }, b: { readonly name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The folder's entries with their identifiers, in ECMA-119 9.3 order. */
function nameChildren(directory: DirectoryNode, flavor: Flavor): NamedChild[] {
  const children: { readonly name: string; readonly isDirectory: boolean; readonly target: RecordTarget }[] = [];
  for (const child of directory.directories) children.push({ name: child.name, isDirectory: true, target: { kind: 'directory', directory: child } });
  for (const file of directory.files) children.push({ name: file.name, isDirectory: false, target: { kind: 'file', file } });
  children.sort(byName);
  // assignPrimaryNames reads `name` and `isDirectory` of each entry.
  const identifiers = flavor === 'primary' ? assignPrimaryNames(children) : undefined;
  const named: NamedChild[] = [];
  for (let index = 0; index < children.length; index++) {
    const child = children[index] as (typeof children)[number];
    named.push({ identifier: identifiers === undefined ? child.name : (identifiers[index] as string), target: child.target });
  }
  return named.sort((a, b) => compareIdentifiers(a.identifier, b.identifier));
}

function planRecord(identifier: Uint8Array, target: RecordTarget, fields: readonly SystemUseField[]): RecordPlan {
  const systemUse = splitSystemUse(fields, systemUseRoom(identifier.length));
  return { identifier, target, systemUse, length: measureDirectoryRecord(identifier.length, systemUse.inlineLength) };
}

function rockRidgeFields(target: RecordTarget, name?: string, isRootSelf?: boolean): SystemUseField[] {
  const isDirectory = target.kind === 'directory';
  return describeRockRidge({ isDirectory, subdirectories: isDirectory ? target.directory.directories.length : 0, name, isRootSelf });
}

export function planHierarchy(root: DirectoryNode, flavor: Flavor): DirectoryPlan[] {
  const rockRidge = flavor === 'primary';
  const queue: { directory: DirectoryNode; identifier: Uint8Array; parentNumber: number }[] = [
    { directory: root, identifier: SELF_IDENTIFIER, parentNumber: 1 },
  ];
  const plans: DirectoryPlan[] = [];
  for (let index = 0; index < queue.length; index++) {
    const { directory, identifier, parentNumber } = queue[index] as (typeof queue)[number];
    const parent = (queue[parentNumber - 1] as (typeof queue)[number]).directory;
    const self: RecordTarget = { kind: 'directory', directory };
    const up: RecordTarget = { kind: 'directory', directory: parent };
    const records = [
      planRecord(SELF_IDENTIFIER, self, rockRidge ? rockRidgeFields(self, undefined, index === 0) : []),
      planRecord(PARENT_IDENTIFIER, up, rockRidge ? rockRidgeFields(up) : []),
    ];
    for (const child of nameChildren(directory, flavor)) {
      const childIdentifier = encodeIdentifier(child.identifier, flavor);
      const name = child.target.kind === 'directory' ? child.target.directory.name : child.target.file.name;
      const fields = rockRidge ? rockRidgeFields(child.target, name) : [];
      records.push(planRecord(childIdentifier, child.target, fields));
      if (child.target.kind === 'directory') {
        queue.push({ directory: child.target.directory, identifier: childIdentifier, parentNumber: index + 1 });
      }
    }
    plans.push({ directory, identifier, parentNumber, records });
  }
  return plans;
}
