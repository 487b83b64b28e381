import { describe, expect, it } from 'vitest';
import { TurnQueue } from '../../server/app/turn-queue.js';

describe('TurnQueue', () => {
  it('lets turns go in the order they came, with the event loop run between two of them', async () => {
    const queue = new TurnQueue();
    const order: string[] = [];
    // Something else due while three turns wait (here a timer, as a first chunk from the upstream
    // would be): it runs after the first turn, not after all three.
    const turns = ['a', 'b', 'c'].map((name) =>
      queue.next().then(() => {
        order.push(name);
        if (name !== 'a') return;
        setTimeout(() => order.push('other work'), 0);
        const until = Date.now() + 5;
        while (Date.now() < until); // the turn's own work, long enough for the timer to be due
      }),
    );
    await Promise.all(turns);
    expect(order).toEqual(['a', 'other work', 'b', 'c']);
  });

  it('goes again after it ran empty', async () => {
    const queue = new TurnQueue();
    await queue.next();
    await expect(Promise.race([queue.next().then(() => 'went'), new Promise((resolve) => setTimeout(() => resolve('stuck'), 1000))])).resolves.toBe('went');
  });
});
