import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../server/ws/rate-limiter.js';

describe('rate limiter', () => {
  it('allows a burst up to capacity, then refills evenly over a minute', () => {
    let now = 0;
    const limiter = new RateLimiter(3, () => now);
    expect([limiter.tryTake(), limiter.tryTake(), limiter.tryTake(), limiter.tryTake()]).toEqual([true, true, true, false]);
    now += 10_000;
    expect(limiter.tryTake()).toBe(false);
    now += 10_000;
    expect(limiter.tryTake()).toBe(true);
    now += 10 * 60_000;
    expect([limiter.tryTake(), limiter.tryTake(), limiter.tryTake(), limiter.tryTake()]).toEqual([true, true, true, false]);
  });
});
