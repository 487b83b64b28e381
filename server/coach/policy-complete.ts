import { promptBank } from './prompt-bank.js';
import type { TurnContext } from './policy-context.js';
import { draftStatement } from './statement.js';
import { fill, reflect } from './reflect.js';
import type { PlannedMove } from './types.js';
import { joinList } from './text.js';

/**
 * The close: a summary that quotes the partnership statement and the plan back to the client,
 * their commitment, confidence and check-in rhythm, and a word of thanks.
 */
export function closingMoves(context: TurnContext): PlannedMove[] {
  const { state } = context;
  const closing = promptBank().templates.closing;
  if (!context.entering) {
    const moves = context.understanding?.text
      ? reflect({ state, understanding: context.understanding, text: context.understanding.text, seed: context.seed, said: context.said, knownCategories: context.knownCategories }).slice(0, 1)
      : [];
    return [...moves, { kind: 'structuring', label: 'explains the session is closed', text: promptBank().templates.afterComplete }];
  }
  const statement = state.statement ?? draftStatement(state);
  const parts = [fill(closing.statement, { statement: statement.text })];
  if (state.plan.length > 0) {
    const actions = state.plan.map((action) => `${action.what}${action.byWhen && !action.what.toLowerCase().includes(action.byWhen.toLowerCase()) ? ` (${action.byWhen})` : ''}${action.measure ? `; progress shows as: ${action.measure}` : ''}`);
    parts.push(fill(closing.plan, { actions: joinList(actions, 'and') }));
  }
  if (state.commitment && state.checkIn) {
    parts.push(fill(closing.commitment, { confidence: state.confidence === null ? 'unstated' : String(state.confidence), checkIn: state.checkIn.text }));
  }
  return [
    { kind: 'summary', label: 'closing summary of statement and plan', text: parts.join(' ') },
    { kind: 'affirmation', label: 'thanks the client', text: closing.farewell },
  ];
}
