/**
 * Rock Ridge as a reader meets it: finding SUSP on a volume (SP in the root "." record), the
 * extension it announces (ER), and a record's entries with continuation areas (CE) followed.
 */
import {
  decodeCeEntry,
  decodeErEntry,
  decodeSpEntry,
  decodeSuspEntries,
  type SuspEntry,
} from '../codec/iso9660/susp.js';
import { SECTOR_SIZE } from '../codec/iso9660/volume-descriptor.js';

/** RRIP 1.09/1.10 and 1.12 ER identifiers. */
const ROCK_RIDGE_IDENTIFIERS = new Set(['RRIP_1991A', 'IEEE_P1282', 'IEEE_1282']);
/** A CE chain longer than this is a loop in a damaged image, not real data. */
const MAX_CONTINUATIONS = 32;

/** SUSP entries of one record's System Use field, continuation areas included. */
export function collectSuspEntries(image: Uint8Array, systemUse: Uint8Array, skip: number): SuspEntry[] {
  const entries: SuspEntry[] = [];
  let area: Uint8Array | undefined = systemUse.subarray(skip);
  for (let hops = 0; area && hops <= MAX_CONTINUATIONS; hops++) {
    const found = decodeSuspEntries(area);
    entries.push(...found);
    const continuation = found.map(decodeCeEntry).find((ce) => ce !== undefined);
    const start = continuation ? continuation.block * SECTOR_SIZE + continuation.offset : 0;
    area =
      continuation && start + continuation.length <= image.length
        ? image.subarray(start, start + continuation.length)
        : undefined;
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
export function detectSusp(image: Uint8Array, rootSelfSystemUse: Uint8Array): SuspUsage | undefined {
  const first = decodeSuspEntries(rootSelfSystemUse)[0];
  const sp = first && decodeSpEntry(first);
  if (!sp) return undefined;
  const entries = collectSuspEntries(image, rootSelfSystemUse, 0);
  const announced = entries
    .map(decodeErEntry)
    .some((reference) => reference !== undefined && ROCK_RIDGE_IDENTIFIERS.has(reference.identifier));
  return { skip: sp.skip, rockRidge: announced || entries.some((entry) => entry.signature === 'PX') };
}
