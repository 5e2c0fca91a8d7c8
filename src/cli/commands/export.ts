/** `cloudseed export SPEC --to TARGET [-o OUT]`: the seed in the form an orchestrator takes. */
import { FILESYSTEMS, type FilesystemName } from '../../common/choices.js';
import { Option, type Command } from 'commander';
import { EXPORT_TARGETS, EXPORT_TARGET_NAMES, type ExportTargetName } from '../../export/targets.js';
import { addSpecFlags } from '../options.js';
import type { CommonOptions } from '../report.js';
import type { SpecFlagOptions } from '../spec-input.js';

interface ExportCliOptions extends SpecFlagOptions, CommonOptions {
  to: ExportTargetName;
  output?: string;
  fs?: FilesystemName;
  name?: string;
  storage?: string;
  encoding?: 'gzip+base64' | 'base64';
  force?: boolean;
  json?: boolean;
}

function targetsHelp(): string {
  const width = Math.max(...EXPORT_TARGETS.map((target) => target.name.length));
  const lines = EXPORT_TARGETS.map((target) => `  ${target.name.padEnd(width)}  ${target.summary}`);
  const examples = EXPORT_TARGETS.map((target) => `  $ ${target.example}`);
  return `
Targets:
${lines.join('\n')}

Examples:
${examples.join('\n')}

Warnings say what each consumer drops or overrides from the seed. Output files are owner-only
(0600); existing files are replaced only with --force.`;
}

export function registerExport(program: Command): void {
  const command = program
    .command('export')
    .description('write the seed in the form an orchestrator takes (Ironic, Metal3, KubeVirt, Packer, Proxmox, VMware, tar, qcow2)')
    .argument('[spec]', 'spec file (YAML or JSON)')
    .addOption(new Option('--to <target>', 'export target').choices(EXPORT_TARGET_NAMES).makeOptionMandatory())
    .option('-o, --output <path>', "file (or folder, for targets with several files) to write; - for stdout with one-file targets (default: per target)")
    .addOption(new Option('--fs <filesystem>', 'image filesystem (qcow2)').choices(FILESYSTEMS))
    .option('--name <name>', 'base name of Kubernetes Secrets and Proxmox snippets (default: the host name)')
    .option('--storage <id>', 'Proxmox storage holding the snippets (default: local)')
    .addOption(new Option('--encoding <encoding>', 'VMware guestinfo encoding').choices(['gzip+base64', 'base64']))
    .option('--force', 'replace existing output files')
    .option('--json', 'print a JSON summary')
    .addHelpText('after', targetsHelp);
  addSpecFlags(command).action(async (specPath: string | undefined, options: ExportCliOptions) => {
    const [{ exportSeed }, { targetDefaults }, { readSpecInput, withFlagIssues }, { reportExported, seedOptionsFrom }] = await Promise.all([
      import('../../export/export.js'),
      import('../export-output.js'),
      import('../spec-input.js'),
      import('../report.js'),
    ]);
    const output = targetDefaults(options.to, options.output);
    const { spec, baseDir } = await readSpecInput(specPath, options);
    const exported = await withFlagIssues(options, () =>
      exportSeed(spec, options.to, {
        ...seedOptionsFrom(options),
        baseDir,
        filesystem: options.fs,
        name: options.name,
        storage: options.storage,
        encoding: options.encoding,
      }),
    );
    if (output === '-') {
      const content = exported.files[0]!.content;
      await new Promise<void>((resolve, reject) => process.stdout.write(content, (error) => (error ? reject(error) : resolve())));
    } else {
      const { writeExport } = await import('../../export/write.js');
      await writeExport(exported, output, { force: options.force });
    }
    reportExported(exported, output, options.json ?? false);
  });
}
