/**
 * A token bucket: `capacity` actions at once, refilled evenly over a minute. Keeps a single
 * connection from flooding the coach (and a configured model) with messages.
 */
export class RateLimiter {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.updatedAt = now();
  }

  tryTake(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until the next action would be allowed (0 when it is now): the Retry-After. */
  waitMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 60_000) / this.capacity);
  }

  /** Refilled to capacity: as good as a bucket never used. */
  isFull(): boolean {
    this.refill();
    return this.tokens >= this.capacity;
  }

  private refill(): void {
    const now = this.now();
    const refill = ((now - this.updatedAt) / 60_000) * this.capacity;
    this.tokens = Math.min(this.capacity, this.tokens + refill);
    this.updatedAt = now;
  }
}
