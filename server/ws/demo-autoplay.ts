/** Default pause between two auto-played demo exchanges. */
export const DEFAULT_DEMO_DELAY_MS = 2500;

export type AutoplayStop = 'done' | 'error';

/**
 * Plays a demo on by itself for one connection: an exchange at once, then one every `delayMs`,
 * until the demo is done, it is turned off, or the socket closes. One timer, never two; an
 * exchange in flight always finishes before `stop()` resolves, so nothing plays after it.
 */
export class DemoAutoplay {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private on = false;
  private delayMs = DEFAULT_DEMO_DELAY_MS;
  /** What `events.active` last said, so it is told each change exactly once. */
  private reported = false;

  constructor(
    private readonly play: () => Promise<{ done: boolean }>,
    private readonly events: { stopped?: (reason: AutoplayStop, error?: unknown) => void; active?: (on: boolean) => void } = {},
  ) {}

  get active(): boolean {
    return this.on;
  }

  /** Turns auto-play on (or changes its pace); the first exchange plays at once. */
  start(delayMs: number = DEFAULT_DEMO_DELAY_MS): void {
    this.delayMs = delayMs;
    if (this.on) return;
    this.on = true;
    this.report(true);
    if (!this.running) this.schedule(0);
  }

  /** Turns auto-play off; resolves (and reports it inactive) once no exchange is in flight. */
  async stop(): Promise<void> {
    this.clearTimer();
    this.on = false;
    await this.running;
    if (!this.on) this.report(false);
  }

  private report(on: boolean): void {
    if (this.reported === on) return;
    this.reported = on;
    this.events.active?.(on);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delayMs: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.tick().finally(() => {
        this.running = null;
      });
    }, delayMs);
  }

  private async tick(): Promise<void> {
    if (!this.on) return;
    let reason: AutoplayStop | null = null;
    let failure: unknown;
    try {
      if ((await this.play()).done) reason = 'done';
    } catch (error) {
      reason = 'error';
      failure = error;
    }
    if (!this.on) return;
    if (reason) {
      this.on = false;
      this.report(false);
      this.events.stopped?.(reason, failure);
      return;
    }
    this.schedule(this.delayMs);
  }
}
