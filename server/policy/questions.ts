import type { StepId } from '../domain/steps.js';
import type { SessionState } from '../domain/session-state.js';
import { type Question, type PromptBank } from '../phrase/prompt-bank.js';
import type { PlannedMove } from '../domain/coach-plan.js';

/**
 * Question selection from the bank. Every question has an id and is asked at most once per
 * session; a slot gets a second, differently angled question only when the first left it empty.
 * Rephrasing a question that was already answered is one of the habits that make coaching bots
 * feel mechanical, so there is no "same question in other words" here.
 */

/** The unasked stock questions of a slot, in bank order (a topic question is asked only about a topic: see topic-question.ts). */
export function unasked(phrases: PromptBank, state: SessionState, step: StepId, slot: string): Question[] {
  return phrases.questions.filter((question) => question.step === step && question.slot === slot && question.topic !== true && !state.asked.includes(question.id));
}

/** How many questions of a slot were already asked. */
export function askedCount(phrases: PromptBank, state: SessionState, step: StepId, slot: string): number {
  return phrases.questions.filter((question) => question.step === step && question.slot === slot && state.asked.includes(question.id)).length;
}

/** The move asking `question`, with its id for `asked`. */
export function ask(question: Question, label: string, prefix = ''): PlannedMove {
  return {
    kind: question.open ? 'open_question' : 'closed_question',
    label,
    questionId: question.id,
    text: withPrefix(prefix, question.text),
  };
}

/** A question led in by `prefix`: after a full stop it keeps its capital, after "so," or "back to it:" not. */
export function withPrefix(prefix: string, text: string): string {
  if (!prefix) return text;
  return '.!?'.includes(prefix.slice(-1)) ? `${prefix} ${text}` : `${prefix} ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}

/** The next question for `slot`, or null when its questions are used up (or would be a repeat). */
export function nextQuestion(phrases: PromptBank, state: SessionState, step: StepId, slot: string, label: string, maxAsks = 2): PlannedMove | null {
  if (askedCount(phrases, state, step, slot) >= maxAsks) return null;
  const question = unasked(phrases, state, step, slot)[0];
  return question ? ask(question, label) : null;
}
