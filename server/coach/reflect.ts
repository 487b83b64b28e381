import type { NeedCategory } from '../domain/schemas.js';
import type { SessionState } from '../session/state.js';
import { DIFFICULT_FEELINGS } from './feelings.js';
import { toSecondPerson } from './paraphrase.js';
import { promptBank } from './prompt-bank.js';
import type { PlannedMove, Understanding } from './types.js';
import { isWeakPurpose } from './slots.js';
import { capitalize, contentWords, joinList, normalize, shorten, splitSentences, stripFinalPunctuation, stripLeadingFiller } from './text.js';

/**
 * Reflections: the coach's way of showing it heard. A simple reflection gives the client's meaning
 * back in the coach's voice; a complex one adds what was implied: the feeling, the need underneath,
 * or both sides of an ambivalence. Stems rotate with the turn and a reflection already said in
 * this session is never said again word for word.
 */

/** Fills `{name}` placeholders; `{Name}` gets a capitalised value. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = values[key] ?? values[key.charAt(0).toLowerCase() + key.slice(1)] ?? '';
    return key.charAt(0) === key.charAt(0).toUpperCase() ? capitalize(value) : value;
  });
}

/** The first stem (rotating from `seed`) whose rendering was not said before in this session. */
export function pickFresh(stems: readonly string[], seed: number, values: Record<string, string>, said: readonly string[]): string | null {
  for (let offset = 0; offset < stems.length; offset++) {
    const text = fill(stems[(seed + offset) % stems.length]!, values);
    if (!said.some((previous) => previous.includes(text))) return text;
  }
  return null;
}

const UNCERTAIN = /^(?:i )?(?:don't|do not|dont) know\b|^(?:not sure|no idea|dunno|hard to say|i'm not sure|i am not sure|no clue|beats me|unsure|maybe|perhaps|i guess)\b/i;
const CONTRAST = /\s*(?:,\s*)?\b(?:but|although|though|yet|however|on the other hand|at the same time|and yet)\b\s*/i;

/** Splits an ambivalent sentence ("I want to delegate, but I'm afraid it'll slip") into its two sides. */
function twoSides(text: string): [string, string] | null {
  for (const sentence of splitSentences(text)) {
    const match = CONTRAST.exec(sentence);
    if (!match || match.index === 0) continue;
    const first = stripFinalPunctuation(stripLeadingFiller(sentence.slice(0, match.index)));
    const second = stripFinalPunctuation(sentence.slice(match.index + match[0].length));
    if (contentWords(first).length >= 2 && contentWords(second).length >= 2 && first.split(' ').length >= 3 && second.split(' ').length >= 3) {
      return [lowerStart(toSecondPerson(shorten(first, 14))), lowerStart(toSecondPerson(shorten(second, 14)))];
    }
  }
  return null;
}

