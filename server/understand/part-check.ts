import nlp from 'compromise';
import { z } from 'zod';
import type { Slot } from '../domain/session-state.js';
import { compileLexicon, lexiconText, type Lexicon } from './lexicon.js';
import { memoizeText } from './memo.js';
import { toFirstPerson } from './paraphrase.js';
import { wholeInQuotes, words } from './text.js';

/**
 * The type check a statement part passes before it is kept: a goal is an aim, a sign of success
 * says something that would show, a first experiment is an action the client will take. Parts are
 * found by many readers (markers, answers to the question, labels); this is the one place that
 * says what each part may be, whatever found it. A part that fails is dropped, so the coach asks
 * for it plainly instead of writing a wrong line into the client's statement. The knowledge is in
 * content/lexicon/part-check.json, with examples.
 */
export type PartKind = 'goal' | 'success' | 'experiment';

const Kinds = z.array(z.enum(['goal', 'success', 'experiment'])).min(1);
const EntryExtra = z.object({
  kinds: Kinds,
  check: z.enum(['no-content', 'habit', 'future', 'past', 'verbless-list', 'verbless-question', 'quote', 'own-subject', 'trailing-clause', 'too-long', 'topic-clause', 'quoted']).optional(),
  /** A fault this entry finds may be mended by keeping the words before the first comma or dash, when those pass. */
  mend: z.enum(['comma', 'dash']).optional(),
  /** For a check that reads the whole sentence the part came from: that sentence, by example. */
  quotes: z.record(z.string(), z.string()).optional(),
  /** The words refused as this part are a step the client will take ("I'll block two hours…" given as a sign): offered as the first experiment instead. */
  stepInstead: z.boolean().optional(),
  rejects: z.array(z.string()).optional(),
  keeps: z.array(z.string()).optional(),
  cuts: z.array(z.tuple([z.string(), z.string()])).optional(),
});
type Extra = z.infer<typeof EntryExtra>;

export interface PartCheck {
  lexicon: Lexicon<Extra>;
  noContent: Set<string>;
  habitWords: Set<string>;
  futureWords: Set<string>;
  clauseJoiners: Set<string>;
  conditionals: Set<string>;
  ownSubject: Set<string>;
  topicClauseOpeners: Set<string>;
  /** The ids of the entries whose refused words are a step instead (`stepInstead`). */
  stepFaults: ReadonlySet<string>;
  /**
   * The trained part reader (part-kind.ts), asked after every pattern has let the words pass: true
   * when it reads them, and the sentence they came from, as none of the three parts. Absent: the patterns alone decide.
   */
  modelRefuses?: (kind: PartKind, text: string, quote: string) => boolean;
}

/** The fault id given when the trained part reader refuses the words. */
export const MODEL_FAULT = 'part-model';

function wordsOf(lexicon: Lexicon<Extra>, check: Extra['check']): Set<string> {
  const entry = lexicon.entries.find((candidate) => candidate.data.check === check);
  if (!entry?.data.words) throw new Error(`part-check: the entry with check ${check} and its words is missing`);
  return new Set(entry.data.words.map((word) => lexiconText(word)));
}

export function compilePartCheck(document: unknown, modelRefuses?: PartCheck['modelRefuses']): PartCheck {
  const lexicon = compileLexicon('part-check', document, EntryExtra);
  return { ...(modelRefuses ? { modelRefuses } : {}), lexicon, noContent: wordsOf(lexicon, 'no-content'), habitWords: wordsOf(lexicon, 'habit'), futureWords: wordsOf(lexicon, 'future'), clauseJoiners: wordsOf(lexicon, 'trailing-clause'), conditionals: wordsOf(lexicon, 'past'), ownSubject: wordsOf(lexicon, 'own-subject'), topicClauseOpeners: wordsOf(lexicon, 'topic-clause'), stepFaults: new Set(lexicon.entries.filter((entry) => entry.data.stepInstead === true).map((entry) => entry.id)) };
}

