/**
 * `cloudseed localds OUTPUT USER_DATA [META_DATA]`: cloud-localds's command line, so scripts
 * written for it work unchanged. The files go into the seed as given, after the checks cloud-localds
 * does not make (YAML that parses, a network-config version, a valid host name).
 */
import { Option, type Command } from 'commander';

interface LocaldsOptions {
  diskFormat: string;
  filesystem?: string;
  hostname?: string;
  interfaces?: string;
  networkConfig?: string;
  dsmode?: string;
  vendorData?: string;
  verbose?: boolean;
  debug?: boolean;
}

/** cloud-localds's disk formats that need no qemu-img: raw, qcow2 (written natively) and its tar forms. */
const DISK_FORMATS = ['raw', 'qcow2', 'tar', 'tar-seed-local', 'tar-seed-net'];

export function registerLocalds(program: Command): void {
  program
    .command('localds')
    .description('cloud-localds compatible: make a NoCloud seed from existing user-data (and meta-data) files')
    .argument('<output>', 'image file to write (replaced if it exists, as cloud-localds does), or - for stdout')
    .argument('<user-data>', 'user-data file of any type, or - for stdin')
    .argument('[meta-data]', 'meta-data file (default: generated, instance-id iid-local01)')
    .addOption(new Option('-d, --disk-format <format>', 'disk format').choices(DISK_FORMATS).default('raw'))
    .addOption(new Option('-f, --filesystem <filesystem>', 'filesystem (default: iso9660)').choices(['iso', 'iso9660', 'vfat']))
    .option('-H, --hostname <name>', 'set local-hostname in the generated meta-data')
    .option('-i, --interfaces <file>', 'network interfaces (ENI) file, written into the generated meta-data as network-interfaces')
    .option('-N, --network-config <file>', 'network-config file (version 1 or 2), written as given')
    .addOption(new Option('-m, --dsmode <mode>', "dsmode in the generated meta-data ('local' or 'net')"))
    .option('-V, --vendor-data <file>', 'vendor-data file, written as given')
    .option('-v, --verbose', 'accepted for cloud-localds compatibility')
    .option('--debug', 'print stack traces on errors')
    .addHelpText(
      'after',
      `
The seed is labelled cidata and holds the files exactly as given, as with cloud-localds; cloudseed
checks them first (cloud-config and meta-data YAML parses, network-config has version 1 or 2, the
host name is valid) and exits 1 without writing anything when one is wrong. Differences: -i is
written as meta-data network-interfaces (the key cloud-init reads; cloud-localds writes
"interfaces"), and -d takes raw, qcow2 and the tar forms only.

Examples:
  $ cloudseed localds seed.img user-data meta-data
  $ cloudseed localds -H vm1 -N network-config seed.iso user-data
  $ cloudseed localds -f vfat -d qcow2 seed.qcow2 user-data meta-data`,
    )
    .action(async (output: string, userDataPath: string, metaDataPath: string | undefined, options: LocaldsOptions) => {
      const { buildLocalds } = await import('./localds-build.js');
      await buildLocalds(output, userDataPath, metaDataPath, options);
    });
}

export type { LocaldsOptions };
