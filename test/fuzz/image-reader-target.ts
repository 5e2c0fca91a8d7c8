/**
 * The image reader's fuzz target: seed images built by buildSeed (iso9660 and vfat) with their
 * metadata mutated (random bytes, random 32-bit numbers where extents, lengths and clusters
 * live, a self-referencing SUSP continuation entry), read by readSeed. A case passes when the
 * reader answers with a report or an IoError within CASE_MS. Memory is bounded by the caller:
 * runImageCases runs this file as a child under /usr/bin/time and bounds its peak RSS.
 *
 *     node --import tsx test/fuzz/image-reader-target.ts FIRST_SEED COUNT   (prints a JSON summary)
 */
import { spawnSync } from 'node:child_process';
import { IoError } from '../../src/errors.js';
import { encodeCeEntry } from '../../src/codec/iso9660/susp.js';
import { readSeed } from '../../src/read/seed.js';
import { buildSeed } from '../../src/seed.js';
import { seededRandom } from '../helpers/random-tree.js';

/** One read of a seed-sized image takes milliseconds; a bomb that gets through takes seconds or more. */
const CASE_MS = 2000;
/** The whole child: Node with a few small images, far below what an unbounded copy asks for. */
const RSS_BOUND_KIB = 512 * 1024;
/** The part of a seed image that is metadata (descriptors, folders, FATs), where mutations go. */
const METADATA_BYTES = 64 * 1024;
const SPEC = {
  hostname: 'fuzz',
  users: [{ name: 'ops', ssh_authorized_keys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ops@fuzz'] }],
  write_files: [{ path: '/etc/motd', content: 'hello\n' }],
};

export interface ImageCasesReport {
  readonly counts: Readonly<Record<string, number>>;
  readonly failures: readonly string[];
}

function mutate(base: Uint8Array, seed: number): Uint8Array {
  const random = seededRandom(seed);
  const image = base.slice();
  const view = new DataView(image.buffer);
  const span = Math.min(METADATA_BYTES, image.length);
  const at = (room: number): number => Math.floor(random() * (span - room));
  const kind = Math.floor(random() * 3);
  const count = 1 + Math.floor(random() * 16);
  for (let i = 0; i < count; i++) {
    if (kind === 0) image[at(1)] = Math.floor(random() * 256);
    else if (kind === 1) view.setUint32(at(4), Math.floor(random() * 2 ** 32), random() < 0.5);
    else {
      const offset = at(28);
      const block = Math.floor(offset / 2048);
      image.set(encodeCeEntry({ block, offset: offset % 2048, length: 28 + Math.floor(random() * 4096) }), offset);
    }
  }
  return image;
}

export async function runImageCasesInProcess(firstSeed: number, count: number): Promise<ImageCasesReport> {
  const bases = {
    iso9660: (await buildSeed(SPEC, { saltSeed: 'fuzz-image-reader', epoch: 0 })).image,
    vfat: (await buildSeed({ ...SPEC, filesystem: 'vfat' }, { saltSeed: 'fuzz-image-reader', epoch: 0 })).image,
  };
  const counts: Record<string, number> = {};
  const failures: string[] = [];
  for (let i = 0; i < count; i++) {
    const seed = firstSeed + i;
    for (const [filesystem, base] of Object.entries(bases)) {
      const image = mutate(base, seed);
      const started = Date.now();
      let outcome = 'read';
      try {
        readSeed(image);
      } catch (error) {
        if (!(error instanceof IoError)) failures.push(`${filesystem} image seed ${seed}: ${String(error)}`);
        outcome = 'refused';
      }
      const took = Date.now() - started;
      if (took > CASE_MS) failures.push(`${filesystem} image seed ${seed}: read took ${took} ms (bound ${CASE_MS})`);
      counts[`${filesystem}-image:${outcome}`] = (counts[`${filesystem}-image:${outcome}`] ?? 0) + 1;
    }
  }
  return { counts, failures };
}

/** Runs the cases in a child under /usr/bin/time; its peak RSS and its exit are checked too. */
export function runImageCases(firstSeed: number, count: number): ImageCasesReport {
  const child = spawnSync(
    '/usr/bin/time',
    ['-f', 'max-rss-kib %M', process.execPath, '--import', 'tsx', import.meta.filename, String(firstSeed), String(count)],
    { encoding: 'utf8', timeout: (count * 2 + 60) * CASE_MS, maxBuffer: 64 * 1024 * 1024 },
  );
  const rss = Number(/max-rss-kib (\d+)\s*$/.exec(child.stderr ?? '')?.[1] ?? Number.NaN);
  const replay = `image seeds ${firstSeed}..${firstSeed + count - 1}`;
  if (child.status !== 0) return { counts: {}, failures: [`${replay}: the reader child ended with ${child.status ?? child.signal}: ${child.stderr}`] };
  const report = JSON.parse(child.stdout) as ImageCasesReport;
  const overRss = !(rss < RSS_BOUND_KIB) ? [`${replay}: peak RSS ${rss} KiB (bound ${RSS_BOUND_KIB})`] : [];
  return { counts: report.counts, failures: [...report.failures, ...overRss] };
}

if (process.argv[1] === import.meta.filename) {
  const [first, count] = process.argv.slice(2).map(Number) as [number, number];
  process.stdout.write(`${JSON.stringify(await runImageCasesInProcess(first, count))}\n`);
}
