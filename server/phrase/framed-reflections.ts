import type { SessionState } from '../domain/session-state.js';
import { type Clause, type ClauseKind, readClause, rulesOut, saysWhatItIs } from '../understand/clause-reader.js';
import { toSecondPerson } from '../understand/paraphrase.js';
import { type PromptBank, type Reflections } from './prompt-bank.js';
import { fill, openedRecently, pickFresh } from './reflection-stems.js';
import { echoFault } from './reflection-grammar.js';
import { withoutHedges } from './reflection-hedges.js';
import type { PlannedMove } from '../domain/coach-plan.js';
import { contentWords, lowerFirst, normalize, shorten, splitSentences, stripFinalPunctuation, stripLeadingFiller, words } from '../understand/text.js';
import { compileLexicon } from '../understand/lexicon.js';
import { NOT_WORTH, worthOf } from '../understand/reflection-worth.js';
import { isTrailingLabel, labelledParts, PartLabelEntrySchema } from '../understand/part-labels.js';
import partLabels from '../../content/lexicon/part-labels.json' with { type: 'json' };
import { splitOnSpaces } from '../understand/spaces.js';

/** The labels clients put before an answer ("Small step.", "Success, um.": content/lexicon/part-labels.json). */
const PART_LABELS = compileLexicon('part-labels', partLabels, PartLabelEntrySchema);

/** A sentence that is only such a label: it heads what follows and is not itself something to give back. */
function onlyALabel(sentence: string): boolean {
  if (isTrailingLabel(PART_LABELS, sentence)) return true;
  const parts = labelledParts(PART_LABELS, sentence);
  return parts.length > 0 && parts.every((part) => part.rest === '');
}

/**
 * Simple reflections framed by the kind of sentence they give back, and short answers read through
 * the question just asked.
 */

/**
 * Stems by what the sentence says (see `readClause`), from content/phrases/reflections.json
 * (`framed`): a plain fact is never framed as an opinion ("as you see it, you're a second year
 * doctor"), a request never echoed as an instruction. Short answers are read through the question
 * just asked (`answerFrames`).
 */
export type FramedStems = Reflections['framed'];
export type AnswerFrames = Reflections['answerFrames'];

/** A shrug ("I don't know", "not sure", "maybe") at the start of what the client says. */
export const UNCERTAIN = /^(?:i )?(?:don't|do not|dont) know\b|^(?:not sure|no idea|dunno|hard to say|i'm not sure|i am not sure|no clue|beats me|unsure|maybe|perhaps|i guess)\b/i;

/**
 * A sentence that is only a shrug ("I don't know.", "Not sure, really."): in speech as often a
 * filler as a doubt, and "So you don't know." given back says nothing. The message's other
 * sentences are reflected instead.
 */
function isShrug(sentence: string): boolean {
  const plain = normalize(stripFinalPunctuation(sentence));
  return UNCERTAIN.test(plain) && words(plain).length <= 4;
}

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
export function frameReflection(bank: Pick<Reflections, 'framed' | 'answerFrames'>, text: string, paraphrase: string, seed: number, said: readonly string[], slot: string | null = null): FramedReflection | null {
  return framedOutcome(bank, text, paraphrase, seed, said, slot).framed;
}

