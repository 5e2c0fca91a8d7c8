/**
 * Cloud-config the spec carries as text, which reaches cloud-init's YAML loader as it is: extra
 * user-data parts (`user_data.parts` content or source, `--user-data` files, the parts of MIME
 * files among them) and `vendor_data` given as a string. The generated cloud-config is escaped by
 * our writer, but these texts are not ours to rewrite, so each is checked as cloud-init reads it:
 * - a byte order mark before `#cloud-config` hides the part's type from cloud-init, which infers
 *   the type from the first bytes as they are and ignores a part it cannot type;
 * - a character PyYAML refuses drops the whole part, and U+0085, U+2028 or U+2029 are line breaks
 *   to PyYAML but not to the reader we check with;
 * - clear-text passwords are refused as they are in `user_data.cloud_config`.
 */
import { SpecError, type Issue } from '../errors.js';
import { findPyYamlTextProblem } from '../common/pyyaml-text.js';
import { parseSpecText } from '../input/load.js';
import type { SpecSources } from '../input/resolve-sources.js';
import type { Spec } from '../input/types.js';
import { detectPartType, readCloudConfigPart } from '../model/cloud-config-parts.js';
import { findClearTextPasswords } from './cloud-config-secrets.js';
import { normalizeParts, partContent } from './model.js';
import { expandUserDataFile } from './user-data-file.js';

interface PassedPart {
  readonly content: Uint8Array;
  readonly type: string;
  /** cloud-init infers the type from the content: no `type:` in the spec, none in a MIME header. */
  readonly inferred: boolean;
}

const UTF8_BOM_LENGTH = 3;

/** Keeps a leading BOM, as cloud-init's decoding does. */
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

const startsWithBom = (content: Uint8Array): boolean => content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf;

/** A BOM before a type marker cloud-init would otherwise have seen. */
function hidesType(part: PassedPart): boolean {
  return part.inferred && startsWithBom(part.content) && detectPartType(part.content.subarray(UTF8_BOM_LENGTH)) !== 'text/plain';
}

/** The issues of one cloud-config text, by path under `path`. */
function checkCloudConfigText(content: Uint8Array, path: string): Issue[] {
  const text = decoder.decode(content);
  const problem = findPyYamlTextProblem(text);
  if (problem !== undefined) return [{ path, message: problem.message }];
  let config: unknown;
  try {
    // PyYAML skips a BOM at the start of the stream (a declared type needs no marker).
    config = parseSpecText(text.replace(/^\ufeff/, ''), path);
  } catch (error) {
    // checkCloudConfigParts reports what cloud-init cannot read.
    if (error instanceof SpecError) return [];
    throw error;
  }
  return findClearTextPasswords(config, path);
}

function checkPart(part: PassedPart, path: string): Issue[] {
  if (hidesType(part)) {
    const marker = decoder.decode(part.content.subarray(UTF8_BOM_LENGTH, 64)).split(/\r?\n/)[0];
    return [
      {
        path,
        message: `starts with a byte order mark before '${marker}': cloud-init reads a part's type from its first bytes, finds none and ignores the part; save it as UTF-8 without a BOM`,
      },
    ];
  }
  return part.type === 'text/cloud-config' ? checkCloudConfigText(part.content, path) : [];
}

/** The parts of a MIME file are named by number in the message, the path stays the entry's. */
function checkParts(parts: readonly PassedPart[], path: string): Issue[] {
  return parts.flatMap((part, j) => {
    const issues = checkPart(part, path);
    return parts.length === 1 ? issues : issues.map((issue) => ({ ...issue, message: `MIME part ${j + 1}: ${issue.message}` }));
  });
}

type ExpandedFile = Exclude<ReturnType<typeof expandUserDataFile>, { problem: string }>;

function passedParts(expanded: ExpandedFile): PassedPart[] {
  return expanded.parts.map((part) => ({ content: part.content, type: part.type ?? detectPartType(part.content), inferred: part.type === undefined }));
}

/** The parts of a file as cloud-init splits it; none when it cannot (checkCloudConfigParts says why). */
function expandedParts(content: Uint8Array): PassedPart[] {
  const expanded = expandUserDataFile(content);
  return 'problem' in expanded ? [] : passedParts(expanded);
}

/** cloud-config parts cloud-init could not read: it would log a warning at boot and drop the part. */
function unreadableCloudConfig(parts: readonly { readonly content: Uint8Array; readonly type: string }[], path: string): Issue[] {
  return parts.flatMap((part) => {
    if (part.type !== 'text/cloud-config') return [];
    const read = readCloudConfigPart(part.content, path);
    return 'problem' in read ? [{ path, message: `is not a cloud-config cloud-init can read: ${read.problem}` }] : [];
  });
}

/** `user_data.parts` files cloud-init could not split or read, checked with the files read, before the model is built. */
export function checkCloudConfigParts(spec: Spec, sources: SpecSources): Issue[] {
  return (spec.user_data?.parts ?? []).flatMap((entry, i) => {
    const path = `user_data.parts[${i}]`;
    const { parts, problem } = normalizeParts(entry, i, sources);
    return problem === undefined ? unreadableCloudConfig(parts, path) : [{ path, message: problem }];
  });
}

/**
 * A user-data file given outside a spec (`edit --user-data`), checked as build checks a
 * `user_data.parts` entry without `type:`: cloud-init must be able to split and read it, and its
 * cloud-config must pass the checks above.
 */
export function checkUserDataFile(content: Uint8Array, path: string): Issue[] {
  const expanded = expandUserDataFile(content);
  if ('problem' in expanded) return [{ path, message: expanded.problem }];
  const parts = passedParts(expanded);
  return [...unreadableCloudConfig(parts, path), ...checkParts(parts, path)];
}

const encoder = new TextEncoder();

/** `user_data.parts` (with the `--user-data` files), once their `source:` files are read. */
export function checkPassedParts(spec: Spec, sources: SpecSources): Issue[] {
  return (spec.user_data?.parts ?? []).flatMap((entry, i) => {
    const path = `user_data.parts[${i}]`;
    const content = partContent(entry, i, sources);
    const parts = typeof entry === 'object' && entry.type ? [{ content, type: entry.type, inferred: false }] : expandedParts(content);
    return checkParts(parts, path);
  });
}

/** `vendor_data` given as text: user-data of any type, MIME included. */
export function checkPassedVendorData(spec: Spec): Issue[] {
  return typeof spec.vendor_data === 'string' ? checkParts(expandedParts(encoder.encode(spec.vendor_data)), 'vendor_data') : [];
}
