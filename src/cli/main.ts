#!/usr/bin/env node
/** The `cloudseed` program: the command line of src/cli/run.ts on this process's streams. */
import { VERSION, asksOnlyVersion } from './version.js';

/**
 * On Ctrl-C or a kill, exit with 128 + the signal number. No output can be half-written then:
 * src/output/atomic-write.ts makes its file steps run between two event-loop turns.
 */
function exitOnSignal(): void {
  for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]] as const) {
    process.on(signal, () => process.exit(128 + number));
  }
}

/**
 * A reader that goes away before the text is written (`cloudseed --help | head -1`) ends the
 * process quietly with 128 + SIGPIPE's number, as SIGPIPE ends other programs in a pipeline: Node
 * ignores that signal, and the EPIPE error it gives instead would crash with a stack trace. An
 * image on stdout (`-o -`) has a listener of its own, which reports the image as not written
 * (src/cli/stdout-output.ts); any other write error is such a report, on stderr, exit 3.
 */
function endQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (stream.listenerCount('error') > 1) return;
      if (error.code === 'EPIPE') process.exit(128 + 13);
      if (stream !== process.stderr) process.stderr.write(`cloudseed: cannot write to stdout: ${error.message}\n`);
      process.exit(3);
    });
  }
}

exitOnSignal();
endQuietlyOnClosedPipe();
const argv = process.argv.slice(2);
if (asksOnlyVersion(argv)) {
  // What run() prints for it, without loading commander and the command line's modules: the
  // version is what scripts ask before anything else, and that load was most of its time.
  process.stdout.write(`${VERSION}\n`);
} else {
  const { run } = await import('./run.js');
  process.exitCode = await run(argv, process);
}
