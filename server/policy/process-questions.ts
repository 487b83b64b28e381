import { type StepId, stepIndex } from '../domain/steps.js';
import type { TurnContext } from './turn-context.js';
import { type Question, type PromptBank } from '../phrase/prompt-bank.js';
import { fill, pickFresh } from '../phrase/reflection-stems.js';
import { ask, unasked, withPrefix } from './questions.js';
import { summarize } from '../phrase/summaries.js';
import type { PlannedMove } from '../domain/coach-plan.js';
import { giveAdvice } from './advice.js';
import type { ProcessQuestion } from '../domain/understanding.js';
import { saidLately } from '../domain/session-state.js';

/** Questions whose answer the statement or the plan cannot do without. */
const OPEN_UP_ON_DONT_KNOW = new Set(['purpose', 'consent', 'goals', 'needs', 'success', 'experiment', 'action', 'by_when', 'measure']);

/** Slots whose plain restatement is a yes/no or a number rather than an open question. */
const CLOSED_SLOTS = new Set(['consent', 'confidence', 'time']);

/** Questions answered in a line, after which the step goes on as usual (with one question of its own). */
const DIRECT_ANSWERS = ['challenge', 'information', 'opinion', 'arrangement', 'keep_copy', 'what_next'] as const satisfies readonly ProcessQuestion[];
type DirectAnswer = (typeof DIRECT_ANSWERS)[number];
export const ANSWERED_THEN_ON: ReadonlySet<ProcessQuestion> = new Set<ProcessQuestion>(DIRECT_ANSWERS);

/** Whether a question has a direct answer of its own (content/phrases/templates.json `directAnswer`). */
function answeredDirectly(kind: ProcessQuestion): kind is DirectAnswer {
  return ANSWERED_THEN_ON.has(kind);
}

/**
 * Answers a question about the conversation itself, instead of reflecting it back as if it were
 * content: "what do you mean?", "like what?" and a bare "not sure" get the last question explained
 * with an example; "can you summarise?" a summary; "what would you do?" is turned back to the client
 * (their own ideas fit them better); "how long will this take?" gets the pace and where we are.
 * Null means no special answer: the step's policy handles the turn as usual.
 */
/**
 * The bank's question the coach put most recently, read from its last replies: "what does that even
 * mean?" two turns after "How do you learn best…?" asks about that question. (The ids in `asked`
 * keep the order in which each was first asked, so a question asked again is not last there.)
 */
function lastQuestionSaid(context: TurnContext): Question | undefined {
  for (const said of context.state.recentCoachTexts.slice(-3).reverse()) {
    for (const question of context.phrases.questionsById.values()) if (!question.topic && said.includes(question.text)) return question;
  }
  return undefined;
}

