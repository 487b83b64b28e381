/**
 * A demonstration is paced by reading time: each turn stays on its own long enough to be read
 * before the next appears, whether the person steps through it or lets it play. The server sends
 * an exchange's two turns together; this queue lets them out one at a time.
 */

/** Words per minute for each pace the person can choose; 180 is an unhurried on-screen reading speed. */
export const READING_PACES: { wordsPerMinute: number; words: string }[] = [
  { wordsPerMinute: 120, words: 'Slow reading' },
  { wordsPerMinute: 180, words: 'Calm reading' },
  { wordsPerMinute: 280, words: 'Quick reading' },
];
export const DEFAULT_WORDS_PER_MINUTE = 180;

/** A moment to find the new turn before reading it, and bounds so a one-word line still pauses and a long one does not stall. */
const SETTLE_MS = 700;
const MIN_MS = 1200;
const MAX_MS = 20_000;

/** How long a text takes to read at the given speed, in milliseconds. */
export function readingTimeMs(text: string, wordsPerMinute: number = DEFAULT_WORDS_PER_MINUTE): number {
  const words = text.trim().split(/\s+/).filter(Boolean).length;
  const ms = SETTLE_MS + (words * 60_000) / Math.max(60, wordsPerMinute);
  return Math.round(Math.min(MAX_MS, Math.max(MIN_MS, ms)));
}

type Timer = (callback: () => void, ms: number) => unknown;

/**
 * Shows queued turns one at a time: a turn is drawn as soon as the one before it has had its
 * reading time. `whenShown` runs once everything queued is on screen; `whenRead` once the last of
 * it has had its reading time too (auto-play asks for the next exchange only then).
 */
export class ReadingPacer {
  private queue: { show: () => void; text: string }[] = [];
  private readyAt = 0;
  private running = false;
  private shownWaiters: (() => void)[] = [];
  private readWaiters: (() => void)[] = [];

  constructor(
    private readonly wordsPerMinute: () => number,
    private readonly timer: Timer = (callback, ms) => window.setTimeout(callback, ms),
    private readonly now: () => number = () => Date.now(),
  ) {}

  get idle(): boolean {
    return !this.running && this.queue.length === 0;
  }

  show(text: string, draw: () => void): void {
    this.queue.push({ show: draw, text });
    if (!this.running) this.next();
  }

  whenShown(callback: () => void): void {
    if (this.idle) callback();
    else this.shownWaiters.push(callback);
  }

  whenRead(callback: () => void): void {
    if (!this.idle) {
      this.readWaiters.push(callback);
      return;
    }
    const wait = this.readyAt - this.now();
    if (wait <= 0) callback();
    else this.timer(() => this.whenRead(callback), wait);
  }

  /** The person says they have read what is shown (they asked for the next exchange): no more waiting on it. */
  readNow(): void {
    if (this.queue.length === 0) this.readyAt = this.now();
  }

  /** Everything waiting is drawn at once (a reload, or leaving the page). */
  flush(): void {
    const waiting = this.queue;
    this.queue = [];
    for (const item of waiting) item.show();
    this.readyAt = this.now();
    this.running = false;
    this.settle();
  }

  private next(): void {
    const item = this.queue.shift();
    if (!item) {
      this.running = false;
      this.settle();
      return;
    }
    this.running = true;
    const wait = this.readyAt - this.now();
    const draw = () => {
      item.show();
      this.readyAt = this.now() + readingTimeMs(item.text, this.wordsPerMinute());
      if (this.queue.length === 0) {
        this.running = false;
        this.settle();
      } else this.next();
    };
    if (wait <= 0) draw();
    else this.timer(draw, wait);
  }

  private settle(): void {
    const shown = this.shownWaiters;
    this.shownWaiters = [];
    for (const callback of shown) callback();
    const read = this.readWaiters;
    this.readWaiters = [];
    for (const callback of read) this.whenRead(callback);
  }
}
