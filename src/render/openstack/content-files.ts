/**
 * The config drive's content folder: files the guest receives by path (Nova's injected files,
 * oVirt's network file) live as `openstack/content/NNNN` and meta_data.json points at them with
 * `content_path: "/content/NNNN"`, relative to the `openstack` folder (as cloud-init's
 * `_read_content_path` and Nova's `metadata_for_config_drive` agree).
 */
import type { FileContent } from '../../common/file-tree.js';

/** What meta_data.json says about one content file. */
export interface ContentReference {
  readonly path: string;
  readonly content_path: string;
}

export interface ContentFile {
  /** Where the guest puts the file, e.g. /etc/network/interfaces. */
  readonly path: string;
  readonly content: FileContent;
}

export interface NumberedContent {
  /** The reference for each file, in the order given. */
  readonly references: readonly ContentReference[];
  /** Image paths (`openstack/content/0000`) with their content. */
  readonly files: ReadonlyArray<readonly [string, FileContent]>;
}

/** Nova and oVirt both number content files with four decimal digits from 0000. */
function contentName(index: number): string {
  return String(index).padStart(4, '0');
}

/** Numbers the files from `first` on (oVirt's network file takes 0000 before injected files). */
export function numberContentFiles(contents: readonly ContentFile[], first = 0): NumberedContent {
  const numbered = contents.map((file, i) => ({ file, name: contentName(first + i) }));
  return {
    references: numbered.map(({ file, name }) => ({ path: file.path, content_path: `/content/${name}` })),
    files: numbered.map(({ file, name }) => [`openstack/content/${name}`, file.content] as const),
  };
}
