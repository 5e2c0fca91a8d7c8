/** Trees that exercise the iso9660 writer: real seed shapes and the awkward cases. */
import { fileTree, type FileTree } from '../../../src/common/file-tree.js';

export interface SampleTree {
  readonly name: string;
  readonly label: string;
  readonly tree: FileTree;
  /** Only ASCII names: isoinfo's Joliet reader knows no UTF-8 output, so it can only judge these. */
  readonly asciiNames: boolean;
}

const binary = (size: number, seed: number): Uint8Array =>
  Uint8Array.from({ length: size }, (_, i) => (i * 31 + seed) & 0xff);

export const SAMPLE_TREES: readonly SampleTree[] = [
  {
    name: 'nocloud',
    label: 'cidata',
    asciiNames: true,
    tree: fileTree([
      ['meta-data', 'instance-id: iid-local01\nlocal-hostname: seed\n'],
      ['user-data', '#cloud-config\npassword: passw0rd\nchpasswd: { expire: False }\n'],
      ['network-config', 'version: 2\nethernets:\n  eth0:\n    dhcp4: true\n'],
    ]),
  },
  {
    name: 'config-drive',
    label: 'config-2',
    asciiNames: true,
    tree: fileTree([
      ['openstack/latest/meta_data.json', '{"uuid": "83679162-1378-4288-a2d4-70e13ec132aa", "hostname": "seed"}'],
      ['openstack/latest/user_data', '#cloud-config\n'],
      ['openstack/latest/network_data.json', '{"links": [], "networks": [], "services": []}'],
      ['openstack/2018-08-27/meta_data.json', '{"uuid": "83679162-1378-4288-a2d4-70e13ec132aa"}'],
      ['openstack/2018-08-27/user_data', '#cloud-config\n'],
      ['openstack/content/0000', 'auto eth0\niface eth0 inet dhcp\n'],
      ['openstack/content/0001', binary(5000, 1)],
    ]),
  },
  {
    name: 'big-folder',
    label: 'cidata',
    asciiNames: true,
    // 150 records of ~170 bytes (primary with Rock Ridge) need about 13 blocks.
    tree: fileTree(
      Array.from(
        { length: 150 },
        (_, i) => [`folder/file-with-a-long-name-number-${String(i).padStart(3, '0')}.txt`, `file ${i}\n`] as const,
      ),
    ),
  },
  {
    name: 'empty-files',
    label: 'cidata',
    asciiNames: true,
    tree: fileTree([
      ['meta-data', ''],
      ['user-data', ''],
      ['empty/inside', ''],
      ['not-empty', 'x'],
    ]),
  },
  {
    name: 'deep',
    label: 'cidata',
    asciiNames: true,
    // 7 folders below the root: the deepest ECMA-119 allows (8 levels with the root).
    tree: fileTree([
      ['a/b/c/d/e/f/g/deepest.txt', 'deep\n'],
      ['a/b/c/d/e/f/g2', 'g2\n'],
      ['a/side.txt', 'side\n'],
      ['a/b/c/big.bin', binary(3 * 2048 + 5, 7)],
    ]),
  },
  {
    name: 'names',
    label: 'cidata',
    asciiNames: true,
    // Names that collide in 8.3 form, differ only in case, or need a continuation area.
    tree: fileTree([
      ['averyveryverylongfilename.extension', '1'],
      ['averyveryverylongfilename.extension2', '2'],
      ['averyveryverylongfilenamf.extension', '3'],
      ['LONGNAME1.TXT', '4'],
      ['longname1.txt.bak', '5'],
      ['README', '6'],
      ['readme', '7'],
      ['ReadMe.md', '8'],
      ['.hidden', '9'],
      ['dot.in.many.places', '10'],
      ['with space and (parens) [brackets] & more', '11'],
      ['x'.repeat(64), '12'],
      ['folder.with.dots/file', '13'],
      ['FOLDER_WITH_DOTS', '14'],
    ]),
  },
  {
    name: 'unicode',
    label: 'cidata',
    asciiNames: false,
    tree: fileTree([
      ['émoji-ünïcode-😀.txt', 'emoji'],
      ['日本語/ファイル.json', '{}'],
      ['日'.repeat(64), 'sixty-four CJK characters: a 192-byte Rock Ridge name in a continuation area'],
      ['ü'.repeat(63), 'ü'],
      ['Ελληνικά/κείμενο', 'greek'],
    ]),
  },
];
