/** bench/results.json -> BENCHMARKS.md: the measured numbers, the targets as ratios, the exact command lines. */
import type { BatchResult } from './batch.js';
import type { Environment } from './environment.js';
import type { LargePayloadResult } from './large-payload.js';
import type { LatencyResult } from './latency.js';
import { buildVsNodeRatio, type SingleImageResult } from './single-image.js';

export interface BenchResults {
  readonly environment: Environment;
  readonly singleImage: SingleImageResult;
  readonly batch: BatchResult;
  /** Only from a BENCH_LARGE=1 run; kept (with its date) by later runs. */
  readonly batchLarge?: BatchResult & { readonly date: string };
  readonly latency: LatencyResult;
  readonly largePayload: LargePayloadResult;
}

const KIB = 1024;
const fixed = (value: number, digits = 1): string => value.toFixed(digits);
const code = (text: string): string => `\`${text.replaceAll('|', '\\|')}\``;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
}

function rateOf(batch: BatchResult, label: string): number | undefined {
  return batch.timings.find((timing) => timing.label === label)?.imagesPerSecond;
}

/** cloudseed batch's images/s over the genisoimage loop's. */
function batchRatio(batch: BatchResult): number {
  return rateOf(batch, 'cloudseed batch')! / rateOf(batch, 'genisoimage loop')!;
}

function describeTargets(results: BenchResults): string[] {
  const { singleImage, batch, batchLarge, latency, largePayload } = results;
  const size = (label: string): number => singleImage.sizes.find((entry) => entry.label === label)!.bytes;
  const [native, xorriso, synced] = largePayload.timings;
  const rssLimit = largePayload.payloadMiB + 64;
  // From the timings, so results written before the ratio was recorded report it too.
  const buildRatio = buildVsNodeRatio(singleImage.timings);
  const met = (ok: boolean): string => (ok ? 'met' : '**not met**');
  const rows: string[][] = [
    ['batch vs genisoimage loop, 1,000 specs', '>= 20x', `${fixed(batchRatio(batch))}x`, met(batchRatio(batch) >= 20)],
    batchLarge
      ? ['batch vs genisoimage loop, 10,000 specs', '>= 40x', `${fixed(batchRatio(batchLarge))}x (${batchLarge.date.slice(0, 10)})`, met(batchRatio(batchLarge) >= 40)]
      : ['batch vs genisoimage loop, 10,000 specs', '>= 40x', 'not run (BENCH_LARGE=1)', '-'],
    ['in-process buildSeed p50', '< 100 µs', `${fixed(latency.p50Us)} µs`, met(latency.p50Us < 100)],
    ['CLI start-up over `node -e 0`', '<= 25 ms', `${fixed(singleImage.startupOverheadMs)} ms`, met(singleImage.startupOverheadMs <= 25)],
    ['single build vs `node -e 0`', '<= 1.35x', `${fixed(buildRatio, 2)}x`, met(buildRatio <= 1.35)],
    ['iso9660 image, typical seed', '<= 64 KiB', `${fixed(size('cloudseed build (iso9660)') / KIB)} KiB`, met(size('cloudseed build (iso9660)') <= 64 * KIB)],
    ['vfat image, typical seed', '<= 64 KiB', `${fixed(size('cloudseed build --fs vfat') / KIB)} KiB`, met(size('cloudseed build --fs vfat') <= 64 * KIB)],
    [`${largePayload.payloadMiB} MiB payload via \`cloudseed build\`, speed vs xorrisofs + sync (both durable)`, '>= 1x', `${fixed(synced!.seconds / native!.seconds, 2)}x`, met(native!.seconds <= synced!.seconds)],
    [`${largePayload.payloadMiB} MiB payload via \`cloudseed build\`, speed vs xorrisofs (it does not sync)`, '>= 1x', `${fixed(xorriso!.seconds / native!.seconds, 2)}x`, met(native!.seconds <= xorriso!.seconds)],
    [`${largePayload.payloadMiB} MiB payload via \`cloudseed build\`, peak RSS`, `<= ${rssLimit} MiB`, `${fixed(native!.peakRssMiB)} MiB`, met(native!.peakRssMiB <= rssLimit)],
  ];
  return table(['target', 'wanted', 'measured', ''], rows);
}

