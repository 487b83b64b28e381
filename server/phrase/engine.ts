import type { CoachPlan } from '../domain/coach-plan.js';
import type { HistoryItem, Move } from '../domain/schemas.js';
import type { SessionState } from '../domain/session-state.js';
import type { Understanding } from '../domain/understanding.js';
import type { ModelHealth } from '../llm/circuit-breaker.js';

export type ModelHealthReport = ModelHealth & { model: string };

/** What an engine gets to phrase one coach turn. */
export interface PhraseInput {
  state: SessionState;
  /** The last few turns of the transcript (bounded). */
  recent: HistoryItem[];
  /** The client message being answered, null when the coach opens. */
  message: { text: string; seq: number } | null;
  plan: CoachPlan;
}

/** A streamed piece of a coach reply: a discriminated union, errors travel as parts. */
export type PhrasePart =
  | { type: 'text-delta'; text: string }
  | { type: 'finish'; text: string; moves: Move[]; engine: string; fallback?: boolean }
  | { type: 'error'; error: Error; retryable: boolean };

/**
 * Phrases the coach's plan. The offline engine renders the plan's own text; a model-backed engine
 * streams its wording of the same moves. Either way the moves come from the server's policy.
 */
export interface CoachEngine {
  readonly name: string;
  phrase(input: PhraseInput, signal?: AbortSignal): AsyncIterable<PhrasePart>;
  /** Optional deeper understanding (a model's structured extraction), merged alongside the reply. */
  refine?(input: { state: SessionState; recent: HistoryItem[]; message: { text: string; seq: number } }, signal?: AbortSignal): Promise<Partial<Understanding> | null>;
  /** Whether the engine can answer (for /readyz). */
  ready?(): Promise<boolean>;
  /** How the model behind the engine is doing (for /readyz's body and /metrics); absent offline. */
  health?(): ModelHealthReport;
}
