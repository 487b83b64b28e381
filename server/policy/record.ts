import type { SessionState } from '../domain/session-state.js';
import type { CoachPlan } from '../domain/coach-plan.js';

/** How many past coach texts are kept to avoid near-repeats: enough for a long session. */
const REMEMBERED_TEXTS = 40;

/**
 * Records a coach turn in the state, purely: the question ids it asked (so none is asked again; the latest last),
 * its text (so no reflection is echoed), the statement it proposed, and a pause. The server calls
 * it once the coach message is stored; without it the policy cannot keep its promises.
 */
export function recordCoachTurn(state: SessionState, plan: CoachPlan, text: string = plan.moves.map((move) => move.text).join(' ')): SessionState {
  const asked = [...state.asked];
  // The most recent question is last: one asked again (a question explained when the client asked
  // what it meant) moves to the end, so the next message is read as its answer.
  for (const move of plan.moves) {
    if (!move.questionId) continue;
    const before = asked.indexOf(move.questionId);
    if (before !== -1) asked.splice(before, 1);
    asked.push(move.questionId);
  }
  const statement = plan.statement && (state.statement === null || state.statement.status === 'draft') ? plan.statement : state.statement;
  // What was put to the client: the whole draft ('draft') or only the part that changed ('changed part of the draft').
  const full = plan.moves.some((move) => move.note === 'draft');
  // 'draft unchanged': a reply that puts the same draft to them again in words ("it doesn't mention
  // that … you can confirm it as it stands"): a yes to it is a yes to the draft.
  const shown = full || plan.moves.some((move) => move.note === 'changed part of the draft' || move.note === 'draft unchanged');
  return {
    ...state,
    ...(shown && statement ? { statementShown: { text: statement.text, reply: text } } : {}),
    ...(full && statement ? { statementShownFull: { text: statement.text, reply: text } } : {}),
    asked,
    recentCoachTexts: [...state.recentCoachTexts, text].slice(-REMEMBERED_TEXTS),
    statement,
    paused: plan.pauses ? true : state.paused,
  };
}
