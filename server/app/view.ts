import type { HistoryItem } from '../domain/schemas.js';
import type { StateView } from '../domain/state-view.js';
import type { StoredEvent } from '../store/store.js';
import { missingForStep } from '../process/guards.js';
import type { SessionState } from '../domain/session-state.js';
import type { StepBook } from '../domain/steps.js';

/** The part of the session state a client sees. */
export function stateView(steps: StepBook, state: SessionState): StateView {
  return {
    step: state.step,
    // Evidence is verbatim (protocol v1): the client's words as typed, not as cleaned for reading.
    needs: state.needs.map((need) => ({ ...need, evidence: need.evidence.map((quote) => state.originals?.[quote] ?? quote) })),
    constraints: state.constraints.map((constraint) => ({ ...constraint, evidence: constraint.evidence.map((quote) => state.originals?.[quote] ?? quote) })),
    learningPreference: state.learningPreference,
    statement: state.statement,
    missing: missingForStep(steps, state.step, state),
    transitions: state.transitions,
    paused: state.paused,
  };
}

/** Transcript turns of a session's events, as protocol HistoryItems. */
export function toHistory(events: StoredEvent[]): HistoryItem[] {
  return events
    .filter((event) => event.kind === 'message')
    .map((event) => ({
      seq: event.seq,
      role: event.role,
      text: event.text,
      step: event.step,
      ...(event.moves && event.moves.length > 0 ? { moves: event.moves } : {}),
      at: event.at,
      // Additions to v1: the client's own message id, and the message a coach turn answers, so a
      // reconnecting client can match what it sent exactly.
      ...(event.clientMessageId ? { id: event.clientMessageId } : {}),
      ...(event.replyTo ? { replyTo: event.replyTo } : {}),
    }));
}
