import { parsedTerms } from '../understand/term-parses.js';
import type { SessionState } from '../domain/session-state.js';
import { LIMIT_WORDS } from './constraint-reflections.js';
import { type PromptBank } from './prompt-bank.js';
import { overlaps, wholeClause } from './reflection-clauses.js';
import { confirmedLabel, limitInOwnWords, needForSummary, needInOwnWords } from './need-words.js';
import { fill, mattersToYou, stemLead } from './reflection-stems.js';
import { successWhen } from './success-clauses.js';
import type { PlannedMove } from '../domain/coach-plan.js';
import { capitalize, contentWords, words as wordsOf } from '../understand/text.js';
import { echoFault, type EchoKind } from './reflection-grammar.js';
import { toSecondPerson } from '../understand/paraphrase.js';
import { wantedAsThing } from './statement.js';

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

/** Whether two clauses say the same: mostly the same content words, or one inside the other ("you want to go home" twice). */
function sayTheSame(first: string, second: string): boolean {
  const a = first.toLowerCase();
  const b = second.toLowerCase();
  return overlaps(first, second) || a.includes(b) || b.includes(a);
}

/** Fewest words of a sign of progress in a summary: "you think" says nothing. */
const MIN_SIGNAL_WORDS = 3;

/** Fewest words a clause cut at its first comma keeps ("go home"): one word ("have") is half a clause. */
const MIN_CUT_WORDS = 2;

/**
 * One whole clause for a summary: the words up to the first comma when there is one (two clauses
 * run together, "think about wholesale, three cafes ask you already", read as a fragment pasted in
 * a summary), and only when the gate lets them through; null otherwise.
 */
function oneClause(text: string, maxWords: number, kind: EchoKind): string | null {
  const whole = wholeClause(text, maxWords);
  if (whole === null) return null;
  const comma = [whole.indexOf(','), whole.indexOf(';')].filter((index) => index >= 0).sort((a, b) => a - b)[0] ?? -1;
  if (comma < 0) return sound(whole, kind);
  const head = whole.slice(0, comma).trim();
  // A stretch that stops on an adverb ("if you'd actually, read the course stuff…" cut at its comma)
  // is a clause cut short, not one that ends there.
  const last = parsedTerms(head).filter((term) => term.text !== '').at(-1);
  if (last?.tags.includes('Adverb') && !last.tags.includes('Noun') && !last.tags.includes('Date')) return null;
  return wordsOf(head).length >= MIN_CUT_WORDS ? sound(head, kind) : null;
}

