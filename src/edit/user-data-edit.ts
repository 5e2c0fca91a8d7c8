/**
 * Edits a seed's user-data, whatever tool wrote it, the way cloud-init will read it back
 * (cloudinit/user_data.py):
 * - a `#cloud-config` document (or none at all) is parsed, changed and written back as one;
 * - anything else (a script, a boothook, a MIME multipart message) is kept byte for byte as the
 *   first part of a new multipart message, and the changes follow as a cloud-config part with a
 *   Merge-Type that appends lists (cloud-init's default for a later part would replace them).
 *   A multipart message nests as it is: a MIME part is headers, a blank line and a body, which
 *   is exactly what a whole message is, and cloud-init walks nested multiparts;
 * - an added cloud-config file is merged into a `#cloud-config` user-data (lists appended, as
 *   build merges `--user-data`), and goes as its own part otherwise.
 * Unchanged user-data is returned as the same bytes, comments and all.
 */
import { SpecError } from '../errors.js';
import { detectPartType } from '../model/cloud-config-parts.js';
import type { UserDataPartModel } from '../model/types.js';
import { parseYamlMapping } from '../read/documents.js';
import { readCloudConfigs } from '../read/user-data.js';
import { mergeCloudConfig } from '../render/merge.js';
import { chooseBoundary, renderPart } from '../render/user-data.js';
import { toCloudConfig } from '../render/yaml11.js';
import { editCloudConfig, touchesCloudConfig } from './cloud-config-edit.js';
import type { EditOverlay } from './overlay.js';

export interface UserDataEdit {
  /** The new user-data; the very bytes given when nothing changed. */
  readonly bytes: Uint8Array;
  readonly notes: readonly string[];
}

const encoder = new TextEncoder();
const CLOUD_CONFIG_HEADER = /^#cloud-config\s*(\r?\n|$)/;
/** cloud-init takes user-data for MIME when this header is in its first 4096 bytes. */
const MIME_MARKER = 'mime-version:';

type Mapping = Record<string, unknown>;

function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** A plain cloud-config part merges into the document; one with its own merge rules must stay a part. */
function mergeableConfig(part: UserDataPartModel, file: string): Mapping | undefined {
  if (part.type !== 'text/cloud-config') return undefined;
  const parsed = parseYamlMapping(new TextDecoder().decode(part.content), file);
  if (parsed.value === undefined) throw new SpecError([{ path: file, message: parsed.warning?.message ?? 'is not a cloud-config mapping' }]);
  const ownRules = ['merge_how', 'merge_type'].some((key) => key in parsed.value!);
  return ownRules ? undefined : parsed.value;
}

/** Comments are all a YAML round trip drops; say so rather than lose them silently. */
function hasComments(text: string): boolean {
  return text.split(/\r?\n/).slice(1).some((line) => /^\s*#|\s#/.test(line));
}

/** The changes and the mergeable parts go into the document; the other parts are returned to go beside it. */
function editCloudConfigText(text: string, overlay: EditOverlay, parts: readonly UserDataPartModel[], names: readonly string[]): UserDataEdit & { rest: UserDataPartModel[] } {
  const parsed = parseYamlMapping(text, 'user-data');
  if (parsed.value === undefined) {
    throw new SpecError([{ path: 'user-data', message: `${parsed.warning?.message ?? 'is not a mapping'}; fix or rebuild the seed before editing it` }]);
  }
  const edit = editCloudConfig(parsed.value, overlay);
  let config = edit.config;
  const rest: UserDataPartModel[] = [];
  parts.forEach((part, i) => {
    const extra = mergeableConfig(part, names[i]!);
    if (extra === undefined) rest.push(part);
    else config = mergeCloudConfig(config, extra);
  });
  const notes = [...edit.notes, ...(hasComments(text) ? ['user-data: rewritten as YAML, its comments were not kept'] : [])];
  return { bytes: encoder.encode(toCloudConfig(config)), notes, rest };
}

function multipart(existing: Uint8Array, isMime: boolean, added: readonly UserDataPartModel[]): Uint8Array {
  const existingPart: UserDataPartModel = { content: existing, type: detectPartType(existing), filename: 'user-data' };
  const boundary = chooseBoundary([existingPart, ...added], Buffer.from(existing).toString('latin1'));
  const first = isMime ? `--${boundary}\n${Buffer.from(existing).toString('latin1').replace(/\r?\n$/, '')}` : renderPart(existingPart, boundary, false);
  const text = [
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    'MIME-Version: 1.0',
    '',
    first,
    ...added.map((part) => renderPart(part, boundary, true)),
    `--${boundary}--`,
    '',
  ].join('\n');
  return Buffer.from(text, 'latin1');
}

/**
 * @param parts the files of `--user-data`, typed as cloud-init would type them.
 * @param names the name each part is reported under in errors (`--user-data[0]`...).
 */
export function editUserData(existing: Uint8Array | undefined, overlay: EditOverlay, parts: readonly UserDataPartModel[], names: readonly string[]): UserDataEdit {
  const current = existing ?? new Uint8Array();
  const text = new TextDecoder().decode(current);
  const isCloudConfig = text.trim() === '' || CLOUD_CONFIG_HEADER.test(text);
  // A part added after them cannot take back a hostname or fqdn the message's own cloud-config parts set
  // (the appended part merges without replacing), so the new hostname would silently not apply.
  if (!isCloudConfig && overlay.hostname !== undefined && readCloudConfigs(current, 'user-data').configs.some((config) => 'hostname' in config || 'fqdn' in config)) {
    throw new SpecError([
      { path: 'user-data', message: 'a cloud-config part of this MIME user-data sets hostname or fqdn, which wins over --hostname: change that part, or rebuild the seed' },
    ]);
  }
  if (!touchesCloudConfig(overlay, isCloudConfig ? (parseYamlMapping(text, 'user-data').value ?? {}) : {}) && parts.length === 0) {
    return { bytes: current, notes: [] };
  }
  if (isGzip(current)) {
    throw new SpecError([{ path: 'user-data', message: 'is gzip-compressed: edit cannot change it; rebuild the seed, or edit an uncompressed one' }]);
  }
  if (isCloudConfig) {
    const edited = editCloudConfigText(text.trim() === '' ? '#cloud-config\n' : text, overlay, parts, names);
    if (edited.rest.length === 0) return { bytes: edited.bytes, notes: edited.notes };
    return { bytes: multipart(edited.bytes, false, edited.rest), notes: edited.notes };
  }
  const changes = touchesCloudConfig(overlay) ? editCloudConfig({}, overlay).config : undefined;
  const generated: UserDataPartModel[] =
    changes === undefined ? [] : [{ content: encoder.encode(toCloudConfig(changes)), type: 'text/cloud-config', filename: 'cloudseed-edit.yaml' }];
  const isMime = text.slice(0, 4096).toLowerCase().includes(MIME_MARKER);
  return { bytes: multipart(current, isMime, [...generated, ...parts]), notes: [] };
}
