/**
 * One deadline for everything a turn asks of a model: every attempt, every retry and every wait
 * between them draw on the same budget, so no combination of slow answers, retries and
 * `Retry-After` can hold a turn longer than the deadline. The budget's signal aborts when the
 * deadline passes or the caller's signal aborts (a client that left), whichever comes first.
 */
export interface TurnBudget {
  readonly signal: AbortSignal;
  /** What is left of the deadline, in milliseconds (0 once it passed). */
  remainingMs(): number;
  /** Why the budget's signal aborted, or null while it has not. */
  readonly stoppedBy: 'deadline' | 'caller' | null;
  /** Clears the timer; call when the turn is over. */
  dispose(): void;
}

export function createTurnBudget(deadlineMs: number, callerSignal?: AbortSignal, now: () => number = Date.now): TurnBudget {
  const controller = new AbortController();
  const endsAt = now() + deadlineMs;
  let stoppedBy: TurnBudget['stoppedBy'] = null;
  const stop = (reason: 'deadline' | 'caller'): void => {
    if (stoppedBy !== null) return;
    stoppedBy = reason;
    controller.abort();
  };
  const onCallerAbort = (): void => stop('caller');
  if (callerSignal?.aborted) stop('caller');
  callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  const timer = setTimeout(() => stop('deadline'), deadlineMs);
  return {
    signal: controller.signal,
    remainingMs: () => (stoppedBy === null ? Math.max(0, endsAt - now()) : 0),
    get stoppedBy() {
      return stoppedBy;
    },
    dispose() {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
}

/** Resolves after `ms`, or early (false) when the signal aborts: a wait that never outlives the turn. */
export function sleepWithin(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
