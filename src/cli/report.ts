/** What commands print. Human text and JSON never contain passwords: they come from the model, not the spec. */
import type { BuiltSeed, RenderedSeed, SeedOptions } from '../seed.js';
import type { SpecFlagOptions } from './spec-input.js';

export interface CommonOptions {
  datasource?: 'nocloud' | 'configdrive' | 'ovirt';
  instanceId?: string;
  cloudInitVersion?: string;
  networkConfigVersion?: '1' | '2';
  saltSeed?: string;
  debug?: boolean;
}

export function seedOptionsFrom(options: CommonOptions & SpecFlagOptions): SeedOptions {
  return {
    datasource: options.datasource,
    instanceId: options.instanceId,
    cloudInitVersion: options.cloudInitVersion,
    networkConfigVersion: options.networkConfigVersion === undefined ? undefined : (Number(options.networkConfigVersion) as 1 | 2),
    saltSeed: options.saltSeed,
  };
}

function summary(seed: RenderedSeed): Record<string, unknown> {
  return {
    datasource: seed.model.datasource,
    instance_id: seed.instanceId,
    instance_id_derived: seed.instanceIdDerived,
    warnings: seed.warnings,
    files: [...seed.files].map(([path, content]) => ({ path, size: content.length })),
  };
}

/** Where messages go: stderr when the image itself goes to stdout. */
function messageStream(output: string): NodeJS.WriteStream {
  return output === '-' ? process.stderr : process.stdout;
}

/** Warnings always go to stderr, so they are seen even with --json or -o -. */
function reportWarnings(seed: RenderedSeed): void {
  for (const warning of seed.warnings) process.stderr.write(`cloudseed: warning: ${warning}\n`);
}

export function reportBuilt(seed: BuiltSeed, output: string, json: boolean): void {
  reportWarnings(seed);
  const stream = messageStream(output);
  const { filesystem, writer, label } = seed.model.image;
  if (json) {
    stream.write(`${JSON.stringify({ output, filesystem, writer, label, size: seed.image.length, ...summary(seed) }, null, 2)}\n`);
    return;
  }
  const where = output === '-' ? 'stdout' : output;
  stream.write(`wrote ${where}: ${seed.model.datasource} seed, ${filesystem} (${writer}), label ${label}, ${seed.image.length} bytes\n`);
  stream.write(`instance-id: ${seed.instanceId}${seed.instanceIdDerived ? ' (derived from the content: it changes when the configuration does)' : ''}\n`);
}

export function reportRendered(seed: RenderedSeed, dir: string, json: boolean): void {
  reportWarnings(seed);
  if (json) {
    process.stdout.write(`${JSON.stringify({ out_dir: dir, ...summary(seed) }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`wrote ${seed.files.size} files to ${dir}\n`);
  for (const [path, content] of seed.files) process.stdout.write(`  ${path} (${content.length} bytes)\n`);
  process.stdout.write(`instance-id: ${seed.instanceId}${seed.instanceIdDerived ? ' (derived from the content)' : ''}\n`);
}
