
import type { TurnContext } from './turn-context.js';
import { nextQuestion } from './questions.js';
import { pickFresh } from '../phrase/reflection-stems.js';
import { OPEN_PURPOSE, hasGoalMarker, isTopicPurpose } from '../understand/slots.js';
import { contentWords, shorten } from '../understand/text.js';
import { namedAsTopic, wishClause } from '../understand/wish-clause.js';
import type { PlannedMove } from '../domain/coach-plan.js';
import type { Slot } from '../domain/session-state.js';
import { hasAct } from '../domain/understanding.js';

/**
 * Clarify the agreement: what this is (a reflection partner, not therapy), confidentiality, then
 * the purpose, reflecting what the client said. The opening already said how long this takes and
 * that the client leads, so the time is not asked; the yes to going on is asked only of a client
 * who hesitated or doubted (engaging with a topic is a yes, see understand.ts).
 */
export function agreementMoves(context: TurnContext): PlannedMove[] {
  const { state, understanding } = context;
  const templates = context.phrases.templates;
  const moves: PlannedMove[] = [];
  if (understanding?.purpose && state.agreement.purpose?.seq === understanding.seq) {
    const purpose = state.agreement.purpose;
    const p = purposeClause(purpose, understanding.paraphrase);
    const text = p ? pickFresh(context.phrases.reflections.simple, context.seed, { p }, context.said) : null;
    if (text) moves.push({ kind: 'simple_reflection', label: 'reflects the purpose', text });
  } else if (understanding?.text && state.agreement.purpose === null && understanding.consent === null && !hasAct(understanding, 'pleasantry') && /^(?:you|your|you're|you've)\b/i.test(understanding.paraphrase) && contentWords(understanding.paraphrase).length >= 2) {
    // Scene-setting ("my manager set this up"): acknowledged in the client's words, then the topic is asked.
    const text = pickFresh(context.phrases.reflections.simple, context.seed, { p: shorten(understanding.paraphrase, 18) }, context.said);
    if (text) moves.push({ kind: 'simple_reflection', label: 'reflects the context', text });
  }
  if (understanding?.consent === false) {
    moves.push({ kind: 'structuring', label: 'respects a no', text: templates.consentDeclined });
    return moves;
  }
  const question =
    (state.agreement.purpose === null ? nextQuestion(context.phrases, state, 'clarify_agreement', 'purpose', 'asks the purpose', 3) : null) ??
    (!state.agreement.consent ? nextQuestion(context.phrases, state, 'clarify_agreement', 'consent', 'asks consent to go on') : null);
  if (question) {
    // Before asking for consent, restate the ground rules so the yes is informed.
    if (question.questionId?.startsWith('agreement.consent') && !context.said.some((said) => said.includes(templates.opening[0]!))) {
      moves.push({ kind: 'structuring', label: 'states the boundaries', text: templates.opening.join(' ') });
    }
    moves.push(question);
  } else if (state.agreement.purpose && state.agreement.consent) {
    moves.push({ kind: 'structuring', label: 'invites the next step', text: templates.agreementDone });
  } else {
    moves.push({ kind: 'structuring', label: 'leaves room', text: templates.empty });
  }
  return moves;
}

/** The opening turn: who the coach is, what happens to the client's words, and the first question. */
export function openingMoves(context: TurnContext): PlannedMove[] {
  const templates = context.phrases.templates;
  const moves: PlannedMove[] = [{ kind: 'structuring', label: 'explains the coaching and its boundaries', text: templates.opening.join(' ') }];
  const question = nextQuestion(context.phrases, context.state, 'clarify_agreement', 'purpose', 'asks the purpose');
  if (question) moves.push(question);
  return moves;
}


/** The purpose as the coach gives it back: a topic or a wish as "you'd like to …", a story as told. */
export function purposeClause(purpose: Slot, paraphrase: string): string {
  if (purpose.text === OPEN_PURPOSE) return '';
  // "I'd like to talk about work spilling into my evenings": a topic, whatever its first word.
  if (purpose.own !== undefined && namedAsTopic(purpose.quote, purpose.own)) return `you'd like to focus on ${purpose.text}`;
  return isTopicPurpose(purpose.quote) || hasGoalMarker(purpose.quote) || /^(?:you(?:'d| would) like|you want|you're hoping) to\b/i.test(purpose.text) ? wishClause(purpose.text) : purpose.text || paraphrase;
}