function describeSingleImage({ singleImage }: BenchResults): string[] {
  const ours = singleImage.timings.find((timing) => timing.id === 'cloudseed-iso')!.medianMs;
  return [
    `Whole process, one typical seed, median of ${singleImage.timings[0]!.runs} runs each (round-robin, after one warm-up run).`,
    `cloudseed's start-up overhead over \`node -e 0\`: **${fixed(singleImage.startupOverheadMs)} ms** (\`--version\`);`,
    `a whole \`cloudseed build\` costs ${fixed(singleImage.buildOverheadMs)} ms over bare node,`,
    `${fixed(buildVsNodeRatio(singleImage.timings), 2)}x its median (both in every round).`,
    ...(singleImage.extraCaCerts
      ? ['NODE_EXTRA_CA_CERTS was set: every Node process, bare node included, parsed those certificates at start-up.']
      : []),
    '',
    ...table(
      ['case', 'median ms', 'min ms', 'max ms', 'vs cloudseed build'],
      singleImage.timings.map((t) => [t.label, fixed(t.medianMs), fixed(t.minMs), fixed(t.maxMs), `${fixed(t.medianMs / ours, 2)}x`]),
    ),
    '',
    'Commands:',
    '',
    ...singleImage.timings.map((t) => `- ${t.label}: ${t.commands.map(code).join(' then ')}`),
  ];
}

function describeBatch(batch: BatchResult, title: string): string[] {
  const ours = rateOf(batch, 'cloudseed batch')!;
  return [
    title,
    '',
    ...table(
      ['case', 'images', 'runs', 'seconds (median)', 'images/s', 'cloudseed batch vs this'],
      batch.timings.map((t) => [t.label, String(t.images), String(t.runs), fixed(t.seconds, 2), fixed(t.imagesPerSecond), `${fixed(ours / t.imagesPerSecond)}x`]),
    ),
    '',
    'Commands:',
    '',
    ...batch.timings.map((t) => `- ${t.label}: ${code(t.command)}`),
  ];
}

function describeLargePayload({ largePayload }: BenchResults): string[] {
  return [
    `${largePayload.files} files of random bytes, ${largePayload.payloadMiB} MiB in all, injected by a configdrive spec (\`files:\` with \`source:\`) and built by the CLI, which streams them into the image; xorrisofs packs the same folder. Wall time and peak RSS from GNU time, median of ${largePayload.timings[0]!.runs} runs. The targets are read on the first case (the default, derived instance-id).`,
    '',
    ...table(
      ['case', 'seconds', 'MiB/s', 'peak RSS MiB'],
      largePayload.timings.map((t) => [t.label, fixed(t.seconds, 2), fixed(t.mibPerSecond), fixed(t.peakRssMiB)]),
    ),
    '',
    'Commands:',
    '',
    ...largePayload.timings.map((t) => `- ${t.label}: ${code(t.command)}`),
  ];
}

/** One run of bench/serve.ts (bench/serve-results.json holds every run, newest last). */
export interface ServeRun {
  readonly vms: number;
  readonly seconds: number;
  readonly connections: number;
  readonly date: string;
  readonly load_average_at_start?: number;
  readonly results: readonly { server: string; requests: number; errors: number; requestsPerSecond: number; p50Ms: number; p99Ms: number; maxMs: number }[];
}

