/**
 * What goes in a primary directory record's System Use field (ECMA-119 9.1.13), and how it is
 * split when it does not fit: the layout works with lengths only, the writer encodes the
 * entries once every block is known.
 */
import {
  DIRECTORY_MODE,
  FILE_MODE,
  NM_HEADER_LENGTH,
  PX_ENTRY_LENGTH,
  RRIP_1991A,
  TF_ENTRY_LENGTH,
  writeNmEntry,
  writePxEntry,
  writeTfEntry,
} from '../../codec/iso9660/rock-ridge.js';
import { CE_ENTRY_LENGTH, encodeErEntry, encodeSpEntry } from '../../codec/iso9660/susp.js';

export type SystemUseField =
  | { readonly kind: 'SP' }
  | { readonly kind: 'ER' }
  | { readonly kind: 'PX'; readonly mode: number; readonly links: number }
  | { readonly kind: 'TF' }
  | { readonly kind: 'NM'; readonly name: Uint8Array };

export interface SystemUseSplit {
  /** Entries recorded in the directory record itself. */
  readonly inline: readonly SystemUseField[];
  /** Entries moved to a continuation area (SUSP 5.1); empty when everything fits. */
  readonly continued: readonly SystemUseField[];
  /** Bytes in the record: inline entries, plus a CE entry when something is continued. */
  readonly inlineLength: number;
  readonly continuedLength: number;
}

/** SP and ER hold nothing that differs between images: their bytes are constants of the format. */
const SP_ENTRY = encodeSpEntry();
const ER_ENTRY = encodeErEntry(RRIP_1991A);

export function measureSystemUseField(field: SystemUseField): number {
  switch (field.kind) {
    case 'SP':
      return SP_ENTRY.length;
    case 'ER':
      return ER_ENTRY.length;
    case 'PX':
      return PX_ENTRY_LENGTH;
    case 'TF':
      return TF_ENTRY_LENGTH;
    case 'NM':
      return NM_HEADER_LENGTH + field.name.length;
  }
}

/** Writes the entry at `offset` of `target`; returns the offset after it. */
export function writeSystemUseField(target: Uint8Array, offset: number, field: SystemUseField, recordingDate: Uint8Array): number {
  switch (field.kind) {
    case 'SP':
      target.set(SP_ENTRY, offset);
      return offset + SP_ENTRY.length;
    case 'ER':
      target.set(ER_ENTRY, offset);
      return offset + ER_ENTRY.length;
    case 'PX':
      return writePxEntry(target, offset, field.mode, field.links);
    case 'TF':
      return writeTfEntry(target, offset, recordingDate);
    case 'NM':
      return writeNmEntry(target, offset, field.name);
  }
}

export function encodeSystemUseField(field: SystemUseField, recordingDate: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(measureSystemUseField(field));
  writeSystemUseField(bytes, 0, field, recordingDate);
  return bytes;
}

/**
 * Rock Ridge entries for one primary record. SP must come first in the root's "." record
 * (SUSP 5.3) and ER, the largest, last so that it is the one moved to a continuation area.
 * `name` is absent for "." and "..", which take their names from the record itself.
 */
export function describeRockRidge(target: {
  readonly isDirectory: boolean;
  readonly subdirectories: number;
  readonly name?: string;
  readonly isRootSelf?: boolean;
}): SystemUseField[] {
  // POSIX link count: a folder is linked from its parent, its own "." and each child's "..".
  const links = target.isDirectory ? 2 + target.subdirectories : 1;
  const fields: SystemUseField[] = [];
  if (target.isRootSelf) fields.push({ kind: 'SP' });
  fields.push({ kind: 'PX', mode: target.isDirectory ? DIRECTORY_MODE : FILE_MODE, links }, { kind: 'TF' });
  // Buffer.from: a small name's bytes come from Node's shared pool, without an allocation of their own.
  if (target.name !== undefined) fields.push({ kind: 'NM', name: Buffer.from(target.name, 'utf8') });
  if (target.isRootSelf) fields.push({ kind: 'ER' });
  return fields;
}

/**
 * Keeps entries in the record while they fit in `room` bytes; once one does not, it and all
 * that follow go to a continuation area and a CE entry takes their place (SUSP 5.1).
 */
export function splitSystemUse(fields: readonly SystemUseField[], room: number): SystemUseSplit {
  let total = 0;
  for (const field of fields) total += measureSystemUseField(field);
  if (total <= room) return { inline: fields, continued: [], inlineLength: total, continuedLength: 0 };
  let kept = 0;
  let keptLength = 0;
  while (kept < fields.length) {
    const length = measureSystemUseField(fields[kept] as SystemUseField);
    if (keptLength + length + CE_ENTRY_LENGTH > room) break;
    keptLength += length;
    kept++;
  }
  return {
    inline: fields.slice(0, kept),
    continued: fields.slice(kept),
    inlineLength: keptLength + CE_ENTRY_LENGTH,
    continuedLength: total - keptLength,
  };
}
