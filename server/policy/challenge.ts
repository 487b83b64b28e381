
import type { TurnContext } from './turn-context.js';
import { ask, nextQuestion, unasked } from './questions.js';
import { contextualAnswer, rhythmPhrase } from '../phrase/framed-reflections.js';
import { reflect } from '../phrase/reflect.js';
import { fill, pickFresh } from '../phrase/reflection-stems.js';
import type { PlannedMove } from '../domain/coach-plan.js';
import { stripFinalPunctuation } from '../understand/text.js';

/**
 * Collaborate and challenge: commitment, confidence on a 0–10 scale (and what would raise it),
 * likely obstacles, one respectful challenge of an assumption grounded in the client's own plan,
 * a check-in rhythm and how to adjust course. Agreeing with everything is not support.
 */

const CHECK_IN_STEMS = ["So we'll check in {rhythm}.", 'Checking in {rhythm}, then.'];

/** The questions that ask the client how they will handle an obstacle they named. */
export const OBSTACLE_PLAN_QUESTIONS: readonly string[] = ['challenge.obstacles.2', 'challenge.obstacles.3'];

function challengeReflection(context: TurnContext): PlannedMove[] {
  const understanding = context.understanding;
  if (!understanding?.text) return [];
  const bank = context.phrases.reflections;
  if (understanding.confidence !== null) {
    const text = pickFresh(bank.confidence, context.seed, { n: String(understanding.confidence) }, context.said);
    if (text) return [{ kind: 'simple_reflection', label: 'reflects the confidence', text }];
  }
  const answer = contextualAnswer(context.phrases, context.state, understanding.text, context.seed, context.said);
  if (answer) return [answer];
  if (understanding.checkIn) {
    // "fortnightly" after the check-in question is the rhythm, not a word to echo.
    const text = pickFresh(CHECK_IN_STEMS, context.seed, { rhythm: rhythmPhrase(understanding.checkIn.text) }, context.said);
    if (text) return [{ kind: 'simple_reflection', label: 'reflects the check-in rhythm', text }];
  }
  if (understanding.commitment?.text.startsWith('a tentative yes')) {
    const text = pickFresh(bank.hesitation, context.seed, {}, context.said);
    if (text) return [{ kind: 'complex_reflection', label: 'names the hesitation', text }];
  }
  return reflect({ phrases: context.phrases, state: context.state, understanding, text: understanding.text, seed: context.seed, said: context.said, knownCategories: context.knownCategories }).slice(0, 2);
}

/**
 * An obstacle just named, with no plan for it yet: acknowledged in the client's words and met with
 * one respectful challenge ("What will you do in that moment …?") before anything else.
 */
function obstacleChallenge(context: TurnContext): PlannedMove[] {
  const { state, understanding } = context;
  const obstacle = understanding?.obstacles[0];
  if (!obstacle || understanding?.intent === 'move_on') return [];
  if (state.asked.some((id) => OBSTACLE_PLAN_QUESTIONS.includes(id))) return [];
  const question = unasked(context.phrases, state, 'collaborate_challenge', 'obstacles').filter((candidate) => OBSTACLE_PLAN_QUESTIONS.includes(candidate.id)).reverse()[0];
  if (!question) return [];
  const risk = obstacleClause(obstacle.text);
  const named = pickFresh(context.phrases.reflections.obstacle, context.seed, { o: risk }, context.said);
  return [...(named ? [{ kind: 'complex_reflection' as const, label: 'names the obstacle', text: named }] : []), ask(question, 'challenges: plans for the obstacle')];
}

/** An obstacle as a clause after "the risk that …": "you might chicken out and make it a friendly chat instead". */
export function obstacleClause(text: string): string {
  return stripFinalPunctuation(
    text.replace(/^(?:(?:the|my|your|one|a|biggest|main|real|likely|big|only)\s+)*(?:risk|worry|danger|obstacle|problem|catch|issue|thing that could (?:get in the way|go wrong))s?\s+(?:is|would be|will be|might be)\s+(?:that\s+)?/i, ''),
  );
}

function challengeQuestion(context: TurnContext): PlannedMove | null {
  const { state } = context;
  const step = 'collaborate_challenge';
  const tentative = state.commitment?.text.startsWith('a tentative yes') ?? false;
  if (state.commitment === null || tentative) {
    // A confidence already given ("7, maybe 6") answers "how committed are you?": what they will
    // commit to is asked instead (the bank's last commitment question), not how much, again.
    const whatToCommit = state.confidence !== null && !tentative ? unasked(context.phrases, state, step, 'commitment').at(-1) : undefined;
    const question = whatToCommit ? ask(whatToCommit, 'asks what they will commit to') : nextQuestion(context.phrases, state, step, 'commitment', tentative ? 'tests a tentative commitment' : 'asks for commitment', 2);
    if (question) return question;
  }
  if (state.confidence === null) {
    const question = nextQuestion(context.phrases, state, step, 'confidence', 'asks confidence 0-10', 1);
    if (question) return question;
  }
  if (state.confidence !== null && state.confidence < 7) {
    const question = nextQuestion(context.phrases, state, step, 'confidence_raise', 'asks what would raise confidence', 1);
    if (question) return question;
  }
  if (state.obstacles.length === 0) {
    const question = nextQuestion(context.phrases, state, step, 'obstacles', 'asks about obstacles', 1);
    if (question) return question;
  } else {
    // The obstacle is named already: plan for it rather than asking for it again.
    const planned = state.asked.some((id) => OBSTACLE_PLAN_QUESTIONS.includes(id));
    const question = planned ? undefined : unasked(context.phrases, state, step, 'obstacles').find((candidate) => candidate.id !== 'challenge.obstacles.1');
    if (question) return ask(question, 'plans for the obstacle');
  }
  const assumption = nextQuestion(context.phrases, state, step, 'assumption', 'respectfully challenges an assumption', 1);
  if (assumption) {
    const action = state.plan[0];
    if (action) assumption.text = `${fill(context.phrases.templates.challengePrefix, { action: `${action.what}${action.byWhen && !action.what.toLowerCase().includes(action.byWhen.toLowerCase()) ? `, ${action.byWhen}` : ''}` })} ${assumption.text}`;
    return assumption;
  }
  if (state.checkIn === null) {
    const question = nextQuestion(context.phrases, state, step, 'check_in', 'asks the check-in rhythm', 2);
    if (question) return question;
  }
  return nextQuestion(context.phrases, state, step, 'adjust', 'asks how to adjust course', 1);
}

/** The challenge step's moves for one turn. */
export function challengeMoves(context: TurnContext): PlannedMove[] {
  const moves = context.entering ? [] : challengeReflection(context);
  for (const move of moves) context.said.push(move.text);
  const challenge = obstacleChallenge(context);
  if (challenge.length > 0) {
    // The obstacle named in their words is this turn's reflection: a paraphrase of the same sentence
    // before it would say it twice ("the risk is you take it back… You've named a real risk: you take it back…").
    const named = challenge.some((move) => move.label === 'names the obstacle');
    return [...moves.filter((move) => move.label !== 'names the hesitation' && !(named && move.kind === 'simple_reflection')), ...challenge];
  }
  const question = challengeQuestion(context);
  if (question) return [...moves, question];
  return [...moves, { kind: 'structuring', label: 'invites the close', text: context.phrases.templates.challengeReady }];
}