function lowerStart(text: string): string {
  return /^I\b/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

export interface ReflectionContext {
  state: SessionState;
  understanding: Understanding;
  text: string;
  seed: number;
  said: readonly string[];
  /** Categories the client voiced before this turn: naming them again would be an echo. */
  knownCategories: ReadonlySet<NeedCategory>;
}

/**
 * One or two reflective moves for this message: a simple paraphrase, plus (when the message
 * carries it) a complex reflection naming a new need, an implied feeling, or two sides.
 */
export function reflect(context: ReflectionContext): PlannedMove[] {
  const { understanding, seed, said } = context;
  const bank = promptBank().reflections;
  const moves: PlannedMove[] = [];
  const trimmed = context.text.trim();
  // Thanks, greetings and closings are answered, not reflected; a bare "yes, that's right" agrees with what was said.
  if (understanding.pleasantry || understanding.affirms) return [];
  if (UNCERTAIN.test(normalize(trimmed)) && contentWords(trimmed).length <= 4) {
    const text = pickFresh(bank.uncertain, seed, {}, said);
    return text ? [{ kind: 'simple_reflection', label: 'reflects uncertainty', text }] : [];
  }
  const paraphrase = understanding.paraphrase;
  if (!paraphrase || contentWords(paraphrase).length === 0) return [];
  // A question put to the coach about something else ("what's the capital of France?") is not the client's content.
  if (isOffTopicQuestion(trimmed)) return [];
  // "No, that's enough for now" or "yes, that's right" answer the process; echoing them is parroting.
  if (understanding.intent !== null && trimmed.split(/\s+/).length <= 8) return [];

  const sides = twoSides(context.text);
  if (sides) {
    const text = pickFresh(bank.twoSided, seed, { a: sides[0], b: sides[1] }, said);
    if (text) moves.push({ kind: 'complex_reflection', label: 'reflects both sides', text });
  }

  const feeling = understanding.feelings.find((name) => DIFFICULT_FEELINGS.has(name));
  const newNeed = understanding.needs.find((need) => need.confidence >= 0.7 && need.category !== 'other' && !context.knownCategories.has(need.category));
  if (moves.length === 0) {
    const shortParaphrase = shorten(paraphrase, 18);
    if (feeling && !new RegExp(`\\b${feeling}`, 'i').test(context.text)) {
      const text = pickFresh(bank.feeling, seed, { feeling, p: shortParaphrase }, said);
      if (text) moves.push({ kind: 'complex_reflection', label: `names the feeling: ${feeling}`, text });
    }
    if (moves.length === 0) {
      const stems = contentWords(paraphrase).length <= 3 ? bank.brief : bank.simple;
      const text = pickFresh(stems, seed, { p: shortParaphrase }, said);
      if (text) moves.push({ kind: 'simple_reflection', label: 'paraphrases the client', text });
    }
  }
  // A need heard before, voiced again: link the two moments (once per need), which deepens rather than echoes.
  const returning = understanding.needs.find((need) => need.category !== 'other' && context.knownCategories.has(need.category));
  if (!newNeed && returning && moves.length < 2) {
    const phrase = bank.needPhrases[returning.category];
    const linkedBefore = said.some((previous) => previous.includes(phrase) && bank.link.some((stem) => previous.includes(stem.split('{')[0]!.trim())));
    const text = linkedBefore ? null : pickFresh(bank.link, seed, { need: phrase }, said);
    if (text) moves.push({ kind: 'complex_reflection', label: `links back to the need: ${returning.category}`, text });
  }
  if (newNeed) {
    const text = pickFresh(bank.need, seed + 1, { need: bank.needPhrases[newNeed.category] }, said);
    if (text) moves.push({ kind: 'complex_reflection', label: `names the need: ${newNeed.category}`, text });
  }
  if (moves.length === 0) {
    // Said before, word for word: reflect the theme instead of echoing.
    const topic = understanding.keyPhrases[0];
    const text = topic ? pickFresh(bank.repeated, seed, { topic: toSecondPerson(topic).toLowerCase() }, said) : null;
    if (text) moves.push({ kind: 'complex_reflection', label: 'notices a recurring theme', text });
  }
  return moves;
}

/** A question to the coach with nothing of the client in it. */
export function isOffTopicQuestion(text: string): boolean {
  const lower = normalize(text);
  return /\?\s*$/.test(lower) && !/\b(?:i|i'm|i've|i'd|me|my|we|our|us)\b/.test(lower);
}

/**
 * After a detour (an off-topic question, an advice request, an attempt to re-role the coach),
 * come back with the client's own earlier words, so the next question lands on their concern.
 */
export function bridgeBack(state: SessionState, seed: number, said: readonly string[]): PlannedMove | null {
  const need = [...state.needs].sort((first, second) => second.confidence - first.confidence)[0];
  const quote = need?.evidence[0] ?? state.goals[0]?.quote ?? state.agreement.purpose?.quote;
  if (!quote) return null;
  const p = lowerStart(toSecondPerson(stripFinalPunctuation(shorten(stripLeadingFiller(quote), 16))));
  const text = pickFresh(promptBank().reflections.bridge, seed, { p }, said);
  return text ? { kind: 'simple_reflection', label: "brings the client's concern back", text } : null;
}

/** A summary of what the client has said so far, in their words, for every few turns. */
export function summarize(state: SessionState, seed: number, said: readonly string[]): PlannedMove | null {
  const bank = promptBank().reflections;
  const items: string[] = [];
  const goal = state.goals[0];
  const purpose = state.agreement.purpose;
  if (goal) {
    const wish = stripFinalPunctuation(goal.text.replace(/^(?:you )?(?:want to |would like to )/i, '')).replace(/[,;:]+$/, '');
    items.push(/^for\s/i.test(wish) ? `you want ${wish.slice(4)}` : `you want to ${wish}`);
  } else if (purpose && !isWeakPurpose(purpose)) items.push(`you came in wanting to look at ${stripFinalPunctuation(purpose.text)}`);
  const needs = state.needs.filter((need) => need.category !== 'other').slice(0, 2);
  if (needs.length > 0) items.push(`${needs.map((need) => need.summary).join(' and ')} ${needs.length > 1 ? 'matter' : 'matters'} to you`);
  const constraint = state.constraints[0];
  if (constraint) items.push(`you're working with ${constraint.summary}`);
  const strength = state.strengths[0];
  if (strength) items.push(`you bring strengths of your own: ${strength.text}`);
  const signal = state.successSignals[0];
  if (signal) items.push(`you'd know it's working when ${signal.text}`);
  if (items.length < 2) return null;
  for (let index = 0; index < items.length; index++) items[index] = stripFinalPunctuation(shorten(items[index]!, 16)).replace(/[,;:]+$/, '');
  const text = pickFresh(bank.summary, seed, { items: joinList(items.slice(0, 4)) }, said);
  return text ? { kind: 'summary', label: 'summarises the conversation so far', text } : null;
}

/** A short affirmation of the client's effort or insight (not of everything they say). */
export function affirm(seed: number, said: readonly string[]): PlannedMove | null {
  const text = pickFresh(promptBank().reflections.affirmation, seed, {}, said);
  return text ? { kind: 'affirmation', label: 'affirms effort', text } : null;
}
