/**
 * `cloudseed serve SPEC|DIR`: a metadata service answering for the specs, with the same files as
 * `cloudseed render` (NoCloud over HTTP, the OpenStack metadata API, EC2 basics). Runs until
 * SIGTERM or SIGINT, then lets requests in flight finish and exits 0.
 */
import type { Command } from 'commander';
import { IoError, SpecError, UsageError } from '../../errors.js';
import { info, resultJson, stderr, stdout, warn } from '../terminal.js';

interface ServeCommandOptions {
  listen: string;
  advertise?: string;
  strict?: boolean;
  printCmdline?: string;
  rateLimit: string;
  accessLog: boolean;
  json?: boolean;
  allowPlaceholders?: boolean;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the seeds of a spec or a folder of specs over HTTP (NoCloud, OpenStack metadata, EC2)')
    .argument('<source>', 'a spec file, or a folder of specs (vm01.yaml is served as /vm01/)')
    .option('--listen <addr:port>', 'address and port to listen on (an IP literal; [::1]:8775 for IPv6)', '127.0.0.1:8775')
    .option('--strict', "answer a VM's data only to the source address its serve: mapping names")
    .option('--print-cmdline <vm>', 'print the kernel argument and SMBIOS serial that point a guest at VM, and exit')
    .option('--advertise <addr:port>', 'address guests reach the server by, for --print-cmdline (default: --listen)')
    .option('--rate-limit <n>', 'requests per second per source address (bursts of 4x); 0 turns the limit off', '50')
    .option('--no-access-log', 'do not log requests on stderr')
    .option('--json', 'print the --print-cmdline forms, or the address once listening, as JSON')
    .option('--allow-placeholders', "serve specs holding the templates' placeholder SSH key or example passwords")
    .addHelpText(
      'after',
      `
Examples:
  $ cloudseed serve specs/ --listen 10.0.2.2:8775
  $ cloudseed serve specs/ --print-cmdline vm01 --advertise 10.0.2.100:80
  $ cloudseed serve vm01.yaml --strict --listen 192.168.122.1:80

Guests ask GET /<vm>/meta-data (NoCloud, ds=nocloud;s=http://ADDR/<vm>/), /openstack/latest/...
and /latest/meta-data/... (OpenStack and EC2: the VM is the single spec, or the spec whose
serve: {ip, mac} matches the request's source address). Requests are logged on stderr in the
Combined Log Format.`,
    )
    .action(async (source: string, options: ServeCommandOptions) => {
      const serve = await import('../../serve/index.js');
      const listen = serve.parseListenAddress(options.listen);
      if (listen === undefined) throw new UsageError(`--listen: '${options.listen}' is not ADDR:PORT with an IP address (e.g. 127.0.0.1:8775, [::1]:8775)`);
      if (!/^\d{1,6}$/.test(options.rateLimit)) throw new UsageError(`--rate-limit: '${options.rateLimit}' is not a whole number of requests per second`);
      const perSecond = Number(options.rateLimit);
      const catalog = serve.openFileCatalog(source, { onError: (vm, message) => warn(`serve: ${vm}: ${message}`), allowPlaceholders: options.allowPlaceholders });

      if (options.printCmdline !== undefined) {
        const advertised = options.advertise === undefined ? listen : serve.parseListenAddress(options.advertise);
        if (advertised === undefined) throw new UsageError(`--advertise: '${options.advertise}' is not ADDR:PORT with an IP address`);
        if (serve.isWildcard(advertised.host)) throw new UsageError('--print-cmdline: a guest cannot connect to a wildcard address; give --advertise ADDR:PORT');
        const vm = options.printCmdline;
        if (catalog.only() === undefined && !catalog.names().includes(vm)) {
          throw new SpecError([{ path: '', message: `no spec named ${vm} in ${source} (a folder's specs are served by file name without extension)` }]);
        }
        if (options.json) resultJson(serve.guestPointers(advertised, vm));
        else stdout().write(serve.describeGuestPointers(advertised, vm));
        return;
      }

      const server = await serve
        .startServer(catalog, {
          host: listen.host,
          port: listen.port,
          strict: options.strict ?? false,
          rateLimit: perSecond === 0 ? false : { perSecond, burst: perSecond * 4 },
          accessLog: options.accessLog ? (line) => stderr().write(`${line}\n`) : undefined,
          errorLog: (line) => warn(`serve: ${line}`),
        })
        .catch((error: NodeJS.ErrnoException) => {
          throw new IoError(`cannot listen on ${options.listen}: ${error.code === 'EADDRINUSE' ? 'the address is in use' : error.code === 'EADDRNOTAVAIL' ? 'no such address on this host' : error.message}`);
        });
      const count = catalog.names().length;
      if (options.json) resultJson({ url: server.url, address: server.address, specs: count, strict: options.strict ?? false });
      else info(`serving ${count} spec${count === 1 ? '' : 's'} from ${source} on ${server.url} (Ctrl-C or SIGTERM to stop)`);

      // The CLI's default is to exit at once on a signal; a server lets requests in flight finish.
      await new Promise<void>((resolve) => {
        for (const signal of ['SIGTERM', 'SIGINT'] as const) {
          process.removeAllListeners(signal);
          process.once(signal, () => {
            info(`${signal}: finishing requests in flight`);
            void server.close().then(resolve);
          });
        }
      });
    });
}
