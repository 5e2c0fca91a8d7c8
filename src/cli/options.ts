/** Flag definitions shared by build and render, so both accept the same spec flags. */
import { DATASOURCES } from '../common/choices.js';
import { Option, type Command } from 'commander';

export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** --user and the three ways to give its password, as build and edit both take them. */
export function addUserFlags(command: Command): Command {
  return command
    .option('--user <name>', 'user that --password-file/--password-env/--password-prompt and --ssh-key apply to (created if missing)')
    .option('--password-file <file>', "read the user's password from the first line of a file")
    .option('--password-env <variable>', "read the user's password from an environment variable")
    .option('--password-prompt', "ask for the user's password on the terminal");
}

export function addSpecFlags(command: Command): Command {
  return addUserFlags(
    command
      .addOption(new Option('--datasource <name>', 'datasource to render').choices(DATASOURCES))
      .option('--hostname <name>', 'host name (overrides the spec)'),
  )
    .option('--ssh-key <key-or-file>', 'authorized SSH public key, or a file of keys (repeatable)', collect)
    .option('--net <iface=config>', 'network shorthand: eth0=dhcp or eth0=ADDR/PREFIX[+ADDR/PREFIX],gw=GW,dns=IP[+IP],mac=MAC (repeatable; lists joined with +)', collect)
    .option('--user-data <file>', 'user-data file of any type (cloud-config is merged with the generated one; others become parts; repeatable)', collect)
    .option('--meta-data <file>', 'NoCloud meta-data file: its instance-id and local-hostname win over the spec (not over the flags), other keys are kept')
    .option('--network-config <file>', 'network-config file (version 1 or 2): replaces the spec network; --net applies over it')
    .option('--vendor-data <file>', 'vendor-data file (any user-data type), written as given')
    .option('--allow-outside-sources', "allow source: files outside the spec's folder (never under /proc, /sys or /dev)")
    .option('--instance-id <id>', 'instance-id (default: derived from the content)')
    .option('--cloud-init-version <version>', 'oldest cloud-init the seed must work on (e.g. 20.4)')
    .addOption(new Option('--network-config-version <n>', 'NoCloud network-config format (default 1; 2 for on-link routes)').choices(['1', '2']))
    .option('--salt-seed <seed>', 'derive password salts from this seed, for byte-identical rebuilds')
    .option('--allow-placeholders', "accept the templates' placeholder SSH key and example passwords")
    .option('--debug', 'print stack traces on errors');
}