/** The words of a text in lexicon form (lower case, no apostrophes: "I'll" is "ill"). */
function tokens(text: string): string[] {
  return words(text).map((word) => word.replaceAll("'", ''));
}

const tagsOf = memoizeText((text: string): string[][] => nlp(text).terms().json().map((term: { terms: { tags: string[] }[] }) => term.terms[0]?.tags ?? []));

/** Nothing named but the verb: "do it", "stop this", "find the time to do it", "I'll try". */
function namesNothing(check: PartCheck, text: string): boolean {
  // A part's first word is most often its verb ("sing", "stop this"): alone it names no aim, action or sign.
  return tokens(text).slice(1).every((word) => check.noContent.has(word));
}

/**
 * "I smoke barely a pack a day": what they do now, said with how often, is a habit, not a step
 * they will take, unless a time ahead is named ("…starting next week").
 */
function habitNotPlan(check: PartCheck, text: string): boolean {
  const words = tokens(text);
  if (words[0] !== 'i' || words.length < 2) return false;
  const tags = tagsOf(text)[1] ?? [];
  if (!tags.includes('Verb') || tags.includes('Modal') || tags.includes('Auxiliary') || tags.includes('Copula')) return false;
  return hasAnyWord(check.habitWords, text) && !hasAnyWord(check.futureWords, text);
}

function hasAnyWord(words: Set<string>, text: string): boolean {
  const form = ` ${tokens(text).join(' ')} `;
  return [...words].some((word) => form.includes(` ${word} `));
}

/**
 * "they took me to the hospital for a week": something that happened, not a sign to look for,
 * unless the sentence frames it as one ("I'd know it's working if I got through the review").
 */
function pastNotSign(check: PartCheck, text: string, quote: string): boolean {
  const tags = tagsOf(text);
  const at = tags.findIndex((term) => term.includes('Verb'));
  if (at < 0 || !tags[at]!.includes('PastTense') || hasAnyWord(check.conditionals, quote)) return false;
  // "3 runs logged on Strava most weeks": a verb right after a counted noun, with no object, describes
  // it (a count to look for); it does not tell what happened.
  // ("two people left the team", with an object after the verb, is what happened.)
  const object = tags[at + 1]?.some((tag) => tag === 'Determiner' || tag === 'Noun' || tag === 'Pronoun') ?? false;
  const counted = at >= 2 && !object && tags[at - 1]!.includes('Noun') && !tags[at - 1]!.includes('Pronoun') && tags.slice(0, at - 1).some((term) => term.includes('Value'));
  return !counted;
}

/**
 * "new system, new manager, half the team new": a list (the entry's pattern) of things as they are,
 * with no verb, is the situation described, not a sign to look for ("home by 7 most nights" has no
 * verb but is no list).
 */
function verbless(text: string): boolean {
  return !tagsOf(text).some((tags) => tags.includes('Verb'));
}

/**
 * "think about wholesale, three cafes ask me already for supply": a clause with its own subject
 * after a comma is backstory, not part of the aim or step; the part ends before it. A comma that
 * goes on with "and", "so", an aside with no verb ("let Marco, my sous, own…") keeps the whole.
 */
export function withoutTrailingClause(check: PartCheck, text: string): string {
  // Only a part that starts as a step or an aim ("contact my mom, …", "I write …, …") ends at the
  // comma; one that opens with a setting ("for every decision that comes to me, I write …") goes on after it.
  const opening = tagsOf(text)[0] ?? [];
  if (!opening.includes('Verb') && !check.ownSubject.has(tokens(text)[0] ?? '')) return text;
  const segments = text.split(', ');
  for (let index = 1; index < segments.length; index += 1) {
    const segment = segments[index]!;
    const first = tokens(segment)[0] ?? '';
    if (first === '' || check.clauseJoiners.has(first)) continue;
    // "currently it's four or five": an adverb may open the clause before its subject.
    const tags = tagsOf(segment);
    const lead = tags.findIndex((termTags) => !termTags.includes('Adverb'));
    const head = tags[lead] ?? [];
    const subject = ['Pronoun', 'Determiner', 'Value', 'Noun'].some((tag) => head.includes(tag)) && !head.includes('Verb') && !head.includes('Adjective');
    if (!subject || !tags.slice(lead + 1).some((termTags) => termTags.includes('Verb'))) continue;
    const kept = segments.slice(0, index).join(', ');
    return words(kept).length >= 2 ? kept : text;
  }
  return text;
}

