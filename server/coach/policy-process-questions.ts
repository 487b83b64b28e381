import { STEP_TITLES, stepIndex } from '../domain/steps.js';
import type { TurnContext } from './policy-context.js';
import { promptBank } from './prompt-bank.js';
import { fill, pickFresh } from './reflection-stems.js';
import type { PlannedMove, Understanding } from './types.js';

/** Slots whose plain restatement is a yes/no or a number rather than an open question. */
const CLOSED_SLOTS = new Set(['consent', 'confidence', 'time']);

/**
 * Answers a question about the conversation itself, instead of reflecting it back as if it were
 * content: "what do you mean?" and "like what?" get the last question explained with an example;
 * "what would you do?" is turned back to the client (their own ideas fit them better); "how long
 * will this take?" gets the pace and where we are, then the question that was waiting.
 */
export function processQuestionMoves(context: TurnContext, kind: NonNullable<Understanding['processQuestion']>): PlannedMove[] {
  const bank = promptBank();
  const templates = bank.templates;
  const lastId = context.state.asked[context.state.asked.length - 1];
  const last = lastId ? bank.questionsById.get(lastId) : undefined;
  if (kind === 'clarify' || kind === 'example') {
    const slot = last?.slot ?? '';
    const help = templates.questionHelp[slot] ?? templates.questionHelpDefault;
    // Asked again right after the explanation: not the same paragraph twice, just permission and the plain question.
    const plain = help.match(/[^.?!"]+\?$/)?.[0]?.trim() ?? '';
    const text = context.said.some((said) => said.includes(help)) && plain ? `${templates.questionHelpAgain} ${plain}` : help;
    return [{ kind: CLOSED_SLOTS.has(slot) ? 'closed_question' : 'open_question', label: kind === 'clarify' ? 'explains its question' : 'gives an example answer', text }];
  }
  if (kind === 'advice') {
    const text = pickFresh(templates.adviceTurnedBack, context.seed, {}, context.said) ?? templates.adviceTurnedBack[0]!;
    return [{ kind: 'open_question', label: 'turns a request for advice back to the client', text }];
  }
  const step = context.state.step;
  const moves: PlannedMove[] = [
    { kind: 'information', label: 'says how long this takes', text: fill(templates.durationAnswer, { n: String(Math.min(stepIndex(step) + 1, 4)), step: STEP_TITLES[step].toLowerCase() }) },
  ];
  // The question that was waiting, so the client knows where we were.
  if (last && last.step === step) moves.push({ kind: last.open ? 'open_question' : 'closed_question', label: 'comes back to its question', text: `Back to my question: ${last.text.charAt(0).toLowerCase()}${last.text.slice(1)}` });
  return moves;
}
