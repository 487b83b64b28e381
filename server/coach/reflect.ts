import type { NeedCategory } from '../domain/schemas.js';
import type { SessionState } from '../session/state.js';
import { DIFFICULT_FEELINGS } from './feelings.js';
import { type Clause, type ClauseKind, readClause, toSecondPerson } from './paraphrase.js';
import { promptBank } from './prompt-bank.js';
import type { PlannedMove, Understanding } from './types.js';
import { isWeakPurpose } from './slots.js';
import { capitalize, contentWords, joinList, lowerFirst, normalize, shorten, splitSentences, stripFinalPunctuation, stripLeadingFiller } from './text.js';

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

/** A feeling named over something that is not a clause ("panicking on the day"): about it, not because of it. */
const FEELING_ABOUT = ["It sounds like you're feeling {feeling} about {p}.", "You're feeling {feeling} about {p}."];

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

/**
 * Stems by what the sentence says (see `readClause`): a plain fact is never framed as an opinion
 * ("as you see it, you're a second year doctor"), a request never echoed as an instruction.
 * `{b}` is the clause the kind carries, `{p}` the whole sentence in the coach's voice.
 */
const FRAMES: Record<ClauseKind, readonly string[]> = {
  fact: ['So {p}.', "You're saying {p}.", 'In other words, {p}.'],
  opinion: ['It sounds like {b}.', 'So as you see it, {b}.', 'The way you see it, {b}.'],
  feeling: ['It sounds like {b}.', 'So {b}.'],
  wish: ["You'd like {b}.", 'So what you want is {b}.', 'What you’re after is {b}.'],
  hope: ["You're hoping {b}.", 'So you hope {b}.'],
  difficulty: ["It's hard for you to {b}.", 'Right now it’s a struggle to {b}.', 'So {p}.'],
  struggle: ["You're struggling with {b}.", "So {b} is hard for you right now."],
  request: ["You'd like me to {b}.", 'So you want me to {b}.'],
  idea: ['So one idea is to {b}.', 'One option, then, is to {b}.', 'So you could {b}.'],
  question: ["You're wondering {b}.", 'So the question for you is {b}.'],
  quality: ["You're {b}.", "So you're {b}."],
  fragment: ['Right: {b}.', 'So it comes down to {b}.'],
  number: [],
  none: [],
};

/**
 * A one- or two-word answer ("No time.", "Fires.", "Doing.") read through the question just asked
 * (the id's middle part: "partnership.constraints.1" → "constraints"): the answer, placed.
 */
const ANSWER_FRAMES: Record<string, readonly string[]> = {
  reality: ["{F}: that's where it gets stuck.", 'So {f} is where the difficulty sits.'],
  constraints: ["{F}: that's the limit you're working with.", "So {f} is what any plan has to respect."],
  success: ["{F}: that's how you'd know it's working.", 'So {f} would be the sign of progress.'],
  learning: ["{F}: that's how you learn best.", 'So you learn best by {f}.'],
  strengths: ["{F}: that's a strength to build on.", "So {f} is something you're good at."],
  experiment: ["{F}: that's something you could try.", 'So one thing to try is {f}.'],
  obstacles: ["{F}: that's what's most likely to get in the way.", 'So {f} could get in the way.'],
  adjust: ["{F}: that's how you'd adjust.", 'So {f} is your way of adjusting course.'],
};

/** "That's how I learn", "it's why I stay": a sentence that only comments on the one before it. */
const ANAPHOR = /^(?:that's|thats|that is|this is|it's|its|which is) (?:how|what|why|the way|when|where|all)\b/i;

/** The sentence the paraphrase was made from (the understanding picks the most telling one). */
function sourceIndex(sentences: string[], paraphrase: string): number {
  const target = normalize(paraphrase);
  const index = sentences.findIndex((sentence) => normalize(lowerFirst(toSecondPerson(stripFinalPunctuation(shorten(stripLeadingFiller(sentence), 24))))) === target);
  return index >= 0 ? index : 0;
}

export interface FramedReflection {
  kind: ClauseKind;
  text: string;
  clause: Clause;
}

