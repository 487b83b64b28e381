import type { PartCheck } from '../understand/part-check.js';
import { pickFresh } from '../phrase/reflection-stems.js';
import type { SafetyContent } from '../understand/safety-content.js';
import type { NeedCategory, Statement } from '../domain/schemas.js';
import type { StepBook, StepId } from '../domain/steps.js';
import type { SessionState } from '../domain/session-state.js';
import type { PlannedMove } from '../domain/coach-plan.js';
import type { Understanding } from '../domain/understanding.js';
import type { PromptBank } from '../phrase/prompt-bank.js';
import type { AdviceBank } from './advice.js';
import type { Lexicon } from '../understand/lexicon.js';

/** What every step's policy gets: the state after the merge, this turn's understanding, and memory of what was said. */
export interface TurnContext {
  /** The coach's wording (question bank, reflection stems, templates), loaded at start-up. */
  phrases: PromptBank;
  /** The crisis screen and the reviewed safety texts. */
  safety: SafetyContent;
  /** Each step's title, intro and exit criteria. */
  steps: StepBook;
  /** What is offered when advice is asked for, with permission. */
  advice: AdviceBank;
  /** Noun phrases that are never a topic for a question to follow. */
  topicWords: Lexicon<unknown>;
  /** The type check every statement part passes as the draft is written. */
  partCheck: PartCheck;
  state: SessionState;
  understanding: Understanding | null;
  /** Seed for deterministic rotation of stems. */
  seed: number;
  /** Coach texts already said this session (and in this turn so far): nothing is said twice. */
  said: string[];
  /** Need categories heard before this turn. */
  knownCategories: Set<NeedCategory>;
  /** Set when the turn begins a step (a transition or the opening). */
  entering: boolean;
  /** A statement drafted by the policy this turn (the state had none): the plan carries it to be stored. */
  draft?: Statement;
  /** The question the policy would ask next, for the verifier to fall back on (see CoachPlan.reserve). */
  reserve?: PlannedMove;
}

/** A step's policy: the moves of one coach turn. */
export type StepPolicy = (context: TurnContext) => PlannedMove[];

/** Adds a move's text to what has been said, so later moves of the same turn do not echo it. */
export function remember(context: TurnContext, moves: PlannedMove[]): PlannedMove[] {
  for (const move of moves) context.said.push(move.text);
  return moves;
}

export type { StepId };

/** How to confirm or change the statement, in words not said recently (the lines rotate). */
export function statementExhausted(context: TurnContext): string {
  const lines = context.phrases.templates.statementExhausted;
  return pickFresh(lines, context.seed, {}, context.said.slice(-6)) ?? lines[context.seed % lines.length]!;
}
