/** What commands print. Human text and JSON never contain passwords: they come from the model, not the spec. */
import { resolve } from 'node:path';
import type { DatasourceName } from '../common/choices.js';
import type { ExportedSeed } from '../export/types.js';
import { contentSize, type SeedTree } from '../common/file-tree.js';
import type { RenderedSeed, SeedOptions, StreamedSeed } from '../seed.js';
import type { SpecFlagOptions } from './spec-input.js';
import { configureTerminal, detail, info, paint, result, resultJson, stderr, warn } from './terminal.js';

export interface CommonOptions {
  datasource?: DatasourceName;
  instanceId?: string;
  cloudInitVersion?: string;
  networkConfigVersion?: '1' | '2';
  saltSeed?: string;
  allowPlaceholders?: boolean;
  debug?: boolean;
}

export function seedOptionsFrom(options: CommonOptions & SpecFlagOptions): SeedOptions {
  return {
    datasource: options.datasource,
    instanceId: options.instanceId,
    cloudInitVersion: options.cloudInitVersion,
    networkConfigVersion: options.networkConfigVersion === undefined ? undefined : (Number(options.networkConfigVersion) as 1 | 2),
    saltSeed: options.saltSeed,
    allowPlaceholders: options.allowPlaceholders,
    allowOutsideSources: options.allowOutsideSources,
    // Files named on the command line are the user's own choice, wherever they lie.
    allowedSources: (options.userData ?? []).map((file) => resolve(file)),
  };
}

/** A rendered seed whose injected source files may still be on disk (a streamed build). */
type SeedSummary = Omit<RenderedSeed, 'files'> & { readonly files: SeedTree };

function summary(seed: SeedSummary): Record<string, unknown> {
  return {
    datasource: seed.model.datasource,
    instance_id: seed.instanceId,
    instance_id_derived: seed.instanceIdDerived,
    warnings: seed.warnings,
    files: [...seed.files].map(([path, content]) => ({ path, size: contentSize(content) })),
  };
}

/** Warnings always go to stderr, so they are seen even with --quiet, --json or -o -. */
function reportWarnings(seed: SeedSummary): void {
  for (const text of seed.warnings) warn(text);
}

export function reportBuilt(seed: Omit<StreamedSeed, 'chunks'>, output: string, json: boolean): void {
  reportWarnings(seed);
  // With -o - the image owns stdout: the summary (even --json) goes to stderr.
  configureTerminal({ infoToStderr: output === '-' });
  const { filesystem, writer, label } = seed.model.image;
  if (json) {
    const text = JSON.stringify({ output, filesystem, writer, label, size: seed.size, ...summary(seed) }, null, 2);
    if (output === '-') stderr().write(`${text}\n`);
    else result(text);
    return;
  }
  const where = output === '-' ? 'stdout' : output;
  info(`wrote ${paint('bold', where)}: ${seed.model.datasource} seed, ${filesystem} (${writer}), label ${label}, ${seed.size} bytes`);
  info(`instance-id: ${seed.instanceId}${seed.instanceIdDerived ? ' (derived from the content: it changes when the configuration does)' : ''}`);
  for (const [path, content] of seed.files) detail(`  ${path} (${contentSize(content)} bytes)`);
}

export function reportRendered(seed: RenderedSeed, dir: string, json: boolean): void {
  reportWarnings(seed);
  if (json) {
    resultJson({ out_dir: dir, ...summary(seed) });
    return;
  }
  info(`wrote ${seed.files.size} files to ${paint('bold', dir)}`);
  for (const [path, content] of seed.files) info(`  ${path} (${content.length} bytes)`);
  info(`instance-id: ${seed.instanceId}${seed.instanceIdDerived ? ' (derived from the content)' : ''}`);
}

export function reportExported(exported: ExportedSeed, output: string, json: boolean): void {
  for (const text of exported.warnings) warn(text);
  // With -o - the export owns stdout: the summary (even --json) goes to stderr.
  configureTerminal({ infoToStderr: output === '-' });
  if (json) {
    const text = JSON.stringify(
      {
        target: exported.target,
        output,
        datasource: exported.datasource,
        instance_id: exported.instanceId,
        instance_id_derived: exported.instanceIdDerived,
        warnings: exported.warnings,
        notes: exported.notes,
        files: exported.files.map((file) => ({ name: file.name, size: file.content.length })),
      },
      null,
      2,
    );
    if (output === '-') stderr().write(`${text}\n`);
    else result(text);
    return;
  }
  const where = output === '-' ? 'stdout' : output;
  const count = exported.layout === 'folder' ? ` (${exported.files.length} files)` : '';
  info(`wrote ${paint('bold', where)}${count}: ${exported.target} export of a ${exported.datasource} seed`);
  info(`instance-id: ${exported.instanceId}${exported.instanceIdDerived ? ' (derived from the content)' : ''}`);
  for (const note of exported.notes) info(`next: ${note}`);
  for (const file of exported.files) detail(`  ${file.name} (${file.content.length} bytes)`);
}
