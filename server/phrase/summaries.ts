import type { SessionState } from '../domain/session-state.js';
import { LIMIT_WORDS } from './constraint-reflections.js';
import { type PromptBank } from './prompt-bank.js';
import { overlaps, wholeClause } from './reflection-clauses.js';
import { confirmedLabel, limitInOwnWords, needForSummary, needInOwnWords } from './need-words.js';
import { fill, mattersToYou, stemLead } from './reflection-stems.js';
import { successWhen } from './success-clauses.js';
import type { PlannedMove } from '../domain/coach-plan.js';
import { capitalize, contentWords } from '../understand/text.js';
import { echoFault, type EchoKind } from './reflection-grammar.js';

/** Whether the coach's last turn already summed up (e.g. when asked to): the next one need not. */
export function summarizedLastTurn(phrases: PromptBank, state: SessionState): boolean {
  const last = state.recentCoachTexts[state.recentCoachTexts.length - 1] ?? '';
  return phrases.reflections.summary.some((stem) => last.includes(stemLead(stem)));
}

/**
 * A summary of what matters most so far, in two or three short sentences in the client's words:
 * what is hard (the need, as they said it), what they want, and a strength (or the success signal,
 * or the latest limit). Every clause is whole: a clause that cannot be cut cleanly is left out.
 */

/** A clause of the client's that the grammar gate lets through, or null: a summary never echoes broken words. */
function sound(clause: string | null, kind: EchoKind = 'clause'): string | null {
  return clause !== null && echoFault(clause, kind) === null ? clause : null;
}

export function summarize(phrases: PromptBank, state: SessionState, seed: number, said: readonly string[], options: { skipConstraintSeq?: number; heard?: string } = {}): PlannedMove | null {
  const bank = phrases.reflections;
  const sentences: string[] = [];
  // The need voiced first with confidence is usually the heart of it; later ones are context.
  const named = state.needs.filter((candidate) => candidate.category !== 'other');
  const need = named.find((candidate) => candidate.confidence >= 0.7) ?? [...named].sort((first, second) => second.confidence - first.confidence)[0];
  let first: string | null = null;
  if (need) {
    // The client's own words when they voice the difficulty itself (a bare fact, "you run a team of 9", is not a need);
    // the theme's label only when the client confirmed it; else the need is not named.
    first = needForSummary(need);
  }
  const goal = state.goals[0];
  let want: string | null = null;
  if (goal) {
    const wish = sound(wholeClause(goal.text.replace(/^(?:you )?(?:want to |would like to )/i, ''), 14), 'action');
    if (wish) want = /^for\s/i.test(wish) ? `you want ${wish.slice(4)}` : `you want to ${wish}`;
  }
  const extras: string[] = [];
  const strength = state.strengths[0] ? sound(wholeClause(state.strengths[0].text, 12)) : null;
  if (strength) extras.push(`and you bring a real strength to this: ${strength}`);
  // A second need, in the client's words, when it was voiced as a difficulty.
  const other = named.find((candidate) => candidate !== need && candidate.category !== need?.category && candidate.confidence >= 0.7);
  const otherQuote = other ? needInOwnWords(other.evidence) : null;
  if (otherQuote && (!first || !overlaps(first, otherQuote))) extras.push(`and ${otherQuote}`);
  const signal = state.successSignals[0] ? sound(wholeClause(state.successSignals[0].text, 14), 'phrase') : null;
  if (signal) extras.push(`you'd know it's working when ${successWhen(signal)}`);
  const limit = options.skipConstraintSeq !== undefined ? undefined : [...state.constraints].filter((constraint) => constraint.evidence.some((quote) => LIMIT_WORDS.test(quote))).sort((a, b) => (b.seq ?? 0) - (a.seq ?? 0))[0];
  // The limit as the client put it ("money is tight"), not the kind's label ("a limited budget"), or not at all.
  const limitWords = limit ? limitInOwnWords(limit.evidence.filter((quote) => LIMIT_WORDS.test(quote))) : null;
  if (limitWords) extras.push(limitWords.form === 'clause' ? `and ${limitWords.text}` : `and the limit, as you put it: ${limitWords.text}`);
  // Nothing the coach just said (the reflection in front of the summary) or said in the last summary is echoed.
  const heard = new Set(contentWords(options.heard ?? ''));
  const fresh = (item: string) => {
    const itemWords = contentWords(item);
    return itemWords.filter((word) => heard.has(word)).length < Math.max(2, itemWords.length * 0.6);
  };
  const saidBefore = (item: string) => said.some((previous) => previous.toLowerCase().includes(item.toLowerCase().replace(/^and /, '')));
  // The need and the want said in the same words are said once.
  if (first && want && overlaps(first, want)) {
    const label = need ? confirmedLabel(need) : null;
    first = label === null ? null : mattersToYou(label);
  }
  const core = [first, want].filter((item): item is string => item !== null && fresh(item));
  const others = extras.filter(fresh);
  const extra = [...others.filter((item) => !saidBefore(item)), ...others.filter(saidBefore)];
  const bare = (item: string) => item.replace(/^and /, '');
  // Two or three short sentences: what matters and what they want in one, then one more thread.
  const pool = [...core, ...extra];
  if (pool.length < 2) return null;
  const head = core.length > 0 ? core : [extra[0]!];
  const rest = pool.filter((item) => !head.includes(item)).slice(0, 1);
  const lead = head.length > 1 ? `${head[0]}, and ${bare(head[1]!)}` : bare(head[0]!);
  const tail = rest.map((item) => `${capitalize(item)}.`).join(' ');
  for (let offset = 0; offset < bank.summary.length; offset++) {
    const text = `${fill(bank.summary[(seed + offset) % bank.summary.length]!, { items: lead })} ${tail}`.trim();
    if (!said.some((previous) => previous.includes(text))) return { kind: 'summary', label: 'summarises the conversation so far', text };
  }
  return null;
}