export function summarize(phrases: PromptBank, state: SessionState, seed: number, said: readonly string[], options: { skipConstraintSeq?: number; heard?: string } = {}): PlannedMove | null {
  const bank = phrases.reflections;
  // A client writing English as a second language hears what they said in the coach's words, not their
  // own clauses read back (second-language.ts): what is left is the need they confirmed, if any.
  if (state.secondLanguage) return null;
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
  // An aim the client rewrote in the statement (in the panel or in chat) is the one summed up, not the one first heard.
  const edited = state.statement?.editedFields?.includes('goals') ? state.statement.goals[0] : undefined;
  const goalText = edited !== undefined ? toSecondPerson(edited) : state.goals[0]?.text;
  let want: string | null = null;
  // "you want them to just listen": a wish with its own object is summed up as it stands.
  const [subject, verb, next] = (goalText ?? '').toLowerCase().split(' ');
  const ownWish = goalText !== undefined && subject === 'you' && (verb === 'want' || verb === 'need') && next !== 'to' ? oneClause(goalText, 16, 'clause') : null;
  if (ownWish) want = ownWish;
  else if (goalText) {
    const wish = oneClause(goalText.replace(/^(?:you )?(?:want to |would like to )/i, ''), 14, 'action');
    if (wish) want = wish.toLowerCase().startsWith('for ') ? `you want ${wish.slice(4)}` : wantedAsThing(wish) ? `you want ${wish}` : `you want to ${wish}`;
  }
  const extras: string[] = [];
  const strength = state.strengths[0] ? oneClause(state.strengths[0].text, 12, 'clause') : null;
  // A strength that says what they want or what is hard again is not a strength of theirs.
  if (strength && !(want && sayTheSame(want, strength)) && !(first && sayTheSame(first, strength))) extras.push(`and you bring a real strength to this: ${strength}`);
  // A second need, in the client's words, when it was voiced as a difficulty.
  const other = named.find((candidate) => candidate !== need && candidate.category !== need?.category && candidate.confidence >= 0.7);
  const otherQuote = other ? needInOwnWords(other.evidence) : null;
  if (otherQuote && sound(otherQuote) && (!first || !sayTheSame(first, otherQuote))) extras.push(`and ${otherQuote}`);
  const signal = state.successSignals[0] ? oneClause(state.successSignals[0].text, 14, 'phrase') : null;
  if (signal && wordsOf(signal).length >= MIN_SIGNAL_WORDS) extras.push(`you'd know it's working when ${successWhen(signal)}`);
  const limit = options.skipConstraintSeq !== undefined ? undefined : [...state.constraints].filter((constraint) => constraint.evidence.some((quote) => LIMIT_WORDS.test(quote))).sort((a, b) => (b.seq ?? 0) - (a.seq ?? 0))[0];
  // The limit as the client put it ("money is tight"), not the kind's label ("a limited budget"), or not at all.
  const limitWords = limit ? limitInOwnWords(limit.evidence.filter((quote) => LIMIT_WORDS.test(quote))) : null;
  if (limitWords && (limitWords.form !== 'clause' || sound(limitWords.text))) extras.push(limitWords.form === 'clause' ? `and ${limitWords.text}` : `and the limit, as you put it: ${limitWords.text}`);
  const bare = (item: string) => (item.startsWith('and ') ? item.slice('and '.length) : item);
  // Nothing the coach just said (the reflection in front of the summary) or said in the last summary is echoed.
  const heard = new Set(contentWords(options.heard ?? ''));
  const fresh = (item: string) => {
    const itemWords = contentWords(item);
    return itemWords.filter((word) => heard.has(word)).length < Math.max(2, itemWords.length * 0.6);
  };
  const saidBefore = (item: string) => said.some((previous) => previous.toLowerCase().includes(bare(item).toLowerCase()));
  // The need and the want said in the same words are said once.
  if (first && want && overlaps(first, want)) {
    const label = need ? confirmedLabel(need) : null;
    first = label === null ? null : mattersToYou(label);
  }
  const core = [first, want].filter((item): item is string => item !== null && fresh(item));
  // Said once: an extra that repeats what the summary opens with is left out.
  const others = extras.filter(fresh).filter((item) => !core.some((opening) => sayTheSame(opening, bare(item))));
  const extra = [...others.filter((item) => !saidBefore(item)), ...others.filter(saidBefore)];
  // Two or three short sentences: what matters and what they want in one, then one more thread.
  const pool = [...core, ...extra];
  if (pool.length < 2) return null;
  const head = core.length > 0 ? core : [extra[0]!];
  const rest = pool.filter((item) => !head.includes(item)).slice(0, 1);
  // One thread is not a summary: the reflection of this turn says it better.
  if (head.length + rest.length < 2) return null;
  const lead = head.length > 1 ? `${head[0]}, and ${bare(head[1]!)}` : bare(head[0]!);
  const tail = rest.map((item) => `${capitalize(item)}.`).join(' ');
  for (let offset = 0; offset < bank.summary.length; offset++) {
    const text = `${fill(bank.summary[(seed + offset) % bank.summary.length]!, { items: lead })} ${tail}`.trim();
    if (!said.some((previous) => previous.includes(text))) return { kind: 'summary', label: 'summarises the conversation so far', text };
  }
  return null;
}
