/**
 * `cloudseed inspect IMAGE`: what any seed image holds (ours or another tool's) and what cloud-init
 * would make of it; optionally extracted. The reading is src/read/seed.ts; this file only prints.
 */
import type { Command } from 'commander';
import { IoError } from '../../errors.js';
import type { NetworkSummary, SeedReport, SeedUser } from '../../read/report-types.js';
import type { DatasourceName } from '../../input/types.js';
import { configureTerminal, info, paint, result, resultJson } from '../terminal.js';

interface InspectOptions {
  json?: boolean;
  extract?: string;
  force?: boolean;
  previous?: string;
  debug?: boolean;
}

const DATASOURCE_TITLES: Record<DatasourceName, string> = {
  nocloud: 'NoCloud',
  configdrive: 'ConfigDrive (OpenStack config-2)',
  ovirt: 'ConfigDrive (oVirt Run Once payload)',
};

const NETWORK_FORMAT_TITLES: Record<NetworkSummary['format'], string> = {
  'netplan-v2': 'netplan v2',
  v1: 'cloud-init v1',
  'network_data.json': 'OpenStack network_data.json',
  eni: 'ENI (/etc/network/interfaces)',
};

const LABEL_WIDTH = 12;

export async function readImageFile(path: string): Promise<Uint8Array> {
  const { readFile } = await import('node:fs/promises');
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new IoError(`cannot read ${path}: ${reason}`);
  }
}

function field(name: string, value: string): string {
  return `  ${paint('bold', name.padEnd(LABEL_WIDTH))} ${value}`;
}

function describeFilesystem(report: SeedReport): string {
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

function formatReport(imagePath: string, report: SeedReport): string {
  const datasource = report.datasource
    ? paint('green', DATASOURCE_TITLES[report.datasource])
    : paint('red', 'none: cloud-init will not use this image');
  const width = Math.max(0, ...report.files.map((file) => file.path.length));
  const lines = [
    paint('bold', imagePath),
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
      const image = await readImageFile(imagePath);
      const previous = options.previous === undefined ? undefined : await readImageFile(options.previous);
      const report = readSeed(image, previous === undefined ? {} : { previous });
      if (options.extract !== undefined) {
        const { writeTreeToDirectory } = await import('../../output/write-tree.js');
        await writeTreeToDirectory(report.tree, options.extract, { force: options.force ?? false });
        // The JSON on stdout must stay parseable, so progress goes to stderr then.
        configureTerminal({ infoToStderr: options.json === true });
        info(`extracted ${report.files.length} files to ${options.extract}`);
      }
      if (options.json) resultJson(toSeedReportJson(report));
      else result(formatReport(imagePath, report));
    });
}
