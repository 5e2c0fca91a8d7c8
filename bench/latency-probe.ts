/**
 * In-process `buildSeed` latency on the built library (dist/index.js): warm up, then time each
 * call on a distinct spec. Prints {samples, p50Us, p99Us, meanUs} as JSON. Run by latency.ts in a
 * process of its own, so the other scenarios' garbage does not land on it.
 */
import { pathToFileURL } from 'node:url';
import { LIBRARY } from './environment.js';
import { makeSpec } from './specs.js';
import { percentile } from './stats.js';

interface Library {
  buildSeed(spec: unknown): Promise<unknown>;
}

const [samples, warmup] = process.argv.slice(2).map(Number) as [number, number];
const { buildSeed } = (await import(pathToFileURL(LIBRARY).href)) as Library;
const specs = Array.from({ length: samples }, (_, index) => makeSpec(index));
for (let index = 0; index < warmup; index++) await buildSeed(specs[index % samples]);
const micros: number[] = [];
for (const spec of specs) {
  const start = process.hrtime.bigint();
  await buildSeed(spec);
  micros.push(Number(process.hrtime.bigint() - start) / 1000);
}
const mean = micros.reduce((sum, value) => sum + value, 0) / samples;
process.stdout.write(JSON.stringify({ samples, p50Us: percentile(micros, 50), p99Us: percentile(micros, 99), meanUs: mean }));
