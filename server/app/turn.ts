import { applyUnderstanding, withExperimentAsFirstAction, withWordEdits } from '../understand/apply.js';
import type { Statement, StatementEdit } from '../domain/schemas.js';
import { planTurn } from '../policy/plan-turn.js';
import { OBSTACLE_PLAN_QUESTIONS } from '../policy/challenge.js';
import { recordCoachTurn } from '../policy/record.js';
import { draftStatement } from '../phrase/statement.js';
import type { CoachPlan } from '../domain/coach-plan.js';
import type { Understanding } from '../domain/understanding.js';
import { confirmationPending, understand } from '../understand/understand.js';
import { safetyMove } from '../understand/safety.js';
import type { CoachContent } from '../policy/coach-content.js';
import { missingForStep } from '../process/guards.js';
import { transition, transitionAll, type Effect, type MachineEvent } from '../process/machine.js';
import type { SessionState } from '../domain/session-state.js';
import { actOf, hasAct } from '../domain/understanding.js';
import { verifyPlan } from '../phrase/verify.js';
import { conversationTexts } from '../phrase/reflect.js';

/**
 * The pure core of one client turn: understand the message, fold it into the state, let the
 * machine react to what the client asked (move on, go back, confirm), advance when the step's
 * exit criteria are met, and choose the coach's moves. No I/O: the session service runs it.
 */
export function clientTurn(
  content: CoachContent,
  state: SessionState,
  message: { text: string; seq: number },
): { state: SessionState; plan: CoachPlan; understanding: Understanding; effects: Effect[] } {
  let understanding = understand(content, message.text, message.seq, state);
  const understood = applyUnderstanding(state, understanding);
  const events: MachineEvent[] = [];
  // Words of crisis, the check question, a pause and the turn that ends it move nothing in the process.
  if (!understanding.safety && !understood.paused && !understanding.resumes) {
    if (understanding.intent === 'move_on') events.push({ type: 'next', by: 'client', seq: message.seq });
    if (understanding.intent === 'go_back') events.push({ type: 'back', by: 'client', seq: message.seq });
    // The draft on the table takes the client's word edits: "yes, but say 'decide' rather than 'know'"
    // edits then confirms; "no, it's more about staying calm than holding my ground" is made in the
    // draft (and shown again), confirming nothing. A line asked to be added is drafted in, not edited.
    let wordEdited = false;
    if (understood.statement?.status === 'draft' && understood.step === 'create_partnership' && !hasAct(understanding, 'statement_addition')) {
      const edit = wordEditsOf(understood.statement, message.text);
      wordEdited = edit !== null;
      // Edits of parts are the client's parts, and the sentence is written again from them, as for
      // any correction in chat: the text is not marked as rewritten by hand, so a later "change the
      // first step to…" still reaches it. Words found only in the sentence are edited there.
      const { text: _text, ...parts } = edit ?? {};
      if (edit && Object.keys(parts).length > 0) {
        const edited = transition(content.steps, understood, { type: 'statement.edit', edit: parts }).state;
        events.push({ type: 'statement.edit', edit: parts }, { type: 'statement.set', statement: draftStatement(edited, content.partCheck) });
      } else if (edit) events.push({ type: 'statement.edit', edit });
      // Confirmed only by a yes to the complete draft just put to them, never by a yes to something else.
      if (understanding.intent === 'confirm' && (confirmationPending(state) || hasAct(understanding, 'confirms_explicitly'))) events.push({ type: 'statement.confirm' });
    }
    if (understanding.intent === 'statement') events.push({ type: 'statement.set', statement: draftStatement(understood, content.partCheck) });
    // A correction in chat ("cut the part about…", "change the experiment to…"): the part is
    // edited as the client's own, and the text is written again from the parts.
    // When the words they named were found and swapped ("it's more about staying calm than holding my
    // ground"), that precise edit stands; the coarser reading of the same sentence as a new part does not.
    const correction = actOf(understanding, 'statement_correction');
    if (correction?.edit && understood.statement && !wordEdited) {
      const edited = transition(content.steps, understood, { type: 'statement.edit', edit: correction.edit }).state;
      const redrafted = draftStatement(edited, content.partCheck);
      // An edit that changes no part ("take out the part about the manager" where no part says it) is
      // no change to claim: the turn asks which part they mean instead of "I've made that change".
      if (sameParts(understood.statement, redrafted)) understanding = { ...understanding, acts: understanding.acts.map((act) => (act === correction ? { ...correction, edit: null, part: null } : act)) };
      else events.push({ type: 'statement.edit', edit: correction.edit }, { type: 'statement.set', statement: redrafted });
    }
    // The machine's auto-advance rule. An obstacle voiced in the turn that would close the session
    // gets one challenge turn first: the advance holds short of `complete` (an explicit "let's wrap up" still goes through).
    const hold = understood.step !== 'complete' && obstacleUnplanned(understood, understanding);
    // "I'm done", "enough for today": the conversation closes here, with the statement as it stands.
    if (hasAct(understanding, 'wants_stop')) events.push({ type: 'close', by: 'client', seq: message.seq });
    else if (understanding.intent !== 'go_back') events.push({ type: 'settle', seq: message.seq, ...(hold ? { holdBefore: 'complete' as const } : {}) });
  }
  const moved = transitionAll(content.steps, understood, events);
  const result = { ...moved, state: withExperimentAsFirstAction(understood, moved.state) };
  const plan = checked(content, result.state, understanding, planTurn(content, result.state, understanding, planContext(result.effects)));
  const planned = plan.statement ? transition(content.steps, result.state, { type: 'statement.set', statement: plan.statement }).state : result.state;
  return { state: planned, plan, understanding, effects: result.effects };
}

