/**
 * Hashes a derived instance-id's source files on a worker thread, so the thread that reads and
 * writes a large image does not also spend the hash's CPU (base64 and SHA-256 of the payload).
 * This module is also the worker's entry point (src/common/worker-bootstrap.ts); it imports
 * nothing of ours but the hash and that bootstrap, so the worker loads little. Only
 * InstanceIdDigest loads it, by a dynamic import, and only for payloads large enough to pay for
 * starting a thread.
 *
 * The threads share a ring of a few chunk-sized slots in a SharedArrayBuffer. The main thread
 * reads a file's chunk straight into the next free slot, publishes it and writes it to the image
 * while the worker hashes it; when every slot is still waiting to be hashed, the main thread waits
 * (Atomics.wait: its writing is synchronous, see src/output/atomic-write.ts). The ring's size is
 * fixed, whatever the payload's.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { workerBootstrapCode } from '../common/worker-bootstrap.js';
import { CanonicalTextHash } from './canonical-text-hash.js';

/**
 * Chunks in flight: 3 MiB with 768 KiB chunks, whatever the payload. 16 were tried, with no gain
 * the noise of the shared machine let show (bench/notes.md).
 */
const SLOTS = 4;

/** Int32 control words: counts of records published and hashed, the stop flags, then each slot's record. */
const PUBLISHED = 0;
const CONSUMED = 1;
/** Set by the main thread when it gives up (an error while writing): the worker stops. */
const CANCELLED = 2;
/** Set by the worker when hashing threw: the main thread stops waiting and fails the build. */
const FAILED = 3;
const RECORDS = 4;
/** A record is a chunk's length in its slot, or one of these. */
const END_OF_SOURCE = -1;
const FINISH = -2;
const DIGEST_BYTES = 32;
const CONTROL_BYTES = (RECORDS + SLOTS) * Int32Array.BYTES_PER_ELEMENT;
const DATA_OFFSET = CONTROL_BYTES + DIGEST_BYTES;

interface HashThreadData {
  readonly cloudseedInstanceIdThread: true;
  readonly pieces: readonly string[];
  readonly shared: SharedArrayBuffer;
  readonly slotBytes: number;
}

/** The shared memory's parts: control words, the digest the worker leaves, then the slots. */
function views(shared: SharedArrayBuffer): { control: Int32Array; digest: Uint8Array } {
  return { control: new Int32Array(shared, 0, RECORDS + SLOTS), digest: new Uint8Array(shared, CONTROL_BYTES, DIGEST_BYTES) };
}

function slotView(shared: SharedArrayBuffer, slot: number, slotBytes: number, length = slotBytes): Uint8Array {
  return new Uint8Array(shared, DATA_OFFSET + slot * slotBytes, length);
}

/** The worker's loop: hashes records in order until FINISH (the digest is then in shared memory) or CANCELLED. */
function serve({ pieces, shared, slotBytes }: HashThreadData): void {
  const { control, digest } = views(shared);
  const hash = new CanonicalTextHash(pieces);
  let consumed = 0;
  try {
    for (;;) {
      const published = Atomics.load(control, PUBLISHED);
      // The main thread sets CANCELLED before it bumps PUBLISHED, so a wake-up always sees it.
      if (Atomics.load(control, CANCELLED) !== 0) return;
      if (published === consumed) {
        Atomics.wait(control, PUBLISHED, consumed);
        continue;
      }
      const slot = consumed % SLOTS;
      const record = control[RECORDS + slot]!;
      if (record === FINISH) digest.set(hash.digest());
      else if (record === END_OF_SOURCE) hash.endSource();
      else hash.chunk(slotView(shared, slot, slotBytes, record));
      consumed++;
      Atomics.store(control, CONSUMED, consumed);
      Atomics.notify(control, CONSUMED);
      if (record === FINISH) return;
    }
  } catch {
    Atomics.store(control, FAILED, 1);
    // Bumped after FAILED so a main thread that sees it move also sees the flag.
    Atomics.add(control, CONSUMED, 1);
    Atomics.notify(control, CONSUMED);
  }
}

