/**
 * A large payload on the user's path: a folder of `files` x `fileMiB` MiB of random bytes, which a
 * configdrive spec injects with `files: [{source: ...}]`, built by `cloudseed build spec.yaml -o
 * FILE` (the built CLI, which streams the files into the image) and packed by xorrisofs; wall time
 * and peak RSS from GNU time, median of `runs`; xorrisofs both as it is and followed by a sync of
 * its image, since our atomic write syncs. The spec's instance-id is derived from the content by
 * default, which hashes the payload as it is written: a second cloudseed case gives `instance_id`
 * to show what that hashing costs.
 */
import { spawnSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCommand, measureWithGnuTime, portableCommand, type Argv } from './commands.js';
import { cliArgv } from './environment.js';
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

/** A configdrive spec beside the folder injecting each of its files (paths relative to the spec). */
function writePayloadSpec(spec: string, files: number, instanceId?: string): void {
  const entries = Array.from({ length: files }, (_, index) => `  - {path: /srv/payload/blob-${index}.bin, source: ./payload/blob-${index}.bin}`);
  const id = instanceId === undefined ? [] : [`instance_id: ${instanceId}`];
  writeFileSync(spec, [`hostname: payload`, 'datasource: configdrive', ...id, 'files:', ...entries, ''].join('\n'));
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
  const ours = join(work, 'out.iso');
  const theirs = join(work, 'xorrisofs.iso');
  const spec = join(work, 'spec.yaml');
  const givenId = join(work, 'spec-instance-id.yaml');
  writePayloadSpec(spec, options.files);
  writePayloadSpec(givenId, options.files, 'i-payload');
  const timings = [
    measure('cloudseed build spec.yaml -o out.iso (configdrive files:, derived instance-id)', [...cliArgv(), 'build', spec, '-o', ours], ours, options.runs, payloadMiB, work),
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
    measure('cloudseed build, instance_id given (no id to hash)', [...cliArgv(), 'build', givenId, '-o', ours], ours, options.runs, payloadMiB, work),
  ];
  rmSync(folder, { recursive: true, force: true });
  return { payloadMiB, files: options.files, timings };
}