/** Whether two drafts say the same in every part the client can read (the sentence and its parts). */
function sameParts(before: Statement, after: Statement): boolean {
  return before.text === after.text && JSON.stringify([before.goals, before.needs, before.successIndicators, before.firstExperiment]) === JSON.stringify([after.goals, after.needs, after.successIndicators, after.firstExperiment]);
}

/** Whether this message voices an obstacle that has not been planned for yet (the obstacle-plan question is unasked). */
export function obstacleUnplanned(state: SessionState, understanding: Understanding): boolean {
  if (understanding.obstacles.length === 0 || understanding.intent === 'move_on') return false;
  return !state.asked.some((id) => OBSTACLE_PLAN_QUESTIONS.includes(id));
}

/** The coach's first words in a new session. */
export function openingTurn(content: CoachContent, state: SessionState): CoachPlan {
  return checked(content, state, null, planTurn(content, state, null, { opening: true }));
}

/** The plan with every sentence verified: what fails is dropped, and a plain line stands in when nothing is left to ask. */
function checked(content: CoachContent, state: SessionState, understanding: Understanding | null, plan: CoachPlan): CoachPlan {
  return verifyPlan({ clean: content.clean, ...content.verify }, plan, {
    step: plan.step,
    recentReplies: state.recentCoachTexts,
    feelings: understanding?.feelings ?? [],
    seed: understanding?.seq ?? state.asked.length + state.turnsInStep,
    ...(state.secondLanguage ? { learnerWords: [understanding?.text ?? '', ...conversationTexts(state)] } : {}),
  }).plan;
}

/**
 * A command from the page (statement request, edit, confirm, step.goto): the machine decides and,
 * where the process moved or refused to, the coach says what happened.
 */
