/**
 * Requests per source address: a token bucket each, so a burst at boot (cloud-init asks a handful
 * of URLs at once) passes while a client looping on the server is slowed to the steady rate.
 */

export interface RateLimit {
  /** Steady requests per second allowed per source address. */
  readonly perSecond: number;
  /** Requests allowed at once before the steady rate applies. */
  readonly burst: number;
}

/** Addresses tracked at most; full buckets are forgotten first, so many clients cannot grow memory. */
const MAX_TRACKED = 10_000;

export class RateLimiter {
  readonly #limit: RateLimit;
  readonly #now: () => number;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(limit: RateLimit, now: () => number = Date.now) {
    this.#limit = limit;
    this.#now = now;
  }

  /** Takes one request's token for `address`; false when the address is over its rate. */
  allow(address: string): boolean {
    const now = this.#now();
    const bucket = this.#buckets.get(address);
    const { perSecond, burst } = this.#limit;
    const tokens = bucket === undefined ? burst : Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    if (tokens < 1) {
      this.#buckets.set(address, { tokens, at: now });
      return false;
    }
    if (bucket === undefined && this.#buckets.size >= MAX_TRACKED) this.#forgetIdle(now);
    this.#buckets.set(address, { tokens: tokens - 1, at: now });
    return true;
  }

  #forgetIdle(now: number): void {
    const { perSecond, burst } = this.#limit;
    for (const [address, bucket] of this.#buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * perSecond >= burst) this.#buckets.delete(address);
    }
    // Everyone is busy: drop the oldest entry rather than grow.
    if (this.#buckets.size >= MAX_TRACKED) this.#buckets.delete(this.#buckets.keys().next().value!);
  }
}
