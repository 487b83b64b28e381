import { loadOfflineClassifier, type UtteranceClassifier } from '../classify/classifier.js';
import type { FeedbackReport } from '../domain/schemas.js';
import { buildFeedbackReport, type FeedbackTurn } from '../persona/feedback.js';
import { personaById } from '../persona/persona-bank.js';
import type { StoredEvent } from '../store/store.js';
import { rehearsalOf } from './rehearse.js';
import type { SessionState } from './state.js';

/**
 * The transcript's coach turns labelled by the offline classifier, each read against the
 * client's line before it (as during the rehearsal itself).
 */
export function labelTurns(events: readonly StoredEvent[], classifier: UtteranceClassifier = loadOfflineClassifier()): FeedbackTurn[] {
  let previousClient = '';
  return events
    .filter((event) => event.kind === 'message')
    .map((event) => {
      if (event.role === 'client') {
        previousClient = event.text;
        return { seq: event.seq, role: 'client' as const, text: event.text };
      }
      return { seq: event.seq, role: 'coach' as const, text: event.text, label: classifier.classify({ text: event.text, previousClient }).label };
    });
}

/** The feedback report of a rehearse or demo session from its state and transcript. */
export function feedbackFor(state: SessionState, events: readonly StoredEvent[]): FeedbackReport {
  return buildFeedbackReport(labelTurns(events), rehearsalOf(state), personaById(state.persona), {
    statementConfirmed: state.mode === 'demo' && state.statement?.status === 'confirmed',
  });
}