export function commandTurn(
  content: CoachContent,
  state: SessionState,
  event: MachineEvent | { type: 'statement.request' },
): { state: SessionState; plan: CoachPlan | null; error?: string } {
  if (event.type === 'statement.request') {
    return { state: transition(content.steps, state, { type: 'statement.set', statement: draftStatement(state, content.partCheck) }).state, plan: null };
  }
  // While coaching is paused, no button moves the process on: a step change gets the pause's
  // reviewed word instead, and a confirmed statement waits in the step until they choose to go on.
  if (state.paused && event.type === 'goto') return { state, plan: pausedPlan(content, state) };
  const result = transition(content.steps, state, event);
  const unchanged = result.effects.find((effect) => effect.type === 'unchanged');
  // Only a missing statement is an error; confirming twice (a double click) simply changes nothing.
  if (unchanged && event.type.startsWith('statement.') && state.statement === null) return { state, plan: null, error: unchanged.reason };
  if (unchanged && event.type === 'goto') return { state, plan: stayPlan(content, state) };
  let next = result.state;
  const effects = [...result.effects];
  if (event.type === 'statement.confirm' && !state.paused) {
    const lastSeq = state.transitions.at(-1)?.seq ?? 0;
    const advanced = transition(content.steps, next, { type: 'advance_if_ready', seq: lastSeq });
    next = advanced.state;
    effects.push(...advanced.effects);
  }
  // Confirmed on the page or moved on by a button, the plan starts from the statement's first experiment too.
  next = withExperimentAsFirstAction(state, next);
  const context = planContext(effects);
  if (!context.transition && !context.refused) return { state: next, plan: null };
  const plan = checked(content, next, null, planTurn(content, next, null, context));
  const planned = plan.statement ? transition(content.steps, next, { type: 'statement.set', statement: plan.statement }).state : next;
  return { state: planned, plan };
}

/**
 * Records what the coach just said (questions asked are never asked again, the reply text, a
 * pause). The statement a plan proposes already went through the machine in `clientTurn`, which
 * keeps the client's hand edits, so it is left out here.
 */
export function recordPlan(state: SessionState, plan: CoachPlan, replyText: string): SessionState {
  const { statement: _proposed, ...rest } = plan;
  return recordCoachTurn(state, rest, replyText);
}

/** The fields a client's word edits ("change 'know' to 'decide'") change, or null when there are none. */
function wordEditsOf(statement: Statement, text: string): StatementEdit | null {
  const edited = withWordEdits(statement, text);
  if (edited === statement) return null;
  const edit: Record<string, unknown> = {};
  for (const field of ['text', 'goals', 'needs', 'successIndicators', 'firstExperiment'] as const) {
    if (JSON.stringify(edited[field]) !== JSON.stringify(statement[field])) edit[field] = edited[field];
  }
  return Object.keys(edit).length > 0 ? (edit as StatementEdit) : null;
}

function planContext(effects: Effect[]): NonNullable<Parameters<typeof planTurn>[3]> {
  const transitioned = [...effects].reverse().find((effect) => effect.type === 'transitioned');
  const refused = effects.find((effect) => effect.type === 'refused');
  return {
    ...(transitioned && transitioned.type === 'transitioned'
      ? { transition: { from: transitioned.transition.from, to: transitioned.transition.to, reason: transitioned.transition.reason } }
      : {}),
    ...(refused && refused.type === 'refused' ? { refused: { to: refused.to, missing: refused.missing } } : {}),
  };
}

/** The reviewed word of a pause, with its help links. */
function pausedPlan(content: CoachContent, state: SessionState): CoachPlan {
  return { step: state.step, moves: [safetyMove(content.safety, 'information', 'coaching stays paused', content.safety.texts.pausedStill.join(' '))] };
}

/** The coach's word when asked to go to the step the conversation is already in. */
function stayPlan(content: CoachContent, state: SessionState): CoachPlan {
  const missing = missingForStep(content.steps, state.step, state);
  const still = missing.length > 0 ? ` Before moving on we still need ${missing.join(' and ')}.` : ' We can move on whenever you are ready.';
  return {
    step: state.step,
    moves: [{ kind: 'structuring', label: 'stays in the step', text: `We're already at "${content.steps[state.step].title}".${still}` }],
  };
}
