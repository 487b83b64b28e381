import type { CoachPlan } from '../domain/coach-plan.js';
import type { HistoryItem, Move } from '../domain/schemas.js';
import type { StepId } from '../domain/steps.js';
import type { Store } from '../store/store.js';
import type { EventSink } from './session-events.js';
import type { SessionState } from '../domain/session-state.js';

/** One transcript turn to store and send as a stored turn. */
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
  sink: EventSink;
  signal?: AbortSignal;
  /** Called once, right after the reply's first words are sent (or once the turn has its reply, if none streamed). */
  onFirstWords?: () => void;
}

/**
 * What the mode runners (rehearse, demo) use of the session service: the same paths the coach
 * mode stores and emits through. Callers already hold the session's lock.
 */
export interface SessionIO {
  readonly store: Store;
  /** Streams `text` as reply deltas (a sentence at a time), then stores and sends the turn. */
  sayText(sessionId: string, turn: OutgoingTurn, sink: EventSink): Promise<{ seq: number }>;
  /** The coach speaks a plan: phrased by the engine (falling back offline), stored, sent, state saved. */
  speak(sessionId: string, state: SessionState, plan: CoachPlan, context: SpeakContext): Promise<SessionState>;
  saveAndEmitState(sessionId: string, state: SessionState, sink: EventSink): Promise<void>;
  recent(sessionId: string): Promise<HistoryItem[]>;
}