/** The metadata-service goal: at least half of nginx's requests/s, p99 under 5 ms, at 1,000 VMs. */
function describeServe(runs: readonly ServeRun[]): string[] {
  const verdict = (met: boolean): string => (met ? 'met' : '**not met**');
  const rows = runs.flatMap((run) => {
    const nginx = run.results.find((r) => r.server.startsWith('nginx'));
    return run.results.map((r) => [
      run.date.slice(0, 16),
      run.load_average_at_start === undefined ? '' : String(run.load_average_at_start),
      r.server,
      String(r.requestsPerSecond),
      nginx ? `${fixed(r.requestsPerSecond / nginx.requestsPerSecond, 2)}x` : '',
      fixed(r.p50Ms, 2),
      fixed(r.p99Ms, 2),
      String(r.errors),
    ]);
  });
  const last = runs.at(-1);
  const serve = last?.results.find((r) => r.server === 'cloudseed serve');
  const nginx = last?.results.find((r) => r.server.startsWith('nginx'));
  const goal =
    serve && nginx
      ? [
          '',
          `Goal (newest run): requests/s >= 0.5x nginx: ${fixed(serve.requestsPerSecond / nginx.requestsPerSecond, 2)}x, ${verdict(serve.requestsPerSecond >= nginx.requestsPerSecond / 2)};`,
          `p99 < 5 ms: ${fixed(serve.p99Ms, 2)} ms, ${verdict(serve.p99Ms < 5)}.`,
        ]
      : [];
  return [
    '`node --import tsx bench/serve.ts --out bench/serve-results.json` (tools: scripts/ensure-serve-bench-tools.sh):',
    `${last?.vms ?? 0} VMs' NoCloud trees served by \`cloudseed serve\` (the built CLI), nginx (one worker) and`,
    '`python3 -m http.server` from the same pre-rendered files, one after the other in one run, each loaded by wrk',
    `(one thread, ${last?.connections ?? 0} keep-alive connections, ${last?.seconds ?? 0} s, every request a random VM and file) on loopback.`,
    'The load average is that of the machine when the run started (2 CPUs): a busy machine inflates p99 for every server.',
    '',
    ...table(['run', 'load', 'server', 'req/s', 'vs nginx', 'p50 ms', 'p99 ms', 'errors'], rows),
    ...goal,
  ];
}

export function renderReport(results: BenchResults, notes: string, serveRuns: readonly ServeRun[] = []): string {
  const { environment, latency, singleImage } = results;
  const lines = [
    '# Benchmarks',
    '',
    'Generated by `npm run bench` (bench/run.ts) from bench/results.json; do not edit by hand except bench/notes.md,',
    'which is appended. It measures the built package: `node dist/cli/main.js` (what `npx cloudseed` runs) and',
    'dist/index.js, never the TypeScript sources. The reference tools are installed by scripts/ensure-bench-tools.sh.',
    '',
    `Measured ${environment.date} on ${environment.host ?? 'an unnamed host'}: ${environment.cpus} CPUs (${environment.cpuModel}), ${environment.memoryGiB} GiB, Node ${environment.node}; commit ${environment.commit ?? 'not recorded'}.`,
    `Tools: ${Object.entries(environment.tools).map(([tool, version]) => `${tool} ${version}`).join(', ')}.`,
    '',
    'Every seed is a typical one: hostname, an SSH key, a pre-hashed password (so SHA-512 crypt is not what is',
    'measured), a static address with a default route and a nameserver, one write_files entry (bench/specs.ts).',
    '',
    '## Targets',
    '',
    ...describeTargets(results),
    '',
    '## Single image',
    '',
    ...describeSingleImage(results),
    '',
    '## Batch',
    '',
    ...describeBatch(results.batch, `${results.batch.specs} distinct specs. The loops get the seeds already rendered and staged (one folder per seed), so they pay no spec parsing; cloudseed batch reads and validates every spec. Slow tools loop over the first 100 or 250 seeds; images/s is compared.`),
    ...(results.batchLarge ? ['', ...describeBatch(results.batchLarge, `${results.batchLarge.specs} specs (BENCH_LARGE=1, measured ${results.batchLarge.date}).`)] : []),
    '',
    '## In-process buildSeed',
    '',
    `\`buildSeed(spec)\` from dist/index.js, ${latency.samples} distinct specs after ${latency.warmup} warm-up calls (bench/latency-probe.ts),`,
    `the best of ${latency.rounds ?? 1} processes by p50:`,
    `p50 **${fixed(latency.p50Us)} µs**, p99 ${fixed(latency.p99Us)} µs, mean ${fixed(latency.meanUs)} µs.`,
    '',
    '## Image sizes',
    '',
    ...table(['image', 'bytes', 'KiB'], singleImage.sizes.map((s) => [s.label, String(s.bytes), fixed(s.bytes / KIB)])),
    '',
    '## Large payload',
    '',
    ...describeLargePayload(results),
    '',
    ...(serveRuns.length > 0 ? ['## Metadata service (`cloudseed serve`)', '', ...describeServe(serveRuns), ''] : []),
    notes.trim(),
    '',
  ];
  return lines.join('\n');
}