if (!isMainThread && (workerData as Partial<HashThreadData> | null)?.cloudseedInstanceIdThread === true) {
  parentPort!.postMessage('ready');
  serve(workerData as HashThreadData);
}

/**
 * The main thread's side of the ring: the same calls as CanonicalTextHash, the hashing done by
 * the worker. A chunk handed to chunk() must be a view of the slot buffer() gave last.
 */
export class HashThread {
  private readonly control: Int32Array;
  private readonly digestBytes: Uint8Array;
  private readonly slots: Uint8Array[] = [];
  private published = 0;
  private done = false;

  constructor(
    shared: SharedArrayBuffer,
    slotBytes: number,
    /** Settles when the worker has ended. */
    private readonly ended: Promise<unknown>,
  ) {
    const { control, digest } = views(shared);
    this.control = control;
    this.digestBytes = digest;
    for (let slot = 0; slot < SLOTS; slot++) this.slots.push(slotView(shared, slot, slotBytes));
  }

  /** The slot to read the next chunk into, once the worker has hashed what it held. */
  readonly buffer = (): Uint8Array => {
    this.waitUntilHashed(this.published - SLOTS + 1);
    return this.slots[this.published % SLOTS]!;
  };

  chunk(bytes: Uint8Array): void {
    this.publish(bytes.length);
  }

  endSource(): void {
    this.waitUntilHashed(this.published - SLOTS + 1);
    this.publish(END_OF_SOURCE);
  }

  /** Waits for the worker to hash everything published; the worker then ends. */
  digest(): Buffer {
    this.waitUntilHashed(this.published - SLOTS + 1);
    this.publish(FINISH);
    this.waitUntilHashed(this.published);
    this.done = true;
    return Buffer.from(this.digestBytes);
  }

  /**
   * Stops the worker if digest() was not asked for (the build failed), and resolves once it has
   * ended, so nothing writeSeed started outlives it. After digest() the worker has ended or is
   * about to: it has no more to do.
   */
  async close(): Promise<void> {
    if (!this.done) {
      this.done = true;
      Atomics.store(this.control, CANCELLED, 1);
      Atomics.add(this.control, PUBLISHED, 1);
      Atomics.notify(this.control, PUBLISHED);
    }
    await this.ended;
  }

  private publish(record: number): void {
    this.control[RECORDS + (this.published % SLOTS)] = record;
    this.published++;
    Atomics.store(this.control, PUBLISHED, this.published);
    Atomics.notify(this.control, PUBLISHED);
  }

  private waitUntilHashed(count: number): void {
    for (;;) {
      const consumed = Atomics.load(this.control, CONSUMED);
      if (Atomics.load(this.control, FAILED) !== 0) throw new Error('hashing the instance-id on a worker thread failed');
      if (consumed >= count) return;
      Atomics.wait(this.control, CONSUMED, consumed);
    }
  }
}

/**
 * Starts the worker for the canonical text's `pieces` (see CanonicalTextHash), with slots of
 * `slotBytes`. Resolves once the worker runs, or with undefined if it could not start (the caller
 * then hashes on its own thread): past that point the worker runs only the loop above, whose
 * failures reach the main thread through the shared memory.
 */
export async function startHashThread(pieces: readonly string[], slotBytes: number): Promise<HashThread | undefined> {
  const shared = new SharedArrayBuffer(DATA_OFFSET + SLOTS * slotBytes);
  const data: HashThreadData = { cloudseedInstanceIdThread: true, pieces, shared, slotBytes };
  const worker = new Worker(workerBootstrapCode(import.meta.url), { eval: true, workerData: data });
  const ended = new Promise((resolve) => worker.once('exit', resolve));
  const started = await new Promise<boolean>((resolve) => {
    worker.once('message', () => resolve(true));
    void ended.then(() => resolve(false));
    // Kept for the worker's life: an 'error' nobody listens to would be thrown on the main thread.
    worker.on('error', () => resolve(false));
  });
  if (!started) {
    await worker.terminate();
    return undefined;
  }
  return new HashThread(shared, slotBytes, ended);
}
