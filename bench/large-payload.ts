/**
 * A large payload: a folder of `files` x `fileMiB` MiB of random bytes packed by the native
 * iso9660 writer (the built package's encodeIso9660Chunks, streamed to the file) and by xorrisofs; wall time and peak RSS from GNU
 * time, median of `runs`; xorrisofs both as it is and followed by a sync of its image, since our
 * atomic write syncs. A spec cannot carry this much (resolve-sources caps referenced files
 * at 16 MiB each, 64 MiB together), so the writer is driven directly on the same folder.
 */
import { spawnSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCommand, measureWithGnuTime, portableCommand, type Argv } from './commands.js';
import { REPO } from './environment.js';
import { median, round } from './stats.js';

export interface PayloadTiming {
  readonly label: string;
  readonly command: string;
  readonly runs: number;
  readonly seconds: number;
  readonly mibPerSecond: number;
  readonly peakRssMiB: number;
}

export interface LargePayloadResult {
  readonly payloadMiB: number;
  readonly files: number;
  readonly timings: readonly PayloadTiming[];
}

function writeRandomFolder(folder: string, files: number, fileMiB: number): void {
  mkdirSync(folder, { recursive: true });
  const chunk = new Uint8Array(fileMiB * 2 ** 20);
  for (let index = 0; index < files; index++) writeFileSync(join(folder, `blob-${index}.bin`), randomFillSync(chunk));
}

function measure(label: string, argv: Argv, output: string, runs: number, payloadMiB: number, work: string): PayloadTiming {
  const samples = Array.from({ length: runs }, () => {
    rmSync(output, { force: true });
    // Each run starts with no dirty pages from the previous one: 256 MiB of writeback otherwise
    // lands on whichever case runs next (seen: xorrisofs 0.10 s in one run, 0.90 s in another).
    spawnSync('sync');
    return measureWithGnuTime(argv);
  });
  const seconds = median(samples.map((sample) => sample.seconds));
  return {
    label,
    command: portableCommand(formatCommand(argv), work),
    runs,
    seconds: round(seconds, 2),
    mibPerSecond: round(payloadMiB / seconds, 1),
    peakRssMiB: round(Math.max(...samples.map((sample) => sample.peakRssKiB)) / 1024, 1),
  };
}

export function benchLargePayload(work: string, options: { files: number; fileMiB: number; runs: number }): LargePayloadResult {
  const folder = join(work, 'payload');
  writeRandomFolder(folder, options.files, options.fileMiB);
  const payloadMiB = options.files * options.fileMiB;
  const ours = join(work, 'native.iso');
  const theirs = join(work, 'xorrisofs.iso');
  const probe = join(REPO, 'bench', 'large-payload-probe.mjs');
  const timings = [
    measure('native iso9660 writer (encodeIso9660Chunks + writeFileAtomic)', [process.execPath, probe, join(REPO, 'dist'), folder, ours], ours, options.runs, payloadMiB, work),
    measure('xorrisofs', ['xorrisofs', '-quiet', '-o', theirs, '-V', 'cidata', '-J', '-R', folder], theirs, options.runs, payloadMiB, work),
    // Our atomic write syncs the image before it is renamed into place; xorrisofs leaves it in the
    // page cache. Syncing its image too (coreutils `sync FILE`) compares like with like.
    measure(
      'xorrisofs + sync of its image',
      ['sh', '-c', `xorrisofs -quiet -o "$1" -V cidata -J -R "$2" && sync "$1"`, 'sh', theirs, folder],
      theirs,
      options.runs,
      payloadMiB,
      work,
    ),
  ];
  rmSync(folder, { recursive: true, force: true });
  return { payloadMiB, files: options.files, timings };
}