/**
 * A simple reflection framed by the kind of sentence it reflects, grounded in the client's words:
 * "tell me straight if im doing it wrong. thats how i learn" → "You'd like me to tell you straight
 * if you're doing it wrong: that's how you learn." Null when the sentence carries nothing to give
 * back on its own (a bare number, one word, a question with no content of the client's).
 */
export function frameReflection(text: string, paraphrase: string, seed: number, said: readonly string[], slot: string | null = null): FramedReflection | null {
  const sentences = splitSentences(text);
  if (sentences.length === 0) return null;
  const answerFrames = slot ? ANSWER_FRAMES[slot] : undefined;
  if (answerFrames && sentences.length === 1 && text.trim().split(/\s+/).length <= 3) {
    const clause = readClause(sentences[0]!);
    const words = lowerFirst(stripFinalPunctuation(stripLeadingFiller(clause.plain)));
    if ((clause.kind === 'none' || clause.kind === 'fragment' || clause.kind === 'quality') && /[a-z]{3,}/i.test(words)) {
      const rendered = pickFresh(answerFrames, seed, { f: words }, said);
      if (rendered) return { kind: clause.kind, text: rendered, clause };
    }
  }
  let index = sourceIndex(sentences, paraphrase);
  // The comment ("that's how I learn") leans on the sentence before it: reflect that one, with the comment.
  if (ANAPHOR.test(stripLeadingFiller(sentences[index]!)) && index > 0) index -= 1;
  let clause = readClause(shorten(sentences[index]!, 24));
  if ((clause.kind === 'none' || clause.kind === 'number') && sentences.length > 1) {
    const other = sentences.map((sentence) => readClause(shorten(sentence, 24))).find((candidate) => candidate.kind !== 'none' && candidate.kind !== 'number' && FRAMES[candidate.kind].length > 0 && (candidate.kind !== 'question' || candidate.body !== ''));
    if (other) clause = other;
  }
  if (clause.kind === 'question' && clause.body === '') return null;
  // One word ("Committed.", "nights") is acknowledged, not dressed up as a sentence.
  const stems = clause.kind === 'fragment' && clause.body.split(' ').length === 1 ? ['{B}, then.'] : FRAMES[clause.kind];
  if (stems.length === 0) return null;
  const body = stripFinalPunctuation(shorten(clause.body, 20));
  const plain = lowerFirst(stripFinalPunctuation(shorten(stripLeadingFiller(clause.plain), 20)));
  if (contentWords(body || plain).length === 0) return null;
  let tail = '';
  const next = sentences[index + 1];
  if (next && ANAPHOR.test(stripLeadingFiller(next))) tail = `: ${lowerFirst(toSecondPerson(stripFinalPunctuation(stripLeadingFiller(next))))}`;
  else if (next && clause.kind === 'quality') {
    // "good at the job. fastest picker on site": two qualities make one picture.
    const second = readClause(shorten(next, 16));
    if (second.kind === 'quality' || second.kind === 'fragment') tail = ` — ${stripFinalPunctuation(second.body)}`;
  }
  const values = { b: body, p: plain || body };
  for (let offset = 0; offset < stems.length; offset++) {
    const stem = stems[(seed + offset) % stems.length]!;
    const filled = fill(stem, values);
    const rendered = tail ? filled.replace(/\.$/, `${tail}.`) : filled;
    if (!said.some((previous) => previous.includes(rendered))) return { kind: clause.kind, text: rendered, clause };
  }
  return null;
}

