import { startsWithVerb } from '../understand/wish-clause.js';
import { withBareVerb } from '../understand/apply.js';
import type { PlanAction, SessionState } from '../domain/session-state.js';
import { joinList, lowerFirst, stripFinalPunctuation } from '../understand/text.js';
import { actionWhat, isVagueAction, supportWords, tidyWhen } from '../understand/plan-slots.js';
import { type PromptBank } from '../phrase/prompt-bank.js';
import type { TurnContext } from './turn-context.js';
import { nextQuestion } from './questions.js';
import { contextualAnswer } from '../phrase/framed-reflections.js';
import { reflect } from '../phrase/reflect.js';
import { fill, pickFresh } from '../phrase/reflection-stems.js';
import type { PlannedMove } from '../domain/coach-plan.js';
import type { Understanding } from '../domain/understanding.js';

/**
 * Construct the plan: a few actions, each with what, by when, support and a sign of progress.
 * A vague action ("delegate more") is challenged for a concrete step, a missing date or measure
 * is asked for: a weak plan at the end is a known failure of coaching bots.
 */

function actionReflection(context: TurnContext): PlannedMove[] {
  const understanding = context.understanding;
  if (!understanding) return [];
  const bank = context.phrases.reflections;
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
  const answer = contextualAnswer(context.phrases, context.state, understanding.text, context.seed, context.said);
  if (answer) return [answer];
  return reflect({ phrases: context.phrases, state: context.state, understanding, text: understanding.text, seed: context.seed, said: context.said, knownCategories: context.knownCategories }).slice(0, 1);
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
  const support = action.support ? supportWords(action.support) : null;
  if (steps.length === 0) return measure ? measurePhrase(measure) : support ? `support from ${support.replace(/^support from\s+/i, '')}` : null;
  const sentence = `you'll ${joinList(steps)}`;
  return measure && !/^(?:counting|tracking|logging|recording|tallying|measuring)\b/i.test(measure) ? `${sentence}, and ${measurePhrase(measure)}` : sentence;
}