export function processQuestionMoves(context: TurnContext, kind: ProcessQuestion, part?: string): PlannedMove[] | null {
  const bank = context.phrases;
  const templates = bank.templates;
  const lastId = context.state.asked[context.state.asked.length - 1];
  const lastSaid = lastQuestionSaid(context) ?? (lastId ? bank.questionsById.get(lastId) : undefined);
  // "What's a first small experiment for something like this?": the part their question names is
  // explained, and its question (of this step) is the one the next message answers.
  const namedQuestion = part !== undefined && part !== lastSaid?.slot && templates.questionHelp[part] !== undefined ? bank.questions.find((question) => question.step === context.state.step && question.slot === part && question.topic !== true) : undefined;
  const last = namedQuestion ?? lastSaid;
  // "Not sure" to a question the statement needs gets it opened up; to a nice-to-have (strengths,
  // going deeper), the conversation simply moves on as it would after any short answer.
  const slot = part !== undefined && templates.questionHelp[part] !== undefined ? part : last?.slot ?? '';
  if (kind === 'dont_know' && !OPEN_UP_ON_DONT_KNOW.has(slot)) return null;
  if (kind === 'clarify' || kind === 'dont_know' || kind === 'example') {
    const help = templates.questionHelp[slot] ?? templates.questionHelpDefault;
    if (context.said.some((said) => said.includes(help))) {
      // Explained already: a second "not sure" means moving on, not pushing; a second "what do you
      // mean?" gets permission and the slot's other question, never the same paragraph or question twice.
      if (kind === 'dont_know') return null;
      const other = last ? unasked(context.phrases, context.state, last.step, last.slot)[0] : undefined;
      const permission: PlannedMove = { kind: 'structuring', label: 'says any answer will do', text: templates.questionHelpAgain };
      return other ? [permission, ask(other, 'asks the same thing another way')] : [permission];
    }
    return [{ kind: CLOSED_SLOTS.has(slot) ? 'closed_question' : 'open_question', label: kind === 'example' ? 'gives an example answer' : 'explains its question', text: help, ...(namedQuestion ? { questionId: namedQuestion.id } : {}) }];
  }
  if (kind === 'summary') {
    const summary = summarize(context.phrases, context.state, context.seed, context.said);
    return [summary ?? { kind: 'structuring', label: 'says there is little to sum up yet', text: templates.summaryEmpty }, ...backToQuestion(context.phrases, last, context.state.step)];
  }
  // "This is a bit pointless, no?": an honest word on what this is for, and the choice to stop;
  // then what would make it worth their time, asked once (after that, back to where we were).
  if (kind === 'doubt') {
    const answer = pickFresh(templates.doubtAnswer, context.seed, {}, context.said);
    const asked = saidLately(context.state, context.said, templates.doubtQuestion);
    const next: PlannedMove[] = asked ? backToQuestion(context.phrases, last, context.state.step) : [{ kind: 'open_question', label: 'asks what would make this worth their time', text: templates.doubtQuestion }];
    return [...(answer ? [{ kind: 'information' as const, label: 'answers a doubt about the conversation honestly', text: answer }] : []), ...next];
  }
  // "Are you saying I drink too much?", "what about side effects?", "would that work?": a brief
  // honest answer; the step then goes on with one question (see planTurn), never a stock line alone.
  // "Can the check-in be next week?", "can I come back after the trial?": theirs to choose, said so.
  // "Do I get a copy?", "so what happens now?": how they keep the statement, and what comes after it.
  if (answeredDirectly(kind)) {
    const answer = pickFresh(templates.directAnswer[kind], context.seed, {}, context.said) ?? templates.directAnswer[kind][0]!;
    return [{ kind: 'information', label: `answers a question put to the coach (${kind})`, text: answer }];
  }
  // Advice asked for: the request is the permission. One idea, as one option, and how it fits.
  if (kind === 'advice') return giveAdvice(context.advice, context.state, context.seed, context.said, context.understanding?.text ?? '');
  // "How does this work, do I just talk?", "is half an hour enough?": how this goes, then where we were.
  // Said once; asked again, the step simply goes on (the stock line is not repeated).
  if (kind === 'process') {
    const answer = pickFresh(templates.processAnswer, context.seed, {}, context.said);
    return answer ? [{ kind: 'information', label: 'says how this conversation works', text: answer }, ...backToQuestion(context.phrases, last, context.state.step)] : null;
  }
  const step = context.state.step;
  return [
    { kind: 'information', label: 'says how long this takes', text: fill(templates.durationAnswer, { n: String(Math.min(stepIndex(step) + 1, 4)), step: context.steps[step].title.toLowerCase() }) },
    ...backToQuestion(context.phrases, last, step),
  ];
}

/**
 * The question that was waiting, so the client knows where we were (only within the same step).
 * Not `ask()`: it was asked already, so it carries no question id to record again.
 */
function backToQuestion(phrases: PromptBank, last: Question | undefined, step: StepId): PlannedMove[] {
  if (!last || last.step !== step) return [];
  return [{ kind: last.open ? 'open_question' : 'closed_question', label: 'comes back to its question', text: withPrefix(phrases.templates.backToQuestion, last.text) }];
}

/** The question the coach was waiting on, asked again with its lead-in ("Back to my question: …"); none when it was of another step. */
export function waitingQuestion(context: TurnContext): PlannedMove[] {
  const lastId = context.state.asked[context.state.asked.length - 1];
  return backToQuestion(context.phrases, lastId ? context.phrases.questionsById.get(lastId) : undefined, context.state.step);
}