/** `frameReflection`, saying too whether a sentence was passed over because the grammar gate refused its words. */
export function framedOutcome(bank: Pick<Reflections, 'framed' | 'answerFrames'>, text: string, paraphrase: string, seed: number, said: readonly string[], slot: string | null = null): { framed: FramedReflection | null; gated: boolean; alternatives: string[] } {
  const sentences = splitSentences(text);
  if (sentences.length === 0) return { framed: null, gated: false, alternatives: [] };
  const listed = slot && slot !== '_about' ? bank.answerFrames[slot] : undefined;
  const answerFrames = Array.isArray(listed) ? listed : undefined;
  if (answerFrames && sentences.length === 1 && splitOnSpaces(text.trim()).length <= 3) {
    const clause = readClause(withoutHedges(sentences[0]!));
    const words = lowerFirst(stripFinalPunctuation(stripLeadingFiller(clause.plain)));
    // The words pass the echo gate too: "ya mostly right" is a nod in chat spelling, not an answer to give back.
    if ((clause.kind === 'none' || clause.kind === 'fragment' || clause.kind === 'quality') && /[a-z]{3,}/i.test(words) && contentWords(words).length > 0 && echoFault(words, 'phrase') === null) {
      // ("Fine." to "where do you get stuck?" is a shrug, not "Fine: that's where it gets stuck.")
      const rendered = pickFresh(answerFrames, seed, { f: words }, said);
      if (rendered) return { framed: { kind: clause.kind, text: rendered, clause }, gated: false, alternatives: [] };
    }
  }
  let index = sourceIndex(sentences, paraphrase);
  // "Confidence... ugh, like a six? … Part of me is going to want to bail": a word or a label is not
  // what to give back when a sentence beside it says something.
  if ((contentWords(sentences[index]!).length <= 1 && words(stripFinalPunctuation(sentences[index]!)).length <= 2) || onlyALabel(sentences[index]!)) {
    const richer = sentences.findIndex((sentence, other) => other !== index && !sentence.trim().endsWith('?') && contentWords(sentence).length >= 2 && !isShrug(sentence) && !rulesOut(sentence) && !ANAPHOR.test(stripLeadingFiller(sentence)));
    if (richer >= 0) index = richer;
  }
  // The comment ("that's how I learn") leans on the sentence before it: reflect that one, with the comment.
  if (ANAPHOR.test(stripLeadingFiller(sentences[index]!)) && index > 0) index -= 1;
  // "It's not that I'm scared of her. It's more that I don't know how to say it": what it is, not what it isn't.
  if (rulesOut(sentences[index]!) && index + 1 < sentences.length) {
    const positive = sentences.findIndex((sentence, other) => other > index && saysWhatItIs(sentence));
    index = positive > index ? positive : index + 1;
  }
  // Say less, never wrong: the sentence the paraphrase was made from first, then the others; the
  // first whose words pass the grammar gate (reflection-grammar.ts) is the one given back.
  // Another sentence stands in only if it says something ("I don't know" does not).
  const order = [index, ...sentences.map((_, other) => other).filter((other) => other !== index && contentWords(sentences[other]!).length >= 2)].filter((candidate) => !isShrug(sentences[candidate]!) && !(sentences.length > 1 && rulesOut(sentences[candidate]!)) && !(sentences.length > 1 && onlyALabel(sentences[candidate]!)) && worthOf(stripLeadingFiller(sentences[candidate]!)) > NOT_WORTH);
  let gated = false;
  // Each sentence as it may be echoed: without the hedges the reader keeps ("kind of", "I guess").
  const echoable = sentences.map(withoutHedges);
  let first: FramedReflection | null = null;
  const alternatives: string[] = [];
  for (const candidate of order) {
    const framed = frameSentence(bank, echoable, candidate, seed, said, slot);
    if (framed === NOT_HERE) continue;
    if (framed === GATED) {
      // Only words the gate refused send the reflection to another sentence.
      if (first === null) gated = true;
      continue;
    }
    if (first === null) {
      if (framed === null) return { framed: null, gated, alternatives: [] };
      first = framed;
      continue;
    }
    // The next sentences that frame well are kept as alternatives, should the verifier refuse the first.
    if (framed !== null && framed.text !== first.text) alternatives.push(framed.text);
    if (alternatives.length >= MAX_ALTERNATIVES) break;
  }
  return { framed: first, gated, alternatives };
}

/** At most this many other sentences are framed as alternatives to the first reflection. */
const MAX_ALTERNATIVES = 2;

/** Whether a stem echoes the slot (`{b}` or `{B}`, `{p}` or `{P}`). */
function usesSlot(stem: string, slot: 'b' | 'p'): boolean {
  return stem.includes(`{${slot}}`) || stem.includes(`{${slot.toUpperCase()}}`);
}

/** Words that open a clause the way a filler does ("you know the build…", "you mean…"). */
const FILLER_LOOKALIKE = ['you know', 'you mean', 'i mean'];

/** What `frameSentence` returns when the sentence's words failed the grammar gate. */
const GATED = 'gated';
/** What `frameSentence` returns when the sentence is not one to frame at this point of the talk (another may be). */
const NOT_HERE = 'not here';

/**
 * The questions whose answer may be an option ("So one idea is to …"). Elsewhere a sentence that
 * opens with a verb is rarely an idea: in speech it is a habit ("snort it, always snort it"), an
 * aim ("be able to look nice"), an agreement ("check it, yeah") or a noun read as a verb, and
 * calling it "one option" puts a plan in the client's mouth.
 */
const OPTION_SLOTS = new Set(['experiment', 'action', 'specific', 'adjust', 'obstacles', 'support']);