const PRONOUN_SUBJECT = /^(?:you|he|she|they|we|nobody|no one|everyone|everybody|someone|somebody|people|none of them|all of them) [a-z']+/;
const CLAUSE_SUBJECT = /^(?:you|he|she|they|we|it|there|the|your|his|her|their|our|my|this|that|people|everyone|nobody|no one|someone|[A-Z][a-z]+)\b/;
const CLAUSE_VERB = /\b(?:is|are|was|were|am|has|have|had|do|does|did|don't|doesn't|didn't|can|can't|could|will|won't|would|no longer|agree|agrees|get|gets|go|goes|feel|feels|say|says|stop|stops|start|starts|come|comes|take|takes|make|makes|answer|answers|reply|replies|finish|finishes|hand|hands|use|uses|keep|keeps|drop|drops|fall|falls|rise|rises|see|sees|notice|notices|leave|leaves|run|runs|ask|asks|send|sends|hit|hits|need|needs|want|wants)\b/i;

/**
 * How progress on an action will show, as a clause after "and": a condition ("he doesn't go quiet")
 * is what tells the client it worked; counting is how they'll see progress; anything else is the sign.
 */
export function measurePhrase(measure: string): string {
  const m = lowerFirst(tidyWhen(stripFinalPunctuation(measure.replace(/^(?:by|in|through|as|if|when)\s+/i, ''))));
  if (/^(?:counting|tracking|logging|recording|tallying|measuring|checking|asking|looking)\b/i.test(m)) return `you'll see progress by ${m}`;
  if (PRONOUN_SUBJECT.test(m) || (CLAUSE_SUBJECT.test(m) && CLAUSE_VERB.test(m))) return `you'll know it worked if ${m}`;
  return `progress shows as ${m}`;
}

/** One action in the client's terms: "block Friday mornings, starting this Friday, and you'll see progress in …". */
export function describeAction(action: PlanAction): string {
  // "handing the report to Sam" is said back as "you'll hand the report to Sam".
  const what = withBareVerb(withoutMeasure(action.what, action.measure));
  const when = action.byWhen && !what.toLowerCase().includes(action.byWhen.toLowerCase()) ? `, ${lowerFirst(tidyWhen(action.byWhen))}` : '';
  const measure = action.measure && !what.toLowerCase().includes(stripFinalPunctuation(action.measure).toLowerCase()) ? `, and ${measurePhrase(action.measure)}` : '';
  return `${what}${when}${measure}`;
}

/**
 * The actions the coach can give back in its "you'll …" frames: those said as something to do
 * ("give Priya the cover calls"). One said with another subject ("Priya does cover calls till
 * Sunday") stays in the plan as the client wrote it, but is not forced into "you'll …".
 */
export function speakableActions(state: SessionState): PlanAction[] {
  return state.plan.filter(speakable);
}

function speakable(action: PlanAction): boolean {
  return action.what !== '' && startsWithVerb(withBareVerb(withoutMeasure(action.what, action.measure)));
}

/** An action's "what" without a measure clause that crept into it (stored by an older reading). */
function withoutMeasure(what: string, measure: string | null): string {
  const cut = actionWhat(what);
  if (cut !== what) return cut;
  if (!measure) return what;
  const index = what.toLowerCase().indexOf(stripFinalPunctuation(measure).toLowerCase().split(' ').slice(0, 4).join(' '));
  return index > 0 ? what.slice(0, index).replace(/[\s,;:]+(?:and|so|if|when)?[\s,;:]*$/i, '').trim() || what : what;
}

/**
 * What the client already said about the plan, given back on entering a later step, so the coach
 * builds on it instead of asking again ("You already said you'd … by …").
 */
export function knownPlanMoves(phrases: PromptBank, state: SessionState): PlannedMove[] {
  const actions = speakableActions(state);
  if (actions.length === 0) return [];
  const text = fill(phrases.templates.planKnown, { actions: joinList(actions.slice(0, 2).map(describeAction)) });
  return [{ kind: 'simple_reflection', label: 'acknowledges the plan already named', text }];
}

/**
 * Plan details said ahead of the plan step ("start mon 3rd… I'll count how many times I get rung…
 * confidence 6 i guess"), given back in a line so the client hears they were taken in, when
 * nothing else of the message is reflected.
 */
export function notedPlanMove(phrases: PromptBank, understanding: Understanding): PlannedMove | null {
  const items: string[] = understanding.actions.filter(speakable).slice(0, 2).map((action) => `you'll ${describeAction(action)}`);
  if (understanding.checkIn) items.push(`a check-in ${stripFinalPunctuation(understanding.checkIn.text)}`);
  if (understanding.confidence !== null) items.push(`your confidence is ${understanding.confidence} out of 10`);
  if (items.length === 0) return null;
  return { kind: 'simple_reflection', label: 'notes plan details said ahead of the plan step', text: fill(phrases.templates.planNoted, { items: joinList(items) }) };
}

/** Commitment, confidence and check-ins said before the challenge step, given back on entering it. */
export function knownChallengeMoves(phrases: PromptBank, state: SessionState): PlannedMove[] {
  const items: string[] = [];
  if (state.commitment && !state.commitment.text.startsWith('a tentative yes')) items.push(`you're committed ("${stripFinalPunctuation(state.commitment.quote)}")`);
  if (state.confidence !== null) items.push(`your confidence is ${state.confidence} out of 10`);
  if (state.checkIn) items.push(`you'd like to check in ${state.checkIn.text}`);
  if (items.length === 0) return [];
  return [{ kind: 'simple_reflection', label: 'acknowledges answers given early', text: fill(phrases.templates.challengeKnown, { items: joinList(items) }) }];
}

/** Whether the coach's last question was about `slot` of the plan step. */
function justAsked(state: SessionState, slot: string): boolean {
  return state.asked[state.asked.length - 1]?.startsWith(`plan.${slot}.`) ?? false;
}

/** The question that makes the latest action complete, or asks for another one. */
export function planQuestion(context: TurnContext): PlannedMove | null {
  const { state } = context;
  const latest: PlanAction | undefined = state.plan[state.plan.length - 1];
  if (!latest) return nextQuestion(context.phrases, state, 'construct_plan', 'action', 'asks for a first action', 3);
  if (isVagueAction(latest.what) && !latest.byWhen) {
    const challenge = nextQuestion(context.phrases, state, 'construct_plan', 'specific', 'challenges a vague action', 2);
    if (challenge) return challenge;
  }
  // A detail asked for and not given is not asked again straight away in other words: the client
  // heard the question; the coach moves on and the plan step's summary shows what is still open.
  if (!latest.byWhen && !justAsked(state, 'by_when')) {
    const question = nextQuestion(context.phrases, state, 'construct_plan', 'by_when', 'asks by when', 2);
    if (question) return question;
  }
  if (!latest.measure && !justAsked(state, 'measure')) {
    const question = nextQuestion(context.phrases, state, 'construct_plan', 'measure', 'asks how progress shows', 2);
    if (question) return question;
  }
  if (!latest.support) {
    const question = nextQuestion(context.phrases, state, 'construct_plan', 'support', 'asks for support', 2);
    if (question) return question;
  }
  if (state.plan.length < 2) return nextQuestion(context.phrases, state, 'construct_plan', 'action', 'asks for another action', 3);
  return null;
}

/** The plan step's moves for one turn. */
export function planMoves(context: TurnContext): PlannedMove[] {
  const moves = context.entering ? [] : actionReflection(context);
  for (const move of moves) context.said.push(move.text);
  const question = planQuestion(context);
  if (question) return [...moves, question];
  return [...moves, { kind: 'structuring', label: 'invites the next step', text: context.phrases.templates.planReady }];
}