/**
 * "closes end of month", "work on everything lands on me": an aim is a verb to do or a topic to work
 * on, not a clause about how things are. Refused: a part opening on a verb in the third person, or a
 * topic after "work on" that holds a finite verb of its own (outside a "that …" or "to …" clause).
 */
function clauseAsTopic(check: PartCheck, text: string): boolean {
  const tags = tagsOf(text);
  const finite = (termTags: string[]) => termTags.includes('Verb') && !termTags.includes('Infinitive') && !termTags.includes('Gerund') && !termTags.includes('Particle') && !termTags.includes('Modal') && (termTags.includes('PresentTense') || termTags.includes('PastTense') || termTags.includes('Copula'));
  if (tags[0] && finite(tags[0]) && !tags[0].includes('Imperative')) return true;
  // "work just feels a bit meh", written after "I want to": its first word with a verb of its own
  // after it (adverbs between) is a clause about how things are, not an aim. compromise may read the
  // first word as a noun or as a bare verb; the second verb in its present form ("feels") tells.
  if (tags[0] && !tags[0].includes('Pronoun') && (tags[0].includes('Noun') || tags[0].includes('Infinitive'))) {
    for (const termTags of tags.slice(1, 4)) {
      if (termTags.includes('PresentTense') && !termTags.includes('Infinitive') && !termTags.includes('Gerund')) return true;
      if (termTags.includes('Copula') && !termTags.includes('Infinitive')) return true;
      if (!termTags.includes('Adverb')) break;
    }
  }
  const [first, second] = tokens(text);
  if (!((first === 'work' || first === 'focus') && second === 'on')) return false;
  const rest = tokens(text).slice(2);
  for (let index = 0; index < rest.length; index += 1) {
    // Words after which a verb belongs to a clause of its own ("handovers that are safe"): the topic ends there.
    if (check.topicClauseOpeners.has(rest[index]!)) return false;
    if (finite(tags[index + 2] ?? [])) return true;
  }
  return false;
}

/** Why the words cannot be this part (the id of the refusing entry), or null when they can. */
export function partFault(check: PartCheck, kind: PartKind, text: string, quote: string = text): string | null {
  const form = lexiconText(text);
  if (form === '') return 'no-content';
  for (const entry of check.lexicon.entries) {
    if (!entry.data.kinds.includes(kind)) continue;
    if (entry.data.check === undefined && entry.regex.test(form)) return entry.id;
    if (entry.data.check === 'no-content' && namesNothing(check, text)) return entry.id;
    if (entry.data.check === 'habit' && habitNotPlan(check, text)) return entry.id;
    if (entry.data.check === 'past' && pastNotSign(check, text, quote)) return entry.id;
    // "that's not to say I wanna run a marathon": the sentence the part came from denies it.
    if (entry.data.check === 'quote' && entry.regex.test(lexiconText(quote))) return entry.id;
    if (entry.data.check === 'verbless-list' && entry.regex.test(form) && verbless(text)) return entry.id;
    // "Numbers of people?": words put to the coach as a question, with no verb of their own, are
    // the client wondering what the part could be, not the part ("I'd know when people stop asking me?" says one).
    if (entry.data.check === 'verbless-question' && entry.regex.test(lexiconText(quote)) && verbless(text)) return entry.id;
    if (entry.data.check === 'topic-clause' && clauseAsTopic(check, text)) return entry.id;
    // "'and find out what the path looks like'": words given in quotes are words for the statement's wording, not a part said.
    // (single quotes are gone from the lexicon form, so the pattern sees only double ones)
    if (entry.data.check === 'quoted' && (entry.regex.test(form) || wholeInQuotes(text))) return entry.id;
    // A part longer than a line of the statement is a stretch of story, not an aim, a sign or a step.
    // (its pattern counts the words; a fault of this kind may be mended by a cut, see checkedPart)
    if (entry.data.check === 'too-long' && entry.regex.test(form)) return entry.id;
  }
  return check.modelRefuses?.(kind, text, quote) ? MODEL_FAULT : null;
}

