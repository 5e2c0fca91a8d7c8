/**
 * One seed, whole process: `cloudseed build` against each reference tool on the same input, and
 * cloudseed's start-up overhead over bare `node -e 0`. Also records every image's size.
 *
 * `node -e 0` and `cloudseed build` run one after the other in every round (paired runs), so the
 * ratio of their medians compares them under the same machine load.
 */
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { portableCommand, timeProcesses, type ProcessCase, type ProcessTiming } from './commands.js';
import { cliArgv } from './environment.js';
import { clearOutput, outputFor, REFERENCE_TOOLS } from './reference-tools.js';
import { loadLibrary, stageSeed } from './seed-files.js';
import { makeSpec } from './specs.js';
import { round } from './stats.js';

export interface ImageSize {
  readonly label: string;
  readonly bytes: number;
}

export interface SingleImageResult {
  readonly timings: readonly ProcessTiming[];
  /** Median `cloudseed --version` minus median `node -e 0`. */
  readonly startupOverheadMs: number;
  /** Median `cloudseed build` (iso9660) minus median `node -e 0`. */
  readonly buildOverheadMs: number;
  /** Median `cloudseed build` (iso9660) over median `node -e 0`, from the same rounds. */
  readonly buildVsNodeRatio: number;
  /**
   * NODE_EXTRA_CA_CERTS was set: every Node process, bare node included, then parses those
   * certificates at start-up, which makes `node -e 0` slower and the ratio above smaller.
   */
  readonly extraCaCerts: boolean;
  readonly sizes: readonly ImageSize[];
}

/** Median `cloudseed build` (iso9660) over median `node -e 0`. */
export function buildVsNodeRatio(timings: readonly ProcessTiming[]): number {
  const medianOf = (id: string): number => timings.find((timing) => timing.id === id)!.medianMs;
  return Math.round((medianOf('cloudseed-iso') / medianOf('node')) * 1000) / 1000;
}

export async function benchSingleImage(work: string, runs: number): Promise<SingleImageResult> {
  const cli = cliArgv();
  const specFile = join(work, 'spec.json');
  writeFileSync(specFile, JSON.stringify(makeSpec(0)));
  const seed = await stageSeed(await loadLibrary(), 0, join(work, 'staged'));
  const ours = { iso: join(work, 'cloudseed.iso'), img: join(work, 'cloudseed.img') };

  const cases: ProcessCase[] = [
    { id: 'node', label: 'node -e 0 (bare node)', steps: [[process.execPath, '-e', '0']] },
    { id: 'version', label: 'cloudseed --version', steps: [[...cli, '--version']] },
    { id: 'cloudseed-iso', label: 'cloudseed build (iso9660)', steps: [[...cli, 'build', specFile, '-o', ours.iso, '--force']] },
    { id: 'cloudseed-vfat', label: 'cloudseed build --fs vfat', steps: [[...cli, 'build', specFile, '--fs', 'vfat', '-o', ours.img, '--force']] },
    ...REFERENCE_TOOLS.map((tool) => {
      const output = outputFor(tool, work, tool.id);
      return {
        id: tool.id,
        label: tool.label,
        prepare: tool.clearsOutput ? () => clearOutput(output) : undefined,
        steps: tool.steps(seed, output),
      };
    }),
  ];
  const timings = timeProcesses(cases, runs);
  const medianOf = (id: string): number => timings.find((timing) => timing.id === id)!.medianMs;
  const sizes: ImageSize[] = [
    { label: 'cloudseed build (iso9660)', bytes: statSync(ours.iso).size },
    { label: 'cloudseed build --fs vfat', bytes: statSync(ours.img).size },
    ...REFERENCE_TOOLS.map((tool) => ({ label: tool.label, bytes: statSync(outputFor(tool, work, tool.id)).size })),
  ];
  return {
    timings: timings.map((timing) => ({ ...timing, commands: timing.commands.map((command) => portableCommand(command, work)) })),
    startupOverheadMs: round(medianOf('version') - medianOf('node')),
    buildOverheadMs: round(medianOf('cloudseed-iso') - medianOf('node')),
    buildVsNodeRatio: buildVsNodeRatio(timings),
    extraCaCerts: (process.env['NODE_EXTRA_CA_CERTS'] ?? '') !== '',
    sizes,
  };
}
