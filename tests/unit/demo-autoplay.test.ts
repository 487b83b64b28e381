import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DemoAutoplay } from '../../server/ws/demo-autoplay.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function player(doneAfter = Infinity) {
  let played = 0;
  const events: string[] = [];
  const autoplay = new DemoAutoplay(
    async () => {
      played += 1;
      return { done: played >= doneAfter };
    },
    { stopped: (reason) => events.push(`stopped:${reason}`), active: (on) => events.push(on ? 'on' : 'off') },
  );
  return { autoplay, events, played: () => played };
}

describe('demo auto-play', () => {
  it('plays at once, then one exchange per delay, until turned off', async () => {
    const { autoplay, played, events } = player();
    autoplay.start(1000);
    await vi.advanceTimersByTimeAsync(0);
    expect(played()).toBe(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(played()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(played()).toBe(2);
    await vi.advanceTimersByTimeAsync(3000);
    expect(played()).toBe(5);
    await autoplay.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(played()).toBe(5);
    expect(autoplay.active).toBe(false);
    expect(events).toEqual(['on', 'off']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops by itself when the demo is done', async () => {
    const { autoplay, played, events } = player(3);
    autoplay.start(500);
    await vi.advanceTimersByTimeAsync(5000);
    expect(played()).toBe(3);
    expect(events).toEqual(['on', 'off', 'stopped:done']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops on an error, and starting twice keeps one timer', async () => {
    let calls = 0;
    const stopped: string[] = [];
    const autoplay = new DemoAutoplay(
      async () => {
        calls += 1;
        if (calls === 2) throw new Error('boom');
        return { done: false };
      },
      { stopped: (reason) => stopped.push(reason) },
    );
    autoplay.start(200);
    autoplay.start(200);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(2);
    expect(stopped).toEqual(['error']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('lets an exchange in flight finish before stop resolves, and plays none after', async () => {
    let release: () => void = () => undefined;
    let played = 0;
    const autoplay = new DemoAutoplay(
      () =>
        new Promise((resolve) => {
          played += 1;
          release = () => resolve({ done: false });
        }),
    );
    autoplay.start(200);
    await vi.advanceTimersByTimeAsync(0);
    expect(played).toBe(1);
    let stopped = false;
    const stopping = autoplay.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    release();
    await stopping;
    await vi.advanceTimersByTimeAsync(5000);
    expect(played).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('demo auto-play turned off and on again quickly', () => {
  it('reports each change once and keeps one timer', async () => {
    vi.useFakeTimers();
    const active: boolean[] = [];
    let release: () => void = () => undefined;
    const autoplay = new DemoAutoplay(
      () =>
        new Promise((resolve) => {
          release = () => resolve({ done: false });
        }),
      { active: (on) => active.push(on) },
    );
    autoplay.start(200);
    await vi.advanceTimersByTimeAsync(0);
    const stopping = autoplay.stop();
    autoplay.start(200);
    release();
    await stopping;
    expect(autoplay.active).toBe(true);
    expect(active).toEqual([true]);
    expect(vi.getTimerCount()).toBe(1);
    await autoplay.stop();
    expect(active).toEqual([true, false]);
  });
});
