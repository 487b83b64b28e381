import type { ModelErrorCode } from './model.js';

/**
 * Stops calling a model server that is down or asked us to wait, so each turn answers offline at
 * once instead of spending its deadline on a call that will fail. It opens when the server names
 * a wait longer than a turn can afford (`Retry-After`, until the time it named) or after a run of
 * failed calls (for a cool-down); the first call after that is a trial, and its success closes it.
 */
export interface ModelHealth {
  /** `up`: the last call answered (or none was made); `failing`: recent calls failed; `open`: not called until `openUntil`. */
  state: 'up' | 'failing' | 'open';
  openUntil: string | null;
  consecutiveFailures: number;
  lastError: ModelErrorCode | 'circuit_open' | null;
}

export interface CircuitBreakerOptions {
  /** Failed calls in a row that open the breaker. */
  failureThreshold?: number;
  /** How long it stays open after a run of failures. */
  coolDownMs?: number;
  /** The longest wait honoured from a `Retry-After` (a server asking for a day is asked again sooner). */
  maxOpenMs?: number;
  now?: () => number;
  /** Told each time the breaker opens or closes (for the metrics). */
  onChange?: (open: boolean) => void;
}

export class CircuitBreaker {
  private readonly failureThreshold: number;
  private readonly coolDownMs: number;
  private readonly maxOpenMs: number;
  private readonly now: () => number;
  private openUntilMs = 0;
  private failures = 0;
  private lastError: ModelHealth['lastError'] = null;

  constructor(private readonly options: CircuitBreakerOptions = {}) {
    this.failureThreshold = options.failureThreshold ?? 3;
    this.coolDownMs = options.coolDownMs ?? 30_000;
    this.maxOpenMs = options.maxOpenMs ?? 3_600_000;
    this.now = options.now ?? Date.now;
  }

  isOpen(): boolean {
    return this.now() < this.openUntilMs;
  }

  /** The server named a wait we cannot afford: stop calling it until then. */
  openFor(ms: number, code: ModelErrorCode): void {
    this.lastError = code;
    this.failures += 1;
    this.open(Math.min(ms, this.maxOpenMs));
  }

  recordFailure(code: ModelErrorCode): void {
    if (code === 'aborted') return; // a client that left says nothing about the server
    this.lastError = code;
    this.failures += 1;
    if (this.failures >= this.failureThreshold) this.open(this.coolDownMs);
  }

  recordSuccess(): void {
    const wasOpen = this.openUntilMs > 0;
    this.failures = 0;
    this.lastError = null;
    this.openUntilMs = 0;
    if (wasOpen) this.options.onChange?.(false);
  }

  health(): ModelHealth {
    const open = this.isOpen();
    return {
      state: open ? 'open' : this.failures > 0 ? 'failing' : 'up',
      openUntil: open ? new Date(this.openUntilMs).toISOString() : null,
      consecutiveFailures: this.failures,
      lastError: this.lastError,
    };
  }

  private open(ms: number): void {
    const wasOpen = this.isOpen();
    this.openUntilMs = Math.max(this.openUntilMs, this.now() + ms);
    if (!wasOpen) this.options.onChange?.(true);
  }
}
