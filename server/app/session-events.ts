import type { FeedbackReport, Move } from '../domain/schemas.js';
import type { StateView } from '../domain/state-view.js';
import type { StepId } from '../domain/steps.js';
import type { StoredEvent } from '../store/store.js';

/**
 * What the session service, rehearse and demo report as a turn runs: domain events, not protocol
 * frames. ws/ maps each to its frame (ws/session-frames.ts); nothing below ws/ and http/ knows the
 * wire format.
 */
export type SessionEvent =
  /** The person's message is stored with this seq. */
  | { type: 'message.accepted'; id: string; seq: number }
  /** A piece of the reply being phrased (its final text comes with `turn.stored`). */
  | { type: 'reply.delta'; turn: string; text: string }
  /** A transcript turn is stored (a reply, the simulated client's line, or a stored reply sent again). */
  | { type: 'turn.stored'; turn: string; seq: number; replyTo?: string; role: 'coach' | 'client'; text: string; step: StepId; moves: Move[]; fallback?: boolean }
  /** The session's state changed and was stored with this seq. */
  | { type: 'state.changed'; seq: number; view: StateView }
  /** A feedback report was built and stored with this seq. */
  | { type: 'feedback.ready'; seq: number; report: FeedbackReport };

export type EventSink = (event: SessionEvent) => void;

/** A stored turn reported again (a resent message whose reply was stored). */
export function storedTurnEvent(event: StoredEvent, turn: string): SessionEvent {
  return {
    type: 'turn.stored',
    turn,
    seq: event.seq,
    ...(event.replyTo ? { replyTo: event.replyTo } : {}),
    role: event.role,
    text: event.text,
    step: event.step,
    moves: event.moves ?? [],
  };
}
