import { describe, expect, it } from 'vitest';
import { KeyedMutex } from '../../server/app/keyed-mutex.js';

describe('keyed mutex', () => {
  it('runs work of one key in order, other keys alongside, and survives failures', async () => {
    const mutex = new KeyedMutex();
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = mutex.run('a', async () => {
      await gate;
      order.push('a1');
    });
    const failing = mutex.run('a', async () => {
      order.push('a2');
      throw new Error('boom');
    });
    const third = mutex.run('a', async () => order.push('a3'));
    await mutex.run('b', async () => order.push('b1'));
    expect(order).toEqual(['b1']);
    release();
    await first;
    await expect(failing).rejects.toThrow('boom');
    await third;
    expect(order).toEqual(['b1', 'a1', 'a2', 'a3']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(mutex.size).toBe(0);
  });
});
