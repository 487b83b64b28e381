/**
 * Whether some words can stand as a part of the partnership statement at all: an aim, a sign of
 * progress, a first step, or none of these (a time frame, a rating, a remark on the wording, who
 * helps, backstory...). Read by a trained sentence classifier (content/models/parts.json, `npm run
 * train:understanding`, trained on training/understanding/parts*.jsonl, written by people who never
 * saw the code) instead of one more refusing pattern per wording: the part check
 * (part-check.ts) asks it last, after its patterns, and drops a part the model reads as none of
 * the three. A dropped part is asked for plainly: say less, never wrong.
 */
import { classifySentence, type SentenceModel, type TaskLabel } from './sentence-classifier.js';
import type { WordVectors } from './word-vectors.js';
import { parsedTerms } from './term-parses.js';
import { words as wordsOf } from './text.js';
import { lexiconText } from './lexicon.js';
import { wordSets } from './word-patterns.js';
import stepDays from '../../content/lexicon/step-days.json' with { type: 'json' };

/** Verbs that open a step of reaching someone (content/lexicon/step-days.json). */
const STEP_WORDS = wordSets('step-days', stepDays, ['contact-verb', 'step-lead']);
const CONTACT_VERBS = STEP_WORDS['contact-verb'];
/** Words a step may open with before its verb ("First I think I talk to Marek"). */
const STEP_LEADS = STEP_WORDS['step-lead'];

/** The step's verb: its first word after any leading "first", "I", "I'll", "maybe"…. */
function stepVerb(words: string): string {
  // Read in lexicon form, as the word lists are ("I'll" is "ill" there).
  return wordsOf(words).map(lexiconText).find((word) => !STEP_LEADS.has(word)) ?? '';
}
import { findExperiment, hasGoalMarker, isSuccessOrGoalSentence } from './slots.js';
import type { PartKind } from './part-check.js';

export type PartLabel = TaskLabel<'parts'>;

/**
 * The shape of the words, as compromise reads them: what leads (a verb in -ing, a bare verb, a
 * modal, "I", a number), and whether they hold a copula, a modal, a past tense, a condition or a
 * rating. Shape separates "writing the point is easy" (a remark: a gerund as subject of "is") from
 * "writing one point on Sunday" (a step), which the words alone barely do.
 */
export function partCueFeatures(text: string): string[] {
  const terms = parsedTerms(text).filter((term) => term.text !== '');
  const names: string[] = [];
  const lead = terms[0];
  if (lead) {
    const tags = lead.tags;
    const leadKind = tags.includes('Gerund') ? 'gerund' : tags.includes('Modal') ? 'modal' : tags.includes('Pronoun') ? (lead.text.toLowerCase() === 'i' ? 'i' : 'pronoun') : tags.includes('Value') ? 'number' : tags.includes('Determiner') ? 'determiner' : tags.includes('Infinitive') || tags.includes('Imperative') ? 'verb' : tags.includes('Adjective') || tags.includes('Comparative') ? 'adjective' : tags.includes('Preposition') ? 'preposition' : tags.includes('Conjunction') ? 'conjunction' : tags.includes('Noun') ? 'noun' : 'other';
    names.push(`p:lead-${leadKind}`);
  }
  const has = (tag: string) => terms.some((term) => term.tags.includes(tag));
  if (has('Copula')) names.push('p:copula');
  if (has('Modal')) names.push('p:modal');
  if (has('PastTense')) names.push('p:past');
  if (has('Gerund') && has('Copula')) names.push('p:gerund-copula');
  if (!terms.some((term) => term.tags.includes('Verb'))) names.push('p:verbless');
  const lower = terms.map((term) => term.text.toLowerCase());
  if (lower.some((word) => CONDITIONS.has(word))) names.push('p:condition');
  // "6 out of 10", "maybe 6 from 10", "7/10": a rating, not a sign.
  if (lower.some((word, index) => (word === '10' || word.endsWith('/10')) && index > 0 && (RATING_LINKS.has(lower[index - 1]!) || isDigit(lower[index - 1]!.charAt(0))))) names.push('p:rating');
  if (text.trim().endsWith('?')) names.push('p:question');
  return names;
}

const isDigit = (character: string): boolean => character >= '0' && character <= '9';
const CONDITIONS: ReadonlySet<string> = new Set(['if', 'when', 'whenever', 'once']);
const RATING_LINKS: ReadonlySet<string> = new Set(['of', 'from', 'outta']);

/** The model's reading of some words: each label's probability. */
export function partProbabilities(model: SentenceModel, vectors: WordVectors, text: string): Record<PartLabel, number> {
  return classifySentence('parts', model, vectors, text, partCueFeatures(text)).probabilities;
}


/** Which label of the model a part of the statement is. */
export const LABEL_OF = { goal: 'aim', success: 'sign', experiment: 'step' } as const;

/**
 * The bars of the gate: the words are refused as a part when the model reads them as none of the
 * three at least this surely and gives the part's own label less than its bar. Chosen on the
 * cross-author CV and the development conversations (docs/understanding.md, "The part reader").
 */
export const PART_GATE = { none: 0.5, own: 0.2 } as const;

/**
 * Whether the client named the part themselves in the sentence it came from ("success = they
 * actually do what we agreed", "I want to…", "maybe I could…"): their own label is not second-guessed
 * by the model; the patterns of the part check still read those words. The model judges what was
 * lifted from an answer with no such mark, where a rating, a remark or a bit of story turns up.
 */
function namedByClient(kind: PartKind, quote: string): boolean {
  if (kind === 'goal') return hasGoalMarker(quote);
  if (kind === 'success') return isSuccessOrGoalSentence(quote);
  return findExperiment(quote, 0, false) !== null;
}

/**
 * A reader for the part check: whether the model refuses these words as this part. It refuses only
 * words it reads as no part both as they would be written and in the sentence they came from
 * ("think about wholesale" alone reads as a scrap; "I want to think about wholesale, three cafes ask
 * me already" as the aim it is), and never words the client labelled as the part.
 */
export function partModelRefuses(model: SentenceModel, vectors: WordVectors): (kind: PartKind, text: string, quote: string) => boolean {
  const refuses = (kind: PartKind, words: string): boolean => {
    // A step that reaches someone ("ring my cousin mere", "talk to Riaan") is never vetoed here: the
    // model reads such short imperatives with names it never saw as "none" (the lexicon checks still apply).
    if (kind === 'experiment' && CONTACT_VERBS.has(stepVerb(words))) return false;
    const probabilities = partProbabilities(model, vectors, words);
    return probabilities.none >= PART_GATE.none && probabilities[LABEL_OF[kind]] < PART_GATE.own;
  };
  return (kind, text, quote) => {
    if (!refuses(kind, text) || namedByClient(kind, quote)) return false;
    return quote.trim() === text.trim() || refuses(kind, quote);
  };
}