/** Why a slot's words cannot be this part (the refusing entry's id), read as the statement would write them, or null. */
export function slotFault(check: PartCheck, kind: PartKind, slot: Slot): string | null {
  return partFault(check, kind, ownWords(slot), slot.quote);
}

/** The part's words in the client's voice, as the statement would write them. */
function ownWords(slot: Slot): string {
  return slot.own ?? toFirstPerson(slot.text);
}

/**
 * The slot as it may stand in the statement, or null when it cannot: backstory after a comma cut
 * from a goal or an experiment, then the type check.
 */
export function checkedPart(check: PartCheck, kind: PartKind, slot: Slot): Slot | null {
  let part = slot;
  if (kind !== 'success' && check.lexicon.entries.some((entry) => entry.data.check === 'trailing-clause' && entry.data.kinds.includes(kind))) {
    const own = ownWords(slot);
    const cut = withoutTrailingClause(check, own);
    if (cut !== own) {
      // The coach's rendering is cut at the same comma: it has as many before the cut as the client's words.
      const commas = cut.split(',').length - 1;
      part = { ...slot, own: cut, text: slot.text.split(', ').slice(0, commas + 1).join(', ') };
    }
  }
  const fault = partFault(check, kind, ownWords(part), slot.quote);
  if (fault === null) return part;
  // Too long as a whole ("I'd have talked to two or three people about work, real conversations, not
  // just liking their posts"): its first stretch before a comma may be the part on its own. Broken by a
  // dash ("stop finishing my notes at 9pm every night — I want them done before I leave"): the
  // stretch before the dash.
  const mend = check.lexicon.entries.find((entry) => entry.id === fault)?.data.mend;
  if (mend) {
    const own = ownWords(part);
    const head = headBefore(own, mend);
    // A stretch before a dash must say more than a stretch before a comma: "put Rawiri's name in — he's…" is no aim.
    if (head !== own && words(head).length >= (mend === 'dash' ? MIN_DASH_HEAD_WORDS : MIN_HEAD_WORDS)) {
      const cut = { ...part, own: head, text: headBefore(part.text, mend) };
      return partFault(check, kind, head, slot.quote) === null ? cut : null;
    }
  }
  return null;
}

/** The words before the first comma, or before the first dash that breaks the sentence. */
function headBefore(text: string, mend: 'comma' | 'dash'): string {
  if (mend === 'comma') return text.split(', ')[0]!;
  const dash = [' — ', ' – ', ' - ', ' -- ', '--'].map((mark) => text.indexOf(mark)).filter((at) => at > 0);
  if (dash.length === 0) return text;
  const head = text.slice(0, Math.min(...dash)).trim();
  return ',;:'.includes(head.at(-1) ?? '') ? head.slice(0, -1) : head;
}

/** The fewest words the first stretch of an over-long part needs to stand as the part. */
const MIN_HEAD_WORDS = 4;
/** The same before a dash ("stop finishing my clinical notes at 9pm every night — I want…"). */
const MIN_DASH_HEAD_WORDS = 5;

/** Every example in the file, for the test that runs them. */
export function partCheckExamples(check: PartCheck): { id: string; kinds: PartKind[]; rejects: string[]; keeps: string[]; cuts: [string, string][]; quotes: Record<string, string> }[] {
  return check.lexicon.entries.map((entry) => ({ id: entry.id, kinds: entry.data.kinds, rejects: entry.data.rejects ?? [], keeps: entry.data.keeps ?? [], cuts: entry.data.cuts ?? [], quotes: entry.data.quotes ?? {} }));
}
