import { sessionPersona } from './persona-catalog.js';
import type { UtteranceClassifier } from '../classify/classifier.js';
import type { UtteranceLabeler } from '../classify/model-labeler.js';
import type { FeedbackReport } from '../domain/schemas.js';
import { buildFeedbackReport, type FeedbackTurn } from '../persona/feedback.js';
import type { PersonaBank } from '../persona/persona-bank.js';
import type { StoredEvent } from '../store/store.js';
import { rehearsalOf } from './rehearse.js';
import type { SessionState } from '../domain/session-state.js';

/**
 * The transcript's coach turns labelled by the offline classifier, each read against the
 * client's line before it (as during the rehearsal itself).
 */
export function labelTurns(events: readonly StoredEvent[], classifier: UtteranceClassifier): FeedbackTurn[] {
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

/**
 * Relabels the coach turns with a model-backed labeler (used when a model is configured); the
 * labeler itself falls back to the offline classifier for any batch the model cannot label.
 */
export async function relabelTurns(turns: FeedbackTurn[], labeler: UtteranceLabeler, signal?: AbortSignal): Promise<FeedbackTurn[]> {
  const inputs: { text: string; previousClient: string }[] = [];
  let previousClient = '';
  for (const turn of turns) {
    if (turn.role === 'client') previousClient = turn.text;
    else inputs.push({ text: turn.text, previousClient });
  }
  if (inputs.length === 0) return turns;
  const labels = await labeler(inputs, signal);
  let index = 0;
  return turns.map((turn) => (turn.role === 'coach' ? { ...turn, label: (labels[index++] ?? turn.label) as FeedbackTurn['label'] } : turn));
}

/** The feedback report of a rehearse or demo session from its state and transcript. */
export async function feedbackFor(
  state: SessionState,
  events: readonly StoredEvent[],
  personas: PersonaBank,
  classifier: UtteranceClassifier,
  labeler?: UtteranceLabeler,
): Promise<FeedbackReport> {
  const offline = labelTurns(events, classifier);
  const turns = labeler ? await relabelTurns(offline, labeler) : offline;
  return buildFeedbackReport(turns, rehearsalOf(state), sessionPersona(personas, state), {
    statementConfirmed: state.mode === 'demo' && state.statement?.status === 'confirmed',
  });
}
