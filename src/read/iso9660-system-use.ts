/**
 * Rock Ridge as a reader meets it: finding SUSP on a volume (SP in the root "." record), the
 * extension it announces (ER), and a record's entries with continuation areas (CE) followed.
 */
import {
  type ContinuationArea,
  decodeCeEntry,
  decodeErEntry,
  decodeSpEntry,
  decodeSuspEntries,
  type SuspEntry,
} from '../codec/iso9660/susp.js';
import { SECTOR_SIZE } from '../codec/iso9660/volume-descriptor.js';
import type { TreeBudget } from './tree-budget.js';

/** RRIP 1.09/1.10 and 1.12 ER identifiers. */
const ROCK_RIDGE_IDENTIFIERS = new Set(['RRIP_1991A', 'IEEE_P1282', 'IEEE_1282']);
/** A CE chain longer than this is a loop in a damaged image, not real data. */
const MAX_CONTINUATIONS = 32;

/**
 * What the System Use fields of one image share: continuation areas decoded once (many records
 * may point into the same area, a crafted image makes all of them do so), and the read's budget,
 * charged for every entry a record yields.
 */
export interface SuspReader {
  readonly image: Uint8Array;
  readonly areas: Map<string, readonly SuspEntry[]>;
  readonly budget: TreeBudget;
}

export function createSuspReader(image: Uint8Array, budget: TreeBudget): SuspReader {
  return { image, areas: new Map(), budget };
}

function decodeArea(reader: SuspReader, area: ContinuationArea): readonly SuspEntry[] | undefined {
  const start = area.block * SECTOR_SIZE + area.offset;
  if (start + area.length > reader.image.length) return undefined;
  const key = `${start}:${area.length}`;
  let entries = reader.areas.get(key);
  if (entries === undefined) {
    entries = decodeSuspEntries(reader.image.subarray(start, start + area.length));
    reader.areas.set(key, entries);
  }
  return entries;
}

/** SUSP entries of one record's System Use field, continuation areas included (each at most once). */
export function collectSuspEntries(reader: SuspReader, systemUse: Uint8Array, skip: number): SuspEntry[] {
  const entries: SuspEntry[] = [];
  const seen = new Set<string>();
  let found: readonly SuspEntry[] | undefined = decodeSuspEntries(systemUse.subarray(skip));
  for (let hops = 0; found !== undefined && hops <= MAX_CONTINUATIONS; hops++) {
    reader.budget.spendMetadata('SUSP entries', found.length);
    for (const entry of found) entries.push(entry);
    const continuation: ContinuationArea | undefined = found.map(decodeCeEntry).find((ce) => ce !== undefined);
    const key: string | undefined = continuation && `${continuation.block}:${continuation.offset}:${continuation.length}`;
    // A chain back to an area it went through already is a loop: those entries are in already.
    found = continuation && key && !seen.has(key) ? decodeArea(reader, continuation) : undefined;
    if (key) seen.add(key);
  }
  return entries;
}

export interface SuspUsage {
  /** LEN_SKP from the SP entry: bytes to skip at the start of every System Use field. */
  readonly skip: number;
  readonly rockRidge: boolean;
}

/**
 * SUSP 5.3: SUSP is in use when the root's "." record starts its System Use field with SP.
 * Rock Ridge is in use when an ER entry names it, or (old mkisofs wrote no ER) PX is there.
 */
export function detectSusp(reader: SuspReader, rootSelfSystemUse: Uint8Array): SuspUsage | undefined {
  const first = decodeSuspEntries(rootSelfSystemUse)[0];
  const sp = first && decodeSpEntry(first);
  if (!sp) return undefined;
  const entries = collectSuspEntries(reader, rootSelfSystemUse, 0);
  const announced = entries
    .map(decodeErEntry)
    .some((reference) => reference !== undefined && ROCK_RIDGE_IDENTIFIERS.has(reference.identifier));
  return { skip: sp.skip, rockRidge: announced || entries.some((entry) => entry.signature === 'PX') };
}
