
import type { TurnContext } from './turn-context.js';
import { draftStatement } from '../phrase/statement.js';
import { reflect } from '../phrase/reflect.js';
import { fill } from '../phrase/reflection-stems.js';
import type { PlannedMove } from '../domain/coach-plan.js';
import { joinList, stripFinalPunctuation } from '../understand/text.js';
import { obstacleClause } from './challenge.js';
import { describeAction, speakableActions } from './plan.js';

/**
 * The close: a summary that quotes the partnership statement and the plan back to the client,
 * their commitment, confidence and check-in rhythm, and a word of thanks.
 */
export function closingMoves(context: TurnContext): PlannedMove[] {
  const { state } = context;
  const closing = context.phrases.templates.closing;
  if (!context.entering) {
    const moves = context.understanding?.text
      ? reflect({ phrases: context.phrases, state, understanding: context.understanding, text: context.understanding.text, seed: context.seed, said: context.said, knownCategories: context.knownCategories }).slice(0, 1)
      : [];
    return [...moves, { kind: 'structuring', label: 'explains the session is closed', text: context.phrases.templates.afterComplete }];
  }
  // The client chose to stop before confirming a statement: close with it as it stands, or say there is none yet.
  if (state.statement?.status !== 'confirmed') return earlyClose(context);
  const statement = state.statement;
  const parts = [fill(closing.statement, { statement: statement.text })];
  if (state.plan.length > 0) {
    const actions = speakableActions(state).slice(0, 2).map(describeAction);
    if (actions.length > 0) parts.push(fill(closing.plan, { actions: joinList(actions, 'and') }));
  }
  const obstacle = state.obstacles[0];
  if (obstacle) {
    // The answer to "what will you do in that moment?" came after the obstacle: that is the plan for it.
    const answer = state.obstacles.find((slot) => slot.seq > obstacle.seq);
    const plan = answer ? stripFinalPunctuation(answer.text).replace(/^(?:then |so |i think |probably )?(?:you(?:'ll| will| would|'d| can| could)|i(?:'ll| will| would|'d))\s+/i, '') : null;
    const risk = obstacleClause(obstacle.text);
    parts.push(plan && plan !== answer?.text ? fill(closing.obstaclePlan, { obstacle: risk, plan }) : fill(closing.obstacle, { obstacle: risk }));
  }
  if (state.commitment && state.checkIn) {
    // A confidence never given is not made up: the line without it.
    parts.push(state.confidence === null ? fill(closing.commitmentNoConfidence, { checkIn: state.checkIn.text }) : fill(closing.commitment, { confidence: String(state.confidence), checkIn: state.checkIn.text }));
  }
  return [
    { kind: 'summary', label: 'closing summary of statement and plan', text: parts.join(' ') },
    { kind: 'affirmation', label: 'thanks the client', text: closing.farewell },
  ];
}

/** The close when the client stops before a statement was confirmed: what there is, plainly, and the way back. */
function earlyClose(context: TurnContext): PlannedMove[] {
  const { state } = context;
  const closing = context.phrases.templates.closing;
  const heardEnough = state.statement !== null || state.goals.length > 0 || state.needs.length > 0;
  const statement = state.statement ?? (heardEnough ? draftStatement(state, context.partCheck) : null);
  const text = statement ? `${closing.early} ${fill(closing.earlyStatement, { statement: statement.text })}` : `${closing.early} ${closing.earlyNothing}`;
  return [
    { kind: 'summary', label: 'closes early with the statement as it stands', text },
    { kind: 'affirmation', label: 'thanks the client', text: closing.earlyFarewell },
  ];
}
