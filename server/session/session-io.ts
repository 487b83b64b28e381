import type { CoachPlan } from '../domain/coach-plan.js';
import type { HistoryItem, Move } from '../domain/schemas.js';
import type { StepId } from '../domain/steps.js';
import type { FrameSink } from '../protocol/server-frames.js';
import type { Store, StoredEvent } from '../store/store.js';
import type { SessionState } from '../domain/session-state.js';

/** One transcript turn to store and send as an `assistant.message`. */
export interface OutgoingTurn {
  role: 'coach' | 'client';
  text: string;
  step: StepId;
  moves: Move[];
  replyTo?: string;
  fallback?: boolean;
}

export interface SpeakContext {
  message: { text: string; seq: number } | null;
  replyTo?: string;
  recent: HistoryItem[];
  sink: FrameSink;
  signal?: AbortSignal;
  refinement?: Promise<unknown> | undefined;
}

/**
 * What the mode runners (rehearse, demo) use of the session service: the same paths the coach
 * mode stores and emits through. Callers already hold the session's lock.
 */
export interface SessionIO {
  readonly store: Store;
  /** Streams `text` as `assistant.delta`s (a sentence at a time), then stores and sends the turn. */
  sayText(sessionId: string, turn: OutgoingTurn, sink: FrameSink): Promise<{ seq: number }>;
  /** The coach speaks a plan: phrased by the engine (falling back offline), stored, sent, state saved. */
  speak(sessionId: string, state: SessionState, plan: CoachPlan, context: SpeakContext): Promise<SessionState>;
  saveAndEmitState(sessionId: string, state: SessionState, sink: FrameSink): Promise<void>;
  recent(sessionId: string): Promise<HistoryItem[]>;
}

/** A reply split into the chunks streamed as deltas: a sentence at a time. */
export function sentenceChunks(text: string): string[] {
  const chunks = text.match(/[^.!?]+[.!?]+["”']?\s*|[^.!?]+$/g) ?? [text];
  const kept = chunks.filter((chunk) => chunk.length > 0);
  return kept.join('') === text ? kept : [text];
}

/** A stored turn sent again as an `assistant.message` (a resent user.message whose reply was stored). */
export function assistantFrame(event: StoredEvent, turn: string) {
  return {
    type: 'assistant.message' as const,
    turn,
    seq: event.seq,
    ...(event.replyTo ? { replyTo: event.replyTo } : {}),
    role: event.role,
    text: event.text,
    step: event.step,
    moves: event.moves ?? [],
  };
}
