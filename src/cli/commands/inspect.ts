/**
 * `cloudseed inspect IMAGE`: what any seed image holds (ours or another tool's) and what cloud-init
 * would make of it; optionally extracted. The reading is src/read/seed.ts; this file only prints.
 */
import type { Command } from 'commander';
import { IoError } from '../../errors.js';
import type { NetworkSummary, SeedReport, SeedUser } from '../../read/report-types.js';
import { escapeControls, escapeJsonControls, escapeStrings } from '../../read/printable.js';
import { DATASOURCE_TITLES } from '../../common/choices.js';
import { configureTerminal, info, paint, result } from '../terminal.js';

interface InspectOptions {
  json?: boolean;
  extract?: string;
  force?: boolean;
  previous?: string;
  debug?: boolean;
}

const NETWORK_FORMAT_TITLES: Record<NetworkSummary['format'], string> = {
  'netplan-v2': 'netplan v2',
  v1: 'cloud-init v1',
  'network_data.json': 'OpenStack network_data.json',
  eni: 'ENI (/etc/network/interfaces)',
};

const LABEL_WIDTH = 12;

/** The signals src/cli/main.ts turns into an exit from the event loop. */
const EXIT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Runs a long synchronous read with the signals' default action back: their handlers run only
 * between event-loop turns, which a parse of a big or hostile image holds off for as long as it
 * runs. Nothing is written during the read, so dying on the spot leaves nothing behind.
 */
function withDefaultSignals<T>(read: () => T): T {
  const saved = EXIT_SIGNALS.map((signal) => [signal, process.listeners(signal)] as const);
  for (const [signal] of saved) process.removeAllListeners(signal);
  try {
    return read();
  } finally {
    for (const [signal, listeners] of saved) for (const listener of listeners) process.on(signal, listener);
  }
}

/** Reader errors quote names from the image: they reach the terminal escaped too. */
function readEscaped<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw error instanceof IoError ? new IoError(escapeControls(error.message)) : error;
  }
}

function field(name: string, value: string): string {
  return `  ${paint('bold', name.padEnd(LABEL_WIDTH))} ${value}`;
}

function describeFilesystem(report: Omit<SeedReport, 'tree'>): string {
  const fs = report.filesystem;
  if (fs.type === 'vfat') {
    const boot = fs.bootLabel !== report.label ? `, boot sector label '${fs.bootLabel}'` : '';
    return `vfat (FAT${fs.fatType})${boot}`;
  }
  const tables = ['primary', ...(fs.nameTables.joliet ? ['Joliet'] : []), ...(fs.nameTables.rockRidge ? ['Rock Ridge'] : [])];
  const names = { 'rock-ridge': 'Rock Ridge', joliet: 'Joliet', ecma119: 'primary (8.3)' }[fs.namesReadFrom];
  return `iso9660 (${tables.join(' + ')}; names read from ${names})`;
}

function describeUser(user: SeedUser): string[] {
  const role = user.isDefault ? ' (default user)' : '';
  const password = { hash: 'password hash', plain: paint('yellow', 'plain-text password'), none: 'no password' }[user.password];
  const keys = user.sshKeys.map((key) =>
    key.fingerprint
      ? `      ${key.type} ${key.fingerprint}${key.comment ? ` ${key.comment}` : ''}`
      : `      ${paint('yellow', `unreadable key${key.type ? ` (${key.type})` : ''}: ${key.problem}`)}`,
  );
  const count = `${user.sshKeys.length} ssh key${user.sshKeys.length === 1 ? '' : 's'}`;
  return [`    ${user.name}${role}: ${password}, ${count}`, ...keys];
}

function describeNetwork(network: NetworkSummary): string[] {
  const lines = network.interfaces.map((iface) => {
    const parts = [
      ...(iface.mac ? [`mac ${iface.mac}`] : []),
      ...(iface.dhcp4 ? ['dhcp4'] : []),
      ...(iface.dhcp6 ? ['dhcp6'] : []),
      ...iface.addresses,
      ...iface.gateways.map((gateway) => `via ${gateway}`),
    ];
    return `    ${iface.name} (${iface.kind}): ${parts.join(', ') || 'no addresses'}`;
  });
  if (network.nameservers.length > 0) lines.push(`    dns ${network.nameservers.join(', ')}`);
  if (network.search.length > 0) lines.push(`    search ${network.search.join(', ')}`);
  return [field('network', `${network.file} (${NETWORK_FORMAT_TITLES[network.format]})`), ...lines];
}

