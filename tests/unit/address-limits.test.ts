import { describe, expect, it } from 'vitest';
import { AddressRateLimiter, ConnectionCounter } from '../../server/limits/address-limits.js';

describe('limits per address', () => {
  it('gives each address its own budget and says how long to wait (the Retry-After)', () => {
    let now = 0;
    let refused = 0;
    const limiter = new AddressRateLimiter(3, () => now, () => (refused += 1));
    expect([0, 1, 2].map(() => limiter.take('192.0.2.1'))).toEqual([null, null, null]);
    expect(limiter.take('192.0.2.1')).toBe(20_000);
    expect(limiter.take('192.0.2.2'), 'another address is not held back').toBeNull();
    now += 15_000;
    expect(limiter.take('192.0.2.1')).toBe(5_000);
    now += 5_000;
    expect(limiter.take('192.0.2.1')).toBeNull();
    expect(refused).toBe(2);
  });

  it('keeps working for every address after many thousands were seen (idle buckets are swept)', () => {
    let now = 0;
    const limiter = new AddressRateLimiter(1, () => now);
    for (let index = 0; index < 12_000; index += 1) limiter.take(`10.${index >> 8}.${index & 255}.1`);
    expect(limiter.take('10.0.0.1'), 'a recent address keeps its spent budget').toBeGreaterThan(0);
    now += 60_000;
    expect(limiter.take('10.0.0.1')).toBeNull();
    expect(limiter.take('198.51.100.1')).toBeNull();
  });

  it('counts open connections per address and frees a place when one closes', () => {
    const counter = new ConnectionCounter(2);
    expect([counter.tryOpen('a'), counter.tryOpen('a'), counter.tryOpen('a'), counter.tryOpen('b')]).toEqual([true, true, false, true]);
    counter.closed('a');
    expect(counter.tryOpen('a')).toBe(true);
  });
});