/** Wish and difficulty in one message ("I want to delegate. I'm scared it'll slip."): the two sides. */
function wishAndDifficulty(text: string): [string, string] | null {
  if (!/\b(?:want|wanna|like|love)\b/i.test(text) || !/\b(?:struggl\w*|can't|cant|cannot|hard|difficult|tough|feel|felt|scared|afraid|worried|anxious)\b/i.test(text)) return null;
  const clauses = splitSentences(text).map((sentence) => readClause(shorten(sentence, 18)));
  const wish = clauses.find((clause) => clause.kind === 'wish');
  const hard = clauses.find((clause) => clause.kind === 'difficulty' || clause.kind === 'struggle' || clause.kind === 'feeling');
  if (!wish || !hard) return null;
  const a = `you'd like ${stripFinalPunctuation(wish.body)}`;
  const b = hard.kind === 'difficulty' ? `it's hard to ${stripFinalPunctuation(hard.body)}` : hard.kind === 'struggle' ? `you're struggling with ${stripFinalPunctuation(hard.body)}` : lowerFirst(stripFinalPunctuation(hard.body));
  return contentWords(a).length >= 1 && contentWords(b).length >= 1 ? [a, b] : null;
}

/**
 * A bare number or one word answers the question just asked: "7" after the confidence question is a
 * confidence, "fortnightly" after the check-in question a rhythm. Null when the question gives no reading.
 */
export function contextualAnswer(state: SessionState, text: string, seed: number, said: readonly string[]): PlannedMove | null {
  const clause = readClause(text);
  const last = state.asked[state.asked.length - 1] ?? '';
  const slot = last.split('.')[1] ?? '';
  if (clause.kind === 'number' && /^confidence/.test(slot)) {
    const n = /^\d/.test(clause.body) ? clause.body : String(['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'].indexOf(clause.body));
    const stems = slot === 'confidence_raise' ? ["So a {n} out of 10 is where you'd like to get to.", 'A {n} out of 10 would feel like progress.'] : promptBank().reflections.confidence;
    const reply = pickFresh(stems, seed, { n }, said);
    return reply ? { kind: 'simple_reflection', label: 'reads the number as confidence', text: reply } : null;
  }
  return null;
}

/** A rhythm in words the coach can say back: "fortnightly" → "every two weeks". */
export function rhythmPhrase(rhythm: string): string {
  const lower = rhythm.trim().toLowerCase();
  const words: Record<string, string> = { weekly: 'every week', fortnightly: 'every two weeks', biweekly: 'every two weeks', 'bi-weekly': 'every two weeks', monthly: 'once a month', daily: 'every day' };
  return words[lower] ?? (/^[A-Z][a-z]+ly\b/.test(rhythm) ? lowerFirst(rhythm) : rhythm.trim());
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

  const sides = twoSides(context.text) ?? wishAndDifficulty(context.text);
  if (sides) {
    const text = pickFresh(bank.twoSided, seed, { a: sides[0], b: sides[1] }, said);
    if (text) moves.push({ kind: 'complex_reflection', label: 'reflects both sides', text });
  }

  const feeling = understanding.feelings.find((name) => DIFFICULT_FEELINGS.has(name));
  const newNeed = understanding.needs.find((need) => need.confidence >= 0.7 && need.category !== 'other' && !context.knownCategories.has(need.category));
  if (moves.length === 0) {
    const slot = context.state.asked[context.state.asked.length - 1]?.split('.')[1] ?? null;
    const framed = frameReflection(context.text, paraphrase, seed, said, slot);
    // The feeling is named over a clause with its own subject ("because your boss …"), never over a fragment.
    const clausal = framed !== null && (framed.kind === 'fact' || framed.kind === 'opinion' || framed.kind === 'difficulty');
    if (feeling && framed && !new RegExp(`\\b${feeling}`, 'i').test(context.text) && (clausal || framed.kind === 'struggle' || framed.kind === 'fragment')) {
      const p = clausal ? stripFinalPunctuation(shorten(framed.kind === 'difficulty' ? framed.clause.plain : framed.clause.body, 18)) : stripFinalPunctuation(shorten(framed.clause.body, 12));
      const stems = clausal ? bank.feeling : FEELING_ABOUT;
      const text = pickFresh(stems, seed, { feeling, p: lowerFirst(p) }, said);
      if (text) moves.push({ kind: 'complex_reflection', label: `names the feeling: ${feeling}`, text });
    }
    if (moves.length === 0 && framed) moves.push({ kind: 'simple_reflection', label: `paraphrases the client (${framed.kind})`, text: framed.text });
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