function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** The human report. Every string taken from the image is escaped first (see src/read/printable.ts). */
function formatReport(imagePath: string, rawReport: SeedReport): string {
  const { tree: _contents, ...rest } = rawReport;
  const report: Omit<SeedReport, 'tree'> = escapeStrings(rest);
  const datasource = report.datasource
    ? paint('green', DATASOURCE_TITLES[report.datasource])
    : paint('red', 'none: cloud-init will not use this image');
  const width = Math.max(0, ...report.files.map((file) => file.path.length));
  const lines = [
    paint('bold', escapeControls(imagePath)),
    field('filesystem', describeFilesystem(report)),
    field('label', `'${report.label}'`),
    field('datasource', datasource),
    ...(report.instanceId !== undefined ? [field('instance-id', report.instanceId)] : []),
    ...(report.hostname !== undefined ? [field('hostname', report.hostname)] : []),
    ...(report.users.length > 0 ? [field('users', `${report.users.length}`), ...report.users.flatMap(describeUser)] : []),
    ...(report.network ? describeNetwork(report.network) : []),
    field('files', `${report.files.length}`),
    ...report.files.map((file) => `    ${file.path.padEnd(width)}  ${paint('dim', formatSize(file.size))}`),
  ];
  if (report.warnings.length > 0) {
    lines.push(field('warnings', `${report.warnings.length}`));
    lines.push(...report.warnings.map((warning) => `    ${paint('yellow', warning.code)}: ${warning.message}`));
  }
  return lines.join('\n');
}

/**
 * Two entries under one name cannot both be written, and which one a guest opens depends on its
 * driver: extracting either would silently stand for the other, so extraction is refused.
 */
function refuseDuplicates(report: SeedReport, target: string): void {
  const duplicates = report.warnings.filter((warning) => warning.code === 'duplicate-name');
  if (duplicates.length === 0) return;
  const names = duplicates.map((warning) => escapeControls(warning.file ?? '')).join(', ');
  throw new IoError(`refusing to extract to ${target}: the image names ${names} more than once (a guest sees only one of them)`);
}

export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description('show what a seed image holds and what cloud-init would make of it (any tool\'s iso9660 or vfat seed)')
    .argument('<image>', 'iso9660 or vfat image file')
    .option('--json', 'print the report as JSON')
    .option('--extract <dir>', 'also write the files to a directory (must be empty unless --force)')
    .option('--force', 'extract into a non-empty directory')
    .option('--previous <image>', 'the image this one replaces: warn when the instance-id stayed the same but the content changed')
    .option('--debug', 'print stack traces on errors')
    .addHelpText(
      'after',
      `
Examples:
  $ cloudseed inspect seed.iso
  $ cloudseed inspect config-2.img --json
  $ cloudseed inspect seed.iso --extract seed-files/
  $ cloudseed inspect new-seed.iso --previous old-seed.iso`,
    )
    .action(async (imagePath: string, options: InspectOptions) => {
      const { readSeed, toSeedReportJson } = await import('../../read/seed.js');
      const { readImageFile } = await import('../../read/image-file.js');
      const image = await readImageFile(imagePath);
      const previous = options.previous === undefined ? undefined : await readImageFile(options.previous);
      const report = withDefaultSignals(() => readEscaped(() => readSeed(image, previous === undefined ? {} : { previous })));
      if (options.extract !== undefined) {
        refuseDuplicates(report, options.extract);
        const { writeTreeToDirectory } = await import('../../output/write-tree.js');
        await writeTreeToDirectory(report.tree, options.extract, { force: options.force ?? false });
        // The JSON on stdout must stay parseable, so progress goes to stderr then.
        configureTerminal({ infoToStderr: options.json === true });
        info(`extracted ${report.files.length} files to ${options.extract}`);
      }
      if (options.json) result(escapeJsonControls(JSON.stringify(toSeedReportJson(report), null, 2)));
      else result(formatReport(imagePath, report));
    });
}
