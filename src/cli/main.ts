#!/usr/bin/env node
/** The `cloudseed` program: the command line of src/cli/run.ts on this process's streams. */
import { run } from './run.js';

/**
 * On Ctrl-C or a kill, exit with 128 + the signal number. No output can be half-written then:
 * src/output/atomic-write.ts makes its file steps run between two event-loop turns.
 */
function exitOnSignal(): void {
  for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]] as const) {
    process.on(signal, () => process.exit(128 + number));
  }
}

exitOnSignal();
process.exitCode = await run(process.argv.slice(2), process);
