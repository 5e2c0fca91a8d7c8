/**
 * `cloudseed edit IMAGE (-o OUT | --in-place)`: change an existing seed (any tool's) and write it
 * with the same filesystem and label. The editing is src/edit; this file maps flags and output.
 */
import { Option, type Command } from 'commander';
import { SpecError, UsageError } from '../../errors.js';
import { INSTANCE_ID_POLICIES, type EditedSeed, type GuestFile, type InstanceIdPolicy } from '../../edit/types.js';
import { addUserFlags, collect } from '../options.js';
import type { SpecFlagOptions } from '../spec-input.js';
import { info, result, stderr, warn } from '../terminal.js';

interface EditOptions extends SpecFlagOptions {
  writeFile?: string[];
  output?: string;
  inPlace?: boolean;
  force?: boolean;
  instanceId?: InstanceIdPolicy;
  saltSeed?: string;
  json?: boolean;
  debug?: boolean;
}

/** `--write-file /etc/motd=./motd`: the guest path is absolute, so the first `=` ends it. */
function parseWriteFiles(values: readonly string[] = []): GuestFile[] {
  return values.map((value, i) => {
    const split = value.indexOf('=');
    if (split <= 0 || split === value.length - 1) {
      throw new SpecError([{ path: `--write-file[${i}]`, message: `'${value.slice(0, 80)}' is not GUEST_PATH=FILE (e.g. /etc/motd=./motd)` }]);
    }
    return { path: value.slice(0, split), source: value.slice(split + 1) };
  });
}

/** -o or --in-place, never both nor neither: an edit never replaces its input by surprise. */
function chooseTarget(imagePath: string, options: EditOptions): string {
  if (options.inPlace && options.output !== undefined) throw new UsageError('use either -o OUT or --in-place, not both');
  if (options.inPlace) return imagePath;
  if (options.output === undefined) throw new UsageError('say where the edited image goes: -o OUT, or --in-place to replace IMAGE');
  return options.output;
}

/** Replacing a symlink's target through it, or the link by a file, are both surprises: refused. */
async function checkInPlaceTarget(imagePath: string): Promise<number> {
  const { lstat } = await import('node:fs/promises');
  const { IoError } = await import('../../errors.js');
  const stats = await lstat(imagePath).catch(() => undefined);
  if (stats?.isSymbolicLink()) throw new IoError(`${imagePath} is a symbolic link: --in-place refuses it; use -o OUT`);
  return (stats?.mode ?? 0o600) & 0o777;
}

/** Said before any password prompt: the write would refuse the file anyway. */
async function checkOutputFree(output: string): Promise<void> {
  const { lstat } = await import('node:fs/promises');
  const { IoError } = await import('../../errors.js');
  if (await lstat(output).then(() => true, () => false)) throw new IoError(`${output} already exists; use --force to replace it`);
}

function describeInstanceId(edited: EditedSeed): string {
  const previous = edited.previousInstanceId ?? '(none)';
  if (edited.instanceId === previous) {
    return edited.changed
      ? `instance-id: kept ${previous} (--instance-id keep): a guest that already booted this seed will not apply the change`
      : `instance-id: kept ${previous} (nothing changed)`;
  }
  const why = edited.instanceIdPolicy === 'derived' ? 'derived from the new content' : 'new, as the content changed; --instance-id keep keeps the old one';
  return `instance-id: ${previous} -> ${edited.instanceId} (${why})`;
}

function report(edited: EditedSeed, output: string, json: boolean): void {
  for (const note of edited.notes) warn(note);
  // The instance-id decides whether a guest applies the edit at all: said even with --quiet.
  if (edited.changed && edited.instanceId === edited.previousInstanceId) warn(describeInstanceId(edited));
  else stderr().write(`cloudseed: ${describeInstanceId(edited)}\n`);
  if (json) {
    const { image, ...rest } = edited;
    result(JSON.stringify({ output, size: image.length, ...rest, previousInstanceId: rest.previousInstanceId ?? null }, null, 2));
    return;
  }
  info(`wrote ${output}: ${edited.datasource} seed, ${edited.filesystem}, label ${edited.label}, ${edited.image.length} bytes`);
}

export function registerEdit(program: Command): void {
  const command = program
    .command('edit')
    .description("change an existing seed image (any tool's iso9660 or vfat seed), keeping its filesystem and label")
    .argument('<image>', 'iso9660 or vfat seed image to edit')
    .option('-o, --output <file>', 'image file to write')
    .option('--in-place', 'replace IMAGE itself (atomically)')
    .option('--force', 'replace an existing output file')
    .option('--hostname <name>', 'new host name');
  addUserFlags(command)
    .option('--ssh-key <key-or-file>', 'add an authorized SSH public key, or a file of keys (repeatable; without --user: the default user)', collect)
    .option('--net <iface=config>', "replace the seed's network: eth0=dhcp or eth0=ADDR/PREFIX,gw=GW,dns=IP,mac=MAC (repeatable)", collect)
    .option('--user-data <file>', 'add a user-data part: script or cloud-config (repeatable)', collect)
    .option('--write-file <guest-path=file>', 'add a file cloud-init writes in the guest (write_files, mode 0644): /etc/motd=./motd (repeatable)', collect)
    .addOption(
      new Option('--instance-id <policy>', 'keep the instance-id, make a new random one, or derive one from the content (default: new when the content changed)').choices(INSTANCE_ID_POLICIES),
    )
    .option('--salt-seed <seed>', 'derive password salts from this seed, for byte-identical edits')
    .option('--json', 'print a JSON summary')
    .option('--debug', 'print stack traces on errors')
    .addHelpText(
      'after',
      `
Examples:
  $ cloudseed edit seed.iso --hostname web02 -o web02.iso
  $ cloudseed edit seed.img --user ops --ssh-key ~/.ssh/id_ed25519.pub --in-place
  $ cloudseed edit seed.iso --net eth0=10.0.0.6/24,gw=10.0.0.1 --instance-id derived -o new.iso
  $ cloudseed edit config-2.iso --user-data setup.sh -o config-2-setup.iso
  $ cloudseed edit seed.iso --write-file /etc/motd=./motd -o seed-motd.iso`,
    )
    .action(async (imagePath: string, options: EditOptions) => {
      const target = chooseTarget(imagePath, options);
      const writeFiles = parseWriteFiles(options.writeFile);
      const [{ editSeed }, { writeFileAtomic }, { readImageFile }, { readCliPassword }, { specFlagsFrom }, { readKeyArguments }] = await Promise.all([
        import('../../edit/edit.js'),
        import('../../output/atomic-write.js'),
        import('../../read/image-file.js'),
        import('../password-input.js'),
        import('../spec-input.js'),
        import('../flags/spec-flags.js'),
      ]);
      const mode = options.inPlace ? await checkInPlaceTarget(imagePath) : undefined;
      if (!options.inPlace && !options.force) await checkOutputFree(target);
      const image = await readImageFile(imagePath);
      // editSeed takes key lines: files named by --ssh-key are read here, as build reads them.
      const sshKeys = await readKeyArguments(options.sshKey ?? []);
      const password = await readCliPassword(options);
      const edited = await editSeed(image, { ...specFlagsFrom(options, password), sshKeys, writeFiles, instanceId: options.instanceId }, { saltSeed: options.saltSeed });
      await writeFileAtomic(target, edited.image, { force: options.inPlace || options.force, mode });
      report(edited, target, options.json ?? false);
    });
}
