/**
 * `-o -`: the image on stdout. A terminal is refused unless forced (binary on a TTY garbles it), and
 * a reader that went away (EPIPE) or a full disk (ENOSPC) is an I/O error with one line, exit 3:
 * without an 'error' listener Node would throw the stream error with a stack trace.
 */
import { CloudseedError, IoError, UsageError } from '../errors.js';
import { describeWriteError } from '../output/atomic-write.js';
import { type OutputStream, stdout } from './terminal.js';

/** Called before the build (and any password prompt), so a refusal costs nothing. */
export function checkOutputArgument(output: string | undefined, options: { binary: boolean; force: boolean }): void {
  if (output === '') throw new UsageError("-o needs a file name, or - for stdout (it was '')");
  if (output === '-' && options.binary && stdout().isTTY && !options.force) {
    throw new UsageError('refusing to write a binary image to a terminal: redirect stdout (-o - > seed.iso, -o - | ssh ...) or add --force');
  }
}

function describeStdoutError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EPIPE') return 'the reading end of the pipe was closed';
  return describeWriteError(error);
}

function writeChunk(stream: OutputStream, data: Uint8Array): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    try {
      stream.write(data, (error) => (error ? reject(error) : resolve()));
    } catch (error) {
      reject(error);
    }
  });
}

/**
 * Writes the image, or its chunks in order. Each chunk is flushed before the next is asked for:
 * a chunk may be a view of a buffer the producer reuses, and memory stays bounded by one chunk.
 * A producer that fails with a CloudseedError (a source file that changed) fails with it.
 */
export async function writeToStdout(data: Uint8Array | Iterable<Uint8Array>): Promise<void> {
  let failure: unknown;
  const onError = (error: unknown): void => {
    failure ??= error;
  };
  const stream = stdout();
  stream.on('error', onError);
  try {
    for (const chunk of data instanceof Uint8Array ? [data] : data) {
      await writeChunk(stream, chunk);
      if (failure !== undefined) break;
    }
  } catch (error) {
    if (error instanceof CloudseedError) throw error;
    failure ??= error;
  }
  if (failure !== undefined) throw new IoError(`cannot write to stdout: ${describeStdoutError(failure)}`);
  // The listener stays: a late 'error' after the callback must not crash the process either.
}
