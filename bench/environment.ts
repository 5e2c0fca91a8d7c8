/** What the numbers were measured with: machine, Node, the built CLI, the reference tools' versions. */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, hostname, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The built CLI exactly as `npx cloudseed` runs it: package.json's bin entry under plain node. */
export function cliArgv(): string[] {
  const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  return [process.execPath, join(REPO, manifest.bin['cloudseed']!)];
}

/** The built library (dist/index.js), for the in-process probes. */
export const LIBRARY = join(REPO, 'dist', 'index.js');

function firstLine(argv: readonly string[]): string {
  const result = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8' });
  return `${result.stdout}${result.stderr}`.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'unknown';
}

function debianVersion(pkg: string): string {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax, not a template
  return firstLine(['dpkg-query', '-W', '-f', '${Version}', pkg]);
}

/** The commit measured, with "+ uncommitted changes" when the work tree differs from it. */
function describeCommit(): string {
  const head = spawnSync('git', ['-C', REPO, 'rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8' });
  if (head.status !== 0) return 'unknown (not a git checkout)';
  const dirty = spawnSync('git', ['-C', REPO, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).stdout.trim() !== '';
  return `${head.stdout.trim()}${dirty ? ' + uncommitted changes' : ''}`;
}

export interface Environment {
  readonly date: string;
  /** Absent from results written before it was recorded. */
  readonly commit?: string;
  readonly host?: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly tools: Readonly<Record<string, string>>;
}

export function describeEnvironment(): Environment {
  return {
    date: new Date().toISOString(),
    commit: describeCommit(),
    host: hostname(),
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    tools: {
      'cloud-localds (cloud-image-utils)': debianVersion('cloud-image-utils'),
      genisoimage: debianVersion('genisoimage'),
      'xorrisofs (xorriso)': debianVersion('xorriso'),
      'mkfs.vfat (dosfstools)': debianVersion('dosfstools'),
      'mcopy (mtools)': debianVersion('mtools'),
    },
  };
}
