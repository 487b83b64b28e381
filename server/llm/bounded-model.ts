import { CircuitBreaker, type ModelHealth } from './circuit-breaker.js';
import { ModelError, type LanguageModel, type ModelStreamPart, type ObjectOptions, type StreamOptions } from './model.js';
import { sleepWithin, type TurnBudget } from './turn-budget.js';

/**
 * A model whose every wait is bounded by the caller's turn budget. The SDK makes no retries of
 * its own (it would sleep for any `Retry-After`); here a failed attempt is tried again only when
 * the wait it needs fits in what is left of the deadline. A wait that does not fit opens the
 * circuit breaker until the time the server named, and the caller answers offline at once.
 * A stream that sends no text within the first-token timeout is abandoned (and retried if
 * there is time): a server that accepts the connection and says nothing costs seconds, not minutes.
 */
export interface BoundedModelOptions {
  /** Longest wait for the first piece of text of a streamed reply. */
  firstTokenTimeoutMs?: number;
  /** Attempts per call, the first included. */
  maxAttempts?: number;
  /** The pause before a retry when the server named none. */
  retryDelayMs?: number;
  breaker?: CircuitBreaker;
}

export interface BoundedModel {
  readonly id: string;
  /** Never throws: failures, the breaker being open and the budget running out arrive as one `error` part. */
  stream(options: Omit<StreamOptions, 'signal'> & { budget: TurnBudget }): AsyncIterable<ModelStreamPart>;
  object<T>(options: Omit<ObjectOptions<T>, 'signal'> & { budget: TurnBudget }): Promise<T>;
  /** False while the breaker is open: callers skip the model without spending anything. */
  available(): boolean;
  health(): ModelHealth;
  ping(signal?: AbortSignal): Promise<boolean>;
}

/** A retry is only worth it when this much of the deadline is left after the wait. */
const LEAST_USEFUL_ATTEMPT_MS = 1_000;

export function boundModel(model: LanguageModel, options: BoundedModelOptions = {}): BoundedModel {
  const firstTokenTimeoutMs = options.firstTokenTimeoutMs ?? 8_000;
  const maxAttempts = options.maxAttempts ?? 2;
  const retryDelayMs = options.retryDelayMs ?? 250;
  const breaker = options.breaker ?? new CircuitBreaker();

  const circuitOpen = (): ModelError => new ModelError('unavailable', 'the model server is not being called until its circuit breaker closes', { retryable: false });

  /** Whether to try again after `failure`: waits (within the budget) and says yes, or records the failure and says no. */
  async function retryAfter(failure: ModelError, attempt: number, budget: TurnBudget): Promise<boolean> {
    if (budget.stoppedBy === 'caller' || failure.code === 'aborted') return false;
    const wait = failure.retryAfterMs ?? retryDelayMs;
    const fits = wait + LEAST_USEFUL_ATTEMPT_MS <= budget.remainingMs();
    if (failure.retryAfterMs !== undefined && !fits) {
      breaker.openFor(failure.retryAfterMs, failure.code);
      return false;
    }
    if (!failure.retryable || attempt >= maxAttempts || !fits) {
      breaker.recordFailure(failure.code);
      return false;
    }
    return sleepWithin(wait, budget.signal);
  }

  /** Our reason for a stop wins over the adapter's "aborted". */
  function explain(error: ModelError, budget: TurnBudget, firstTokenMissed: boolean): ModelError {
    if (firstTokenMissed) return new ModelError('timeout', `no text from the model within ${firstTokenTimeoutMs} ms`, { retryable: true });
    if (budget.stoppedBy === 'deadline') return new ModelError('timeout', "the turn's deadline for the model passed", { retryable: false });
    return error;
  }

  return {
    id: model.id,
    available: () => !breaker.isOpen(),
    health: () => breaker.health(),
    ping: (signal) => model.ping(signal),

    async *stream(request) {
      const { budget, ...rest } = request;
      for (let attempt = 1; ; attempt += 1) {
        if (breaker.isOpen()) {
          yield { type: 'error', error: circuitOpen() };
          return;
        }
        const attemptSignal = new AbortController();
        const onBudgetAbort = (): void => attemptSignal.abort();
        budget.signal.addEventListener('abort', onBudgetAbort, { once: true });
        if (budget.signal.aborted) attemptSignal.abort();
        let firstTokenMissed = false;
        const firstTokenTimer = setTimeout(() => {
          firstTokenMissed = true;
          attemptSignal.abort();
        }, Math.min(firstTokenTimeoutMs, budget.remainingMs()));
        let gotText = false;
        let failure: ModelError | null = null;
        try {
          for await (const part of model.stream({ ...rest, signal: attemptSignal.signal })) {
            if (part.type === 'text-delta') {
              clearTimeout(firstTokenTimer);
              gotText = true;
              yield part;
            } else if (part.type === 'finish') {
              breaker.recordSuccess();
              yield part;
              return;
            } else {
              failure = explain(part.error, budget, firstTokenMissed);
              break;
            }
          }
        } finally {
          clearTimeout(firstTokenTimer);
          budget.signal.removeEventListener('abort', onBudgetAbort);
        }
        failure ??= new ModelError('bad_response', 'the model stream ended without a finish', { retryable: true });
        // Text already shown cannot be taken back by a retry: the caller decides what to do.
        if (gotText) {
          breaker.recordFailure(failure.code);
          yield { type: 'error', error: failure };
          return;
        }
        if (!(await retryAfter(failure, attempt, budget))) {
          yield { type: 'error', error: budget.stoppedBy === 'deadline' ? explain(failure, budget, false) : failure };
          return;
        }
      }
    },

    async object(request) {
      const { budget, ...rest } = request;
      for (let attempt = 1; ; attempt += 1) {
        if (breaker.isOpen()) throw circuitOpen();
        try {
          const value = await model.object({ ...rest, signal: budget.signal });
          breaker.recordSuccess();
          return value;
        } catch (error) {
          const failure = explain(error instanceof ModelError ? error : new ModelError('other', 'the model call failed', { retryable: false }), budget, false);
          if (!(await retryAfter(failure, attempt, budget))) throw failure;
        }
      }
    },
  };
}
