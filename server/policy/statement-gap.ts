import type { PlannedMove } from '../domain/coach-plan.js';
import type { Statement } from '../domain/schemas.js';
import type { SessionState } from '../domain/session-state.js';
import type { PromptBank } from '../phrase/prompt-bank.js';
import { ask, unasked } from './questions.js';

/** The id a plain question for a missing part is recorded under: its second part names the slot, as bank ids do. */
export const STATEMENT_GAP_PREFIX = 'statement_gap.';

/**
 * A statement is never put to the client with a part missing: the first missing part (what they
 * want, how they will know, what they will try) is asked for, with a bank question not yet used,
 * or, when those are used up, a plain line that names the part. Null when nothing is missing.
 */
export function statementGapMove(phrases: PromptBank, state: SessionState, statement: Statement, lead = phrases.templates.statementGap): PlannedMove | null {
  const gap = statement.goals.length === 0 ? 'goals' : statement.successIndicators.length === 0 ? 'success' : !statement.firstExperiment.trim() ? 'experiment' : null;
  if (!gap) return null;
  const name = { goals: 'aim', success: 'sign of progress', experiment: 'first experiment' } as const;
  const question = unasked(phrases, state, 'create_partnership', gap)[0];
  if (question) return ask(question, `asks for the statement's missing ${name[gap]}`, lead);
  const templates = phrases.templates;
  const plain = { goals: templates.statementGapGoal, success: templates.statementGapSuccess, experiment: templates.statementGapExperiment }[gap];
  // Recorded as asked, so the answer is read as that part ("ok like 70 on the practice tests" is the aim).
  return { kind: 'open_question', label: `asks for the statement's missing ${name[gap]}`, questionId: `${STATEMENT_GAP_PREFIX}${gap}`, text: lead ? `${lead} ${plain}` : plain };
}
