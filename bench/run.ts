/**
 * `npm run bench`: seeds per second of the native writers against the reference tools, measured in
 * the same run on the same trees, reported as ratios (BENCHMARKS.md). Not a test: nothing asserts.
 *
 *   native iso9660   vs  xorrisofs (our xorriso back end) and cloud-localds
 *   native vfat      vs  mkfs.vfat + mcopy (what cloud-localds -f vfat does)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeIsoWithXorriso } from '../src/pack/xorriso.js';
import { writeIso9660 } from '../src/pack/iso9660/index.js';
import { writeVfat } from '../src/pack/vfat/index.js';
import { renderSeed } from '../src/seed.js';
import type { FileTree } from '../src/render/file-tree.js';

const SEEDS = Number(process.env['BENCH_SEEDS'] ?? 100);
const EPOCH = 1577836800;

function specFor(i: number): Record<string, unknown> {
  return {
    hostname: `node${i}`,
    salt_seed: 'benchmark-salt-seed',
    users: [{ name: 'admin', password: `pw-${i}`, sudo: 'ALL=(ALL) NOPASSWD:ALL' }],
    network: { ethernets: { eth0: { addresses: [`10.1.${Math.floor(i / 250)}.${(i % 250) + 2}/16`], routes: [{ to: 'default', via: '10.1.0.1' }] } } },
    runcmd: [`echo ${i}`],
  };
}

async function time(label: string, run: () => Promise<void> | void): Promise<{ label: string; seconds: number }> {
  const start = performance.now();
  await run();
  return { label, seconds: (performance.now() - start) / 1000 };
}

function stage(tree: FileTree, dir: string): void {
  for (const [path, content] of tree) {
    const target = join(dir, ...path.split('/'));
    spawnSync('mkdir', ['-p', join(target, '..')]);
    writeFileSync(target, content);
  }
}

function have(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
}

const work = mkdtempSync(join(tmpdir(), 'cloudseed-bench-'));
try {
  const trees: FileTree[] = [];
  const rendering = await time('render (spec -> file tree)', async () => {
    for (let i = 0; i < SEEDS; i++) trees.push((await renderSeed(specFor(i))).files);
  });
  const results = [rendering];
  results.push(await time('native iso9660', () => trees.forEach((tree) => writeIso9660(tree, { label: 'cidata', epoch: EPOCH }))));
  results.push(await time('xorrisofs', async () => {
    for (const tree of trees) await writeIsoWithXorriso(tree, { label: 'cidata', epoch: EPOCH });
  }));
  if (have('cloud-localds')) {
    results.push(await time('cloud-localds (iso)', () => {
      trees.forEach((tree, i) => {
        const dir = join(work, `ci${i}`);
        stage(tree, dir);
        spawnSync('cloud-localds', [join(dir, 'seed.iso'), join(dir, 'user-data'), join(dir, 'meta-data')]);
      });
    }));
  }
  results.push(await time('native vfat', () => trees.forEach((tree) => writeVfat(tree, { label: 'cidata', epoch: EPOCH }))));
  results.push(await time('mkfs.vfat + mcopy', () => {
    trees.forEach((tree, i) => {
      const dir = join(work, `fat${i}`);
      stage(tree, dir);
      const image = join(dir, 'seed.img');
      spawnSync('mkfs.vfat', ['-C', '-n', 'CIDATA', '--invariant', '-i', '12345678', image, '128']);
      spawnSync('mcopy', ['-oi', image, ...[...tree.keys()].filter((p) => !p.includes('/')).map((p) => join(dir, p)), '::']);
    });
  }));
  const byLabel = new Map(results.map((r) => [r.label, r.seconds]));
  const ratio = (a: string, b: string): string =>
    byLabel.has(a) && byLabel.has(b) ? `${(byLabel.get(b)! / byLabel.get(a)!).toFixed(1)}x` : 'n/a';
  const lines = [
    `| step (${SEEDS} seeds) | seconds | seeds/s |`,
    '|---|---:|---:|',
    ...results.map((r) => `| ${r.label} | ${r.seconds.toFixed(3)} | ${(SEEDS / r.seconds).toFixed(0)} |`),
    '',
    `- native iso9660 vs xorrisofs: ${ratio('native iso9660', 'xorrisofs')} faster`,
    `- native iso9660 vs cloud-localds: ${ratio('native iso9660', 'cloud-localds (iso)')} faster`,
    `- native vfat vs mkfs.vfat + mcopy: ${ratio('native vfat', 'mkfs.vfat + mcopy')} faster`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
