/**
 * Serializes work per key (one session's turns run one at a time in this process) without
 * blocking other keys. Entries are dropped when their queue empties, so memory follows activity.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Settles once all work queued now has finished (failed work counts as finished). */
  async settled(): Promise<void> {
    await Promise.all([...this.tails.values()]);
  }

  get size(): number {
    return this.tails.size;
  }
}