/** The reflection of one sentence of the message (with the comment after it), or null when it cannot be given back well. */
function frameSentence(bank: Pick<Reflections, 'framed' | 'answerFrames'>, sentences: string[], index: number, seed: number, said: readonly string[], slot: string | null): FramedReflection | typeof GATED | typeof NOT_HERE | null {
  const FRAMES: Record<ClauseKind, readonly string[]> = bank.framed;
  let clause = readClause(shorten(sentences[index]!, 24));
  if ((clause.kind === 'none' || clause.kind === 'number') && sentences.length > 1) {
    const other = sentences.filter((sentence) => !onlyALabel(sentence)).map((sentence) => readClause(shorten(sentence, 24))).find((candidate) => candidate.kind !== 'none' && candidate.kind !== 'number' && FRAMES[candidate.kind].length > 0 && (candidate.kind !== 'question' || candidate.body !== ''));
    if (other) clause = other;
  }
  if (clause.kind === 'question' && clause.body === '') return null;
  if (clause.kind === 'idea' && !(slot !== null && OPTION_SLOTS.has(slot))) return NOT_HERE;
  // "One option, then, is to plan.", "…is to start Monday.": a verb with a word or two is a heading
  // or a when, not an idea worth giving back as one.
  if (clause.kind === 'idea' && words(clause.body).length < 3) return NOT_HERE;
  // One word ("Committed.", "nights") is acknowledged, not dressed up as a sentence.
  const stems = clause.kind === 'fragment' && clause.body.split(' ').length === 1 ? bank.framed.oneWord : FRAMES[clause.kind];
  if (stems.length === 0) return null;
  const body = stripFinalPunctuation(shorten(clause.body, 20));
  const plain = lowerFirst(stripFinalPunctuation(shorten(stripLeadingFiller(clause.plain), 20)));
  if (contentWords(body || plain).length === 0) return null;
  // The grammar gate reads the words each stem would echo: {b} the clause the kind carries, {p} the whole sentence.
  const bodyFits = echoFault(body, 'phrase') === null;
  const plainFits = echoFault(plain || body, 'phrase') === null;
  let tail = '';
  const next = sentences[index + 1];
  if (next && ANAPHOR.test(stripLeadingFiller(next))) {
    const comment = lowerFirst(toSecondPerson(stripFinalPunctuation(stripLeadingFiller(next))));
    if (echoFault(comment, 'phrase') === null) tail = `: ${comment}`;
  } else if (next && clause.kind === 'quality') {
    // "good at the job. fastest picker on site": two qualities make one picture.
    const second = readClause(shorten(next, 16));
    const quality = stripFinalPunctuation(second.body);
    if ((second.kind === 'quality' || second.kind === 'fragment') && echoFault(quality, 'phrase') === null) tail = ` — ${quality}`;
  }
  const values = { b: body, p: plain || body };
  // "In other words, you know the build inside out": after a comma, "you know" reads as the filler.
  const fillerAfterComma = (stem: string) => FILLER_LOOKALIKE.some((words) => values.p.toLowerCase().startsWith(`${words} `)) && stem.includes(', {p}');
  const fits = (stem: string) => (bodyFits || !usesSlot(stem, 'b')) && (plainFits || !usesSlot(stem, 'p')) && !fillerAfterComma(stem);
  if (!stems.some(fits)) return GATED;
  // Say less: a stem whose opener started one of the coach's last few replies is not used at all
  // (readers hear "In other words, …" every other turn as a formula); with none fresh, this
  // sentence is not given back and the turn's question stands alone.
  for (let offset = 0; offset < stems.length; offset++) {
    const stem = stems[(seed + offset) % stems.length]!;
    if (!fits(stem)) continue;
    const filled = fill(stem, values);
    const rendered = tail ? filled.replace(/\.$/, `${tail}.`) : filled;
    if (said.some((previous) => previous.includes(rendered))) continue;
    if (!openedRecently(stem, said)) return { kind: clause.kind, text: rendered, clause };
  }
  return NOT_HERE;
}

/**
 * A bare number or one word answers the question just asked: "7" after the confidence question is a
 * confidence, "fortnightly" after the check-in question a rhythm. Null when the question gives no reading.
 */
export function contextualAnswer(phrases: PromptBank, state: SessionState, text: string, seed: number, said: readonly string[]): PlannedMove | null {
  const clause = readClause(text);
  const last = state.asked[state.asked.length - 1] ?? '';
  const slot = last.split('.')[1] ?? '';
  if (clause.kind === 'number' && /^confidence/.test(slot)) {
    const n = /^\d/.test(clause.body) ? clause.body : String(['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'].indexOf(clause.body));
    const stems = slot === 'confidence_raise' ? ["So a {n} out of 10 is where you'd like to get to.", 'A {n} out of 10 would feel like progress.'] : phrases.reflections.confidence;
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
