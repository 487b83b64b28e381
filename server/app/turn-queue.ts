/**
 * Lets the heavy part of one client turn (understanding, plan and plan check, the prompt, the model
 * request) run per turn of the event loop, in arrival order, instead of every waiting turn's in one go.
 *
 * Why: the store (better-sqlite3 behind Kysely) answers with promises that resolve at once, so a
 * turn runs from the socket's frame to its model request without giving the loop back. When many
 * messages arrive together (50 sessions), all their turns ran back to back in one phase of the
 * loop, tens of milliseconds each, and the first chunks the upstream had already sent to the
 * earlier turns waited behind all of them (the server's event loop was held up for over a second
 * at a time in `npm run bench:model -- --sessions 50 --loop-delay`). Released one per
 * `setImmediate`, the loop reads its sockets between two turns, so a turn's first words wait for
 * at most the turn being worked on. The same work in the same order: only the interleaving with I/O changes.
 */
export class TurnQueue {
  private readonly waiting: Array<() => void> = [];
  private scheduled = false;

  /** Resolves when it is this turn's go: at once (one `setImmediate`) when nothing is waiting. */
  next(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.release);
      }
    });
  }

  /** One waiting turn goes on (its continuation runs before the next immediate); the rest wait for the next run of the loop. */
  private readonly release = (): void => {
    this.waiting.shift()?.();
    if (this.waiting.length > 0) setImmediate(this.release);
    else this.scheduled = false;
  };
}
