import { z } from 'zod';
import { NEED_CATEGORIES, type NeedCategory } from '../domain/schemas.js';
import type { PlannedMove } from '../domain/coach-plan.js';
import { saidLately, type SessionState } from '../domain/session-state.js';
import { pickFresh } from '../phrase/reflection-stems.js';
import { words } from '../understand/text.js';

/**
 * Advice is given with permission, as coaching ethics have it: a client who asks for it ("what
 * would you do?", "just give me a framework") has given that permission, and gets one short idea
 * for the need heard most clearly, as one option next to theirs, and how it fits; the offer
 * ("would you like a suggestion?") is kept for when the coach raises it. On a no it goes on.
 * The words live in content/phrases/advice.json.
 */

const line = z.string().trim().min(1);
export const AdviceBankSchema = z
  .object({
    version: z.literal(1),
    _about: z.string().optional(),
    offer: z.array(line).min(1),
    declined: line,
    lead: line,
    fit: z.array(line).min(1),
    again: line,
    /** Asked for an idea before saying anything about their situation: the situation first. */
    early: line,
    /** Asked for a framework or a method: the shape of this conversation, said once. */
    framework: line,
    frameworkWords: z.array(line).min(1),
    ideas: z.object({ ...Object.fromEntries(NEED_CATEGORIES.map((category) => [category, line])), general: line } as Record<NeedCategory | 'general', typeof line>).strict(),
  })
  .strict();
export type AdviceBank = z.infer<typeof AdviceBankSchema>;

/** How sure the reading of a need must be for its idea to be offered (as for a need heard before any idea at all). */
const CLEAR_NEED = 0.6;

/** The question after an idea: its middle part names the slot the answer fills (see expectedSlot). */
export const ADVICE_FIT_ID = 'advice.experiment.fit';

/**
 * The offer ("would you like a suggestion?", `offer` in the bank, asked as ADVICE_OFFER_ID) is no
 * longer made, since a request is its own permission; its yes and no are still read (understand.ts,
 * plan-turn.ts) so that a session stored while an offer was pending goes on as it was.
 */

/** One idea for the need heard most clearly (or a general one), then how it fits; never the same idea twice. */
export function giveAdvice(bank: AdviceBank, state: SessionState, seed: number, said: readonly string[], text = ''): PlannedMove[] {
  // "Abeg just give me a framework. Something I can follow": an honest answer is the one this
  // conversation follows, said once; a second request gets an idea as below. Asked as the idea's
  // fit is: what they then say they will try is read as their first experiment.
  if (asksForFramework(bank, text) && !saidLately(state, said, bank.framework)) return [{ kind: 'open_question', label: 'gives the framework this conversation follows', questionId: ADVICE_FIT_ID, text: bank.framework }];
  // "Just give me a framework" before a word about the situation. Nothing heard yet of their situation (no clear need, aim, sign or step; a limit such as the time they
  // have says nothing of it): any idea would be a stock one.
  const heardNeed = state.needs.some((need) => need.category !== 'other' && (need.confirmed || need.confidence >= CLEAR_NEED));
  const nothingKnown = !heardNeed && state.goals.length === 0 && state.successSignals.length === 0 && state.experiment === null;
  if (nothingKnown && !saidLately(state, said, bank.early)) return [{ kind: 'open_question', label: 'asks for the situation before offering an idea', text: bank.early }];
  // Only a need heard clearly picks its idea: an idea for a need the coach half-heard ("keep a note
  // of what went well" to someone asking how to price a dog-grooming van) is a stock line in disguise.
  const clear = state.needs.filter((need) => need.confirmed || need.confidence >= CLEAR_NEED);
  const need = [...clear].sort((first, second) => Number(second.confirmed) - Number(first.confirmed) || second.confidence - first.confidence)[0];
  const idea = bank.ideas[need?.category ?? 'general'];
  const given = saidLately(state, said, idea);
  if (given) return [{ kind: 'open_question', label: 'turns a second request for advice back to the client', text: bank.again }];
  const fit = pickFresh(bank.fit, seed, {}, said) ?? bank.fit[0]!;
  return [
    { kind: 'information', label: 'offers one idea, with permission', text: `${bank.lead} ${idea}` },
    // Asked as an experiment question: what they say they will try next is read as their first experiment.
    { kind: 'open_question', label: 'asks how the idea fits', questionId: ADVICE_FIT_ID, text: fit },
  ];
}

/** Whether the message asks for a framework, a method or steps to follow (the bank's words, whole). */
function asksForFramework(bank: AdviceBank, text: string): boolean {
  const lower = ` ${words(text).join(' ')} `;
  return bank.frameworkWords.some((words) => lower.includes(` ${words} `));
}
