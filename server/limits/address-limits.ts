import { RateLimiter } from '../ws/rate-limiter.js';

/** How many addresses' buckets are kept before the idle (full) ones are swept out. */
const SWEEP_ABOVE = 10_000;

/**
 * One token bucket per client address (sessions created per minute): the buckets refill lazily,
 * and a full bucket is the same as none, so those are dropped once many addresses were seen.
 */
export class AddressRateLimiter {
  private readonly buckets = new Map<string, RateLimiter>();
  /** The size that triggers the next sweep; doubled past what a sweep left, so sweeps stay rare however many addresses are active. */
  private sweepAt = SWEEP_ABOVE;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    /** Told of every refusal (for the metrics). */
    private readonly onLimited: () => void = () => undefined,
  ) {}

  /** Takes one action for `address`: null when allowed, otherwise the milliseconds until it would be. */
  take(address: string): number | null {
    let bucket = this.buckets.get(address);
    if (!bucket) {
      if (this.buckets.size >= this.sweepAt) {
        this.sweep();
        this.sweepAt = Math.max(SWEEP_ABOVE, this.buckets.size * 2);
      }
      bucket = new RateLimiter(this.perMinute, this.now);
      this.buckets.set(address, bucket);
    }
    if (bucket.tryTake()) return null;
    this.onLimited();
    return bucket.waitMs();
  }

  private sweep(): void {
    for (const [address, bucket] of this.buckets) if (bucket.isFull()) this.buckets.delete(address);
  }
}

/** Open connections per client address, so one address cannot hold every socket of the server. */
export class ConnectionCounter {
  private readonly open = new Map<string, number>();

  constructor(private readonly perAddress: number) {}

  /** Counts a new connection of `address`; false (and nothing counted) when it already has the most. */
  tryOpen(address: string): boolean {
    const count = this.open.get(address) ?? 0;
    if (count >= this.perAddress) return false;
    this.open.set(address, count + 1);
    return true;
  }

  closed(address: string): void {
    const count = (this.open.get(address) ?? 1) - 1;
    if (count <= 0) this.open.delete(address);
    else this.open.set(address, count);
  }
}
