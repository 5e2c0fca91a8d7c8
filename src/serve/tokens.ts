/** IMDSv2 session tokens: `PUT /latest/api/token` hands one out, later requests may present it. */
import { randomBytes } from 'node:crypto';

/** AWS's own bounds for X-aws-ec2-metadata-token-ttl-seconds. */
export const MAX_TOKEN_TTL_SECONDS = 21600;
/** Live tokens kept at most; the oldest are dropped first, so a flood of PUTs cannot grow memory. */
const MAX_TOKENS = 10_000;

export class TokenStore {
  readonly #expiry = new Map<string, number>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  issue(ttlSeconds: number): string {
    const token = randomBytes(24).toString('base64url');
    if (this.#expiry.size >= MAX_TOKENS) this.#expiry.delete(this.#expiry.keys().next().value!);
    this.#expiry.set(token, this.#now() + ttlSeconds * 1000);
    return token;
  }

  isValid(token: string): boolean {
    const expiry = this.#expiry.get(token);
    if (expiry === undefined) return false;
    if (expiry <= this.#now()) {
      this.#expiry.delete(token);
      return false;
    }
    return true;
  }
}
