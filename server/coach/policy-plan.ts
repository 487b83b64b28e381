import type { PlanAction, SessionState } from '../session/state.js';
import { joinList, lowerFirst, stripFinalPunctuation } from './text.js';
import { isVagueAction, tidyWhen } from './plan-slots.js';
import { promptBank } from './prompt-bank.js';
import type { TurnContext } from './policy-context.js';
import { nextQuestion } from './questions.js';
import { contextualAnswer, fill, pickFresh, reflect } from './reflect.js';
import type { PlannedMove } from './types.js';

/**
 * Construct the plan: a few actions, each with what, by when, support and a sign of progress.
 * A vague action ("delegate more") is challenged for a concrete step, a missing date or measure
 * is asked for: a weak plan at the end is a known failure of coaching bots.
 */

function actionReflection(context: TurnContext): PlannedMove[] {
  const understanding = context.understanding;
  if (!understanding) return [];
  const bank = promptBank().reflections;
  const latest = context.state.plan[context.state.plan.length - 1];
  const heard = understanding.actions[0];
  if (heard && heard.what !== '' && latest) {
    const when = latest.byWhen && !latest.what.toLowerCase().includes(latest.byWhen.toLowerCase()) ? `, ${latest.byWhen}` : '';
    const text = pickFresh(bank.action, context.seed, { what: latest.what, when }, context.said);
    if (text) return [{ kind: 'simple_reflection', label: 'reflects the action', text }];
  }
  if (heard) {
    const detail = detailClause(heard);
    const text = detail ? pickFresh(bank.detail, context.seed, { detail }, context.said) : null;
    if (text) return [{ kind: 'simple_reflection', label: 'reflects the detail', text }];
  }
  if (!understanding.text) return [];
  const answer = contextualAnswer(context.state, understanding.text, context.seed, context.said);
  if (answer) return [answer];
  return reflect({ state: context.state, understanding, text: understanding.text, seed: context.seed, said: context.said, knownCategories: context.knownCategories }).slice(0, 1);
}

/**
 * The details an answer adds to the action under discussion, as one clause: "start next mon. count
 * how many new starters still here after 4 wks" → "you'll start next Monday and count how many …".
 */
export function detailClause(action: Pick<PlanAction, 'byWhen' | 'measure' | 'support'>): string | null {
  const steps: string[] = [];
  const when = action.byWhen ? tidyWhen(action.byWhen) : null;
  if (when) steps.push(/^start(?:ing)?\b/i.test(when) ? `start ${when.replace(/^start(?:ing)?\s+(?:on\s+)?/i, '')}` : `do it ${lowerFirst(when)}`);
  const measure = action.measure ? tidyWhen(action.measure) : null;
  if (measure && /^(?:counting|tracking|logging|recording|tallying|measuring)\b/i.test(measure)) steps.push(measure.replace(/^(\w+?)ing\b/i, (_, stem: string) => ({ count: 'count', track: 'track', logg: 'log', record: 'record', tally: 'tally', measur: 'measure' })[stem.toLowerCase()] ?? stem));
  const support = action.support ? lowerFirst(action.support) : null;
  if (steps.length === 0) return measure ? `you'll see progress by ${lowerFirst(measure)}` : support ? `support from ${support.replace(/^support from\s+/i, '')}` : null;
  const sentence = `you'll ${joinList(steps)}`;
  return measure && !/^(?:counting|tracking|logging|recording|tallying|measuring)\b/i.test(measure) ? `${sentence}, and progress shows as ${lowerFirst(measure)}` : sentence;
}

/** One action in the client's terms: "block Friday mornings, starting this Friday, and you'll see progress in …". */
export function describeAction(action: PlanAction): string {
  const when = action.byWhen && !action.what.toLowerCase().includes(action.byWhen.toLowerCase()) ? `, ${lowerFirst(tidyWhen(action.byWhen))}` : '';
  const measure = action.measure ? `, and you'll see progress by ${action.measure.replace(/^(?:by|in|through|as)\s+/i, '')}` : '';
  return `${action.what}${when}${measure}`;
}

/**
 * What the client already said about the plan, given back on entering a later step, so the coach
 * builds on it instead of asking again ("You already said you'd … by …").
 */
export function knownPlanMoves(state: SessionState): PlannedMove[] {
  const actions = state.plan.filter((action) => action.what !== '');
  if (actions.length === 0) return [];
  const text = fill(promptBank().templates.planKnown, { actions: joinList(actions.slice(0, 2).map(describeAction)) });
  return [{ kind: 'simple_reflection', label: 'acknowledges the plan already named', text }];
}

/** Commitment, confidence and check-ins said before the challenge step, given back on entering it. */
export function knownChallengeMoves(state: SessionState): PlannedMove[] {
  const items: string[] = [];
  if (state.commitment && !state.commitment.text.startsWith('a tentative yes')) items.push(`you're committed ("${stripFinalPunctuation(state.commitment.quote)}")`);
  if (state.confidence !== null) items.push(`your confidence is ${state.confidence} out of 10`);
  if (state.checkIn) items.push(`you'd like to check in ${state.checkIn.text}`);
  if (items.length === 0) return [];
  return [{ kind: 'simple_reflection', label: 'acknowledges answers given early', text: fill(promptBank().templates.challengeKnown, { items: joinList(items) }) }];
}

/** The question that makes the latest action complete, or asks for another one. */
export function planQuestion(context: TurnContext): PlannedMove | null {
  const { state } = context;
  const latest: PlanAction | undefined = state.plan[state.plan.length - 1];
  if (!latest) return nextQuestion(state, 'construct_plan', 'action', 'asks for a first action', 3);
  if (isVagueAction(latest.what) && !latest.byWhen) {
    const challenge = nextQuestion(state, 'construct_plan', 'specific', 'challenges a vague action', 2);
    if (challenge) return challenge;
  }
  if (!latest.byWhen) {
    const question = nextQuestion(state, 'construct_plan', 'by_when', 'asks by when', 3);
    if (question) return question;
  }
  if (!latest.measure) {
    const question = nextQuestion(state, 'construct_plan', 'measure', 'asks how progress shows', 3);
    if (question) return question;
  }
  if (!latest.support) {
    const question = nextQuestion(state, 'construct_plan', 'support', 'asks for support', 2);
    if (question) return question;
  }
  if (state.plan.length < 2) return nextQuestion(state, 'construct_plan', 'action', 'asks for another action', 3);
  return null;
}

/** The plan step's moves for one turn. */
export function planMoves(context: TurnContext): PlannedMove[] {
  const moves = context.entering ? [] : actionReflection(context);
  for (const move of moves) context.said.push(move.text);
  const question = planQuestion(context);
  if (question) return [...moves, question];
  return [...moves, { kind: 'structuring', label: 'invites the next step', text: promptBank().templates.planReady }];
}
