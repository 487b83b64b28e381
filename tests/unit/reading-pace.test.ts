import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReadingPacer, readingTimeMs } from '../../web/src/reading-pace.js';

const CLIENT = 'I have picked up three extra shifts this month because nobody else could, and I tell myself it is temporary.';
const COACH = 'It sounds like the extra shifts are wearing on you.';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const pacer = (wordsPerMinute = 180) => new ReadingPacer(() => wordsPerMinute, (callback, ms) => setTimeout(callback, ms), () => Date.now());

describe('demo pacing by reading time', () => {
  it('gives a longer line more time, and a slower reader more time still', () => {
    expect(readingTimeMs(CLIENT)).toBeGreaterThan(readingTimeMs(COACH));
    expect(readingTimeMs(CLIENT, 120)).toBeGreaterThan(readingTimeMs(CLIENT, 280));
    // 20 words at 180 words a minute is about 6.7 s, plus a moment to find the line.
    expect(readingTimeMs(CLIENT)).toBe(Math.round(700 + (20 * 60_000) / 180));
    expect(readingTimeMs('Yes.')).toBe(1200);
  });

  it('shows the client line at once and holds the reply until the line has been read', () => {
    const shown: string[] = [];
    const pace = pacer();
    pace.show(CLIENT, () => shown.push('client'));
    pace.show(COACH, () => shown.push('coach'));
    expect(shown).toEqual(['client']);
    vi.advanceTimersByTime(readingTimeMs(CLIENT) - 1);
    expect(shown).toEqual(['client']);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual(['client', 'coach']);
  });

  it('asks for the next exchange only once the last reply has been read', () => {
    const pace = pacer();
    const events: string[] = [];
    pace.show(CLIENT, () => events.push('client'));
    pace.show(COACH, () => events.push('coach'));
    pace.whenShown(() => events.push('shown'));
    pace.whenRead(() => events.push('next'));
    vi.advanceTimersByTime(readingTimeMs(CLIENT));
    expect(events).toEqual(['client', 'coach', 'shown']);
    vi.advanceTimersByTime(readingTimeMs(COACH) - 1);
    expect(events).not.toContain('next');
    vi.advanceTimersByTime(1);
    expect(events.at(-1)).toBe('next');
  });
});
