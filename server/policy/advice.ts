import { z } from 'zod';
import { NEED_CATEGORIES, type NeedCategory } from '../domain/schemas.js';
import type { PlannedMove } from '../domain/coach-plan.js';
import { ADVICE_OFFER_ID, type SessionState } from '../domain/session-state.js';
import { pickFresh } from '../phrase/reflection-stems.js';

/**
 * Advice asked for is offered with permission, as coaching ethics have it: the coach asks
 * whether the client would like a suggestion; on a yes it gives one short idea for the need it
 * heard most clearly, as one option next to theirs, and asks how it fits; on a no it goes on.
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
    ideas: z.object({ ...Object.fromEntries(NEED_CATEGORIES.map((category) => [category, line])), general: line } as Record<NeedCategory | 'general', typeof line>).strict(),
  })
  .strict();
export type AdviceBank = z.infer<typeof AdviceBankSchema>;

export function offerAdvice(bank: AdviceBank, seed: number, said: readonly string[]): PlannedMove {
  const text = pickFresh(bank.offer, seed, {}, said) ?? bank.offer[0]!;
  return { kind: 'closed_question', label: 'offers a suggestion, with permission', questionId: ADVICE_OFFER_ID, text };
}

/** One idea for the need heard most clearly (or a general one), then how it fits. */
export function giveAdvice(bank: AdviceBank, state: SessionState, seed: number, said: readonly string[]): PlannedMove[] {
  const need = [...state.needs].sort((first, second) => Number(second.confirmed) - Number(first.confirmed) || second.confidence - first.confidence)[0];
  const idea = bank.ideas[need?.category ?? 'general'];
  const fit = pickFresh(bank.fit, seed, {}, said) ?? bank.fit[0]!;
  return [
    { kind: 'information', label: 'offers one idea, with permission', text: `${bank.lead} ${idea}` },
    { kind: 'open_question', label: 'asks how the idea fits', text: fit },
  ];
}
