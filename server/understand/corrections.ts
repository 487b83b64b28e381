import nlp from 'compromise';
import { z } from 'zod';
import type { Statement, StatementEdit } from '../domain/schemas.js';
import { foldForMatching } from './clean.js';
import { partialEdit, withoutPiecesAbout } from './partial-edits.js';
import { lexiconText, matchingEntries, type Lexicon } from './lexicon.js';
import { QUOTED_SPAN, splitSentences, stripFinalPunctuation, wholeWordsAt } from './text.js';

/**
 * Corrections of the draft statement said in chat: "cut the part about balance", "change the
 * first experiment to: ask Sam…", "it's less about delegating and more about trusting my team".
 * The forms are data (content/lexicon/corrections.json) and so are the names of the parts
 * (content/lexicon/statement-parts.json); this file finds the part meant and builds the edit.
 * A part is named ("the experiment") or pointed at by its words ("the bit about six"); when
 * neither finds one, the reading is `unclear` and the coach asks which part. Pure.
 */

export const CORRECTION_KINDS = ['cut', 'change', 'less_more', 'add'] as const;
export type CorrectionKind = (typeof CORRECTION_KINDS)[number];
export const STATEMENT_PARTS = ['goals', 'needs', 'successIndicators', 'firstExperiment'] as const;
export type StatementPart = (typeof STATEMENT_PARTS)[number];

/**
 * `needsTarget`: the form is read only when its target words are in the statement ("not Dana, Priya"; "not sure, maybe" is no correction).
 * `namedPart`: only when its target names a part ("make the first step 'A'", not "make the team 'feel' heard").
 * `aimWhenAbsent`: a change whose old words the statement never says is made to the aim ("take out 'work-life balance', just say get my days off back": the words they remember are the gist of the aim).
 * `request`: an edit asked for in words no other form reads ("make it shorter", "please add the heart thing"): never a yes, and answered with one question.
 * `value`: a new day or figure said alone ("make it thurs", "thursday not friday"): it takes the place of the one value of its kind in the statement.
 */
export const CorrectionEntrySchema = z.object({
  means: z.enum(CORRECTION_KINDS),
  quoted: z.boolean().optional(),
  needsTarget: z.boolean().optional(),
  namedPart: z.boolean().optional(),
  aimWhenAbsent: z.boolean().optional(),
  request: z.boolean().optional(),
  value: z.boolean().optional(),
  /** The form names no part: the part is the one whose words the new words share most ("can it say drop cards and say hi" → the step "drop off cards"). */
  pointsByWords: z.boolean().optional(),
});
/** A part, or 'none' for the words that point at no part on their own ("the bit about the…"). */
export const PartEntrySchema = z.object({ means: z.enum([...STATEMENT_PARTS, 'none']) });
export interface CorrectionLexicons {
  corrections: Lexicon<z.infer<typeof CorrectionEntrySchema>>;
  parts: Lexicon<z.infer<typeof PartEntrySchema>>;
}

/**
 * Unclear: no part could be told; `absent` names what a cut pointed at when the statement never
 * says it. A change whose old words the statement never says is made to what they want, with
 * `absent` naming the old words.
 */
export type CorrectionReading = { kind: CorrectionKind; part: StatementPart; edit: StatementEdit; absent?: string } | { kind: CorrectionKind; unclear: true; absent?: string; request?: true; part?: StatementPart };

/** A word's stem for a loose match ("delegating" finds "delegate"). */
function stem(word: string): string {
  return word.length > 5 ? word.slice(0, 5) : word;
}

function pointers(lexicons: CorrectionLexicons, target: string): string[] {
  return wordsOf(target).filter((word) => pointsAtSomething(lexicons, word) && (word.length >= 3 || /\d/.test(word))).map(stem);
}

/** The words of a text in lexicon form. */
function wordsOf(text: string): string[] {
  return lexiconText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The stems of a text's words, for matching a target against what the statement says. */
function stemsOf(text: string): Set<string> {
  return new Set(wordsOf(text).map(stem));
}

/** Whether a word names something, rather than pointing at nothing on its own ("the", "bit", "about", "tho"). */
function pointsAtSomething(lexicons: CorrectionLexicons, word: string): boolean {
  return !lexicons.parts.entries.some((entry) => entry.data.means === 'none' && entry.regex.test(word));
}

/** Whether no word the target points at is anywhere in the statement ("take out the bit about the area manager" when it never mentions them). */
function absentFrom(lexicons: CorrectionLexicons, statement: Statement, target: string): boolean {
  const wanted = pointers(lexicons, target);
  if (wanted.length === 0) return false;
  const have = stemsOf(statement.text);
  return !wanted.some((word) => have.has(word));
}

/** The words of a target without the ones that point at nothing ("the bit about the area manager" → "area manager"). */
function pointedWords(lexicons: CorrectionLexicons, target: string): string {
  const words = target.trim().split(' ');
  const points = (word: string) => pointsAtSomething(lexicons, word);
  let start = 0;
  let end = words.length;
  while (start < end - 1 && !points(words[start]!)) start += 1;
  while (end > start + 1 && !points(words[end - 1]!)) end -= 1;
  return words.slice(start, end).join(' ');
}

/** The items of each part, as shown in the statement. */
function items(statement: Statement): { part: StatementPart; index: number; text: string }[] {
  return [
    ...statement.goals.map((text, index) => ({ part: 'goals' as const, index, text })),
    ...statement.needs.map((text, index) => ({ part: 'needs' as const, index, text })),
    ...statement.successIndicators.map((text, index) => ({ part: 'successIndicators' as const, index, text })),
    ...(statement.firstExperiment ? [{ part: 'firstExperiment' as const, index: 0, text: statement.firstExperiment }] : []),
  ];
}

/** The item whose words the target points at (most shared stems; none when nothing is shared). */
function pointedItem(lexicons: CorrectionLexicons, statement: Statement, target: string): { part: StatementPart; index: number } | null {
  const wanted = pointers(lexicons, target);
  if (wanted.length === 0) return null;
  let best: { part: StatementPart; index: number; score: number } | null = null;
  for (const item of items(statement)) {
    const have = stemsOf(item.text);
    const score = wanted.filter((word) => have.has(word)).length;
    if (score > 0 && (!best || score > best.score)) best = { part: item.part, index: item.index, score };
  }
  return best;
}

/** "the bit about six": the words that make a target point at a whole item. */
const ABOUT = new Set(['about', 'on', 'with']);
const BIT = new Set(['part', 'bit', 'line', 'sentence', 'one']);

/** New words without the quotes and end punctuation they were typed with. */
function unquoted(words: string): string {
  return words.replace(/^[\s:"'“‘]+|[\s."'”’!]+$/g, '').trim();
}

/** A letter or a digit: a phrase found inside a word ("Dan" in "Dana") is not the phrase. */
/** New words as the part needs them: "which means working on …" takes "-ing" ("trust my team" → "trusting my team"). */
function asPart(part: StatementPart, words: string): string {
  // "the aim is to work out…", "the first step is to ring her": the "to" belongs to the frame.
  const said = unquoted(words);
  const clean = part !== 'needs' && said.toLowerCase().startsWith('to ') && said.split(' ').length > 2 ? said.slice(3) : said;
  const first = (nlp(clean).terms().json() as { terms: { tags: string[] }[] }[])[0]?.terms[0]?.tags ?? [];
  // A goal is written "I want to …": a verb goes straight in, a whole clause is something to see
  // ("see that my opinion is heard before the decision"), anything else is worked on ("work on trusting my team").
  // Read as it will be written, after "to": at the start of a sentence compromise takes "feel less stuck" for a noun.
  const afterTo = (nlp(`to ${clean}`).terms().json() as { terms: { tags: string[] }[] }[])[1]?.terms[0]?.tags ?? [];
  const verb = (tags: string[]) => tags.includes('Verb') && !tags.includes('Gerund') && !tags.includes('Noun');
  if (part === 'goals') return verb(first) || verb(afterTo) ? clean : isClause(clean) ? `see that ${clean}` : `work on ${clean}`;
  if (part !== 'needs') return clean;
  // A word said alone ("time", "trust") stays as it is: "timing" is not what they meant.
  if ((first.includes('Infinitive') || (first.includes('Verb') && first.includes('PresentTense') && !first.includes('Gerund'))) && clean.split(' ').length > 1) {
    const gerund = (nlp(clean.split(' ')[0]!).verbs().toGerund().text() as string).replace(/^is\s+/, '');
    if (gerund) return [gerund, ...clean.split(' ').slice(1)].join(' ');
  }
  return clean;
}

/** The fewest words new words need to stand as an aim when the words they replace were never in the statement. */
const AIM_WORDS = 3;

/** Words that can open an aim: a verb, a thing, a describing word, not a time or a link ("until I see my coach"). */
function readsAsAim(words: string): boolean {
  const first = (nlp(words).terms().json() as { terms: { tags: string[] }[] }[])[0]?.terms[0]?.tags ?? [];
  return !first.includes('Preposition') && !first.includes('Conjunction') && !(first.includes('Adverb') && !first.includes('Verb'));
}

/** A subject and its verb ("my opinion is heard"), not a noun with a relative clause ("handovers that are calm"). */
function isClause(words: string): boolean {
  const terms = (nlp(words).terms().json() as { terms: { text: string; tags: string[] }[] }[]).map((item) => item.terms[0]!);
  const verb = terms.findIndex((term) => term.tags.includes('Verb'));
  if (verb <= 0) return false;
  const before = terms.slice(0, verb);
  // compromise tags a relative word ("that", "who", "where") as a conjunction or preposition.
  return before.some((term) => term.tags.includes('Noun') || term.tags.includes('Pronoun')) && !before.some((term) => term.tags.includes('Conjunction') || term.tags.includes('Preposition'));
}

/** The item with the target's words (a short phrase found in it as written) replaced by the new words; null when not found. */
/** The words before old words that a name takes the place of with them ("my director" → "Helen"). */
const DETERMINERS = new Set(['my', 'our', 'the', 'a', 'an', 'your']);

function swappedWords(lexicons: CorrectionLexicons, statement: Statement, pointed: { part: StatementPart; index: number }, target: string, words: string): string | null {
  const item = items(statement).find((candidate) => candidate.part === pointed.part && candidate.index === pointed.index)?.text ?? '';
  const old = pointedWords(lexicons, target.trim());
  const fresh = unquoted(words);
  if (old === '' || fresh === '' || old.split(' ').length > 4) return null;
  const at = wholeWordsAt(item, old);
  if (at < 0) return null;
  // "my director" → "Helen", not "my Helen": a name takes the place of the determiner the old words had.
  const before = item.slice(0, at);
  const name = fresh.charAt(0) !== fresh.charAt(0).toLowerCase();
  const lastWord = before.trimEnd().split(' ').at(-1) ?? '';
  const determiner = name && before.endsWith(' ') && DETERMINERS.has(lastWord.toLowerCase());
  return (determiner ? before.slice(0, before.trimEnd().length - lastWord.length) : before) + fresh + item.slice(at + old.length);
}

/** The part with new words added: one more item of a list, or the first experiment with "and …". */
function added(statement: Statement, part: StatementPart, value: string): StatementEdit {
  if (part === 'firstExperiment') return { firstExperiment: statement.firstExperiment ? `${statement.firstExperiment}, and ${value}` : value } as StatementEdit;
  return { [part]: [...statement[part], value] } as StatementEdit;
}

/** Words that only point back at something said before ("the heart thing", "that bit", "it"): no words to write in. */
function onlyPointsBack(lexicons: CorrectionLexicons, words: string): boolean {
  const all = wordsOf(words);
  if (all.length === 0) return true;
  const naming = all.filter((word) => pointsAtSomething(lexicons, word));
  const last = all[all.length - 1]!;
  return naming.length === 0 || (all.length <= 4 && !pointsAtSomething(lexicons, last) && ['thing', 'bit', 'stuff', 'part', 'one'].includes(last));
}

function replaced(statement: Statement, part: StatementPart, index: number | null, value: string | null): StatementEdit {
  if (part === 'firstExperiment') return { firstExperiment: value ?? '' } as StatementEdit;
  const list = [...statement[part]];
  if (index === null) return { [part]: value === null ? [] : [value] } as StatementEdit;
  if (value === null) list.splice(index, 1);
  else list[index] = value;
  return { [part]: list } as StatementEdit;
}

/**
 * Whether a sentence reads as a correction of the statement whatever it says: forms that are
 * corrections only when their words are in the statement ("not Dana, Priya") do not count.
 */
export function correctsStatement(lexicons: CorrectionLexicons, sentence: string): boolean {
  return matchingEntries(lexicons.corrections, sentence).some((entry) => entry.data.needsTarget !== true);
}

/** The correction in `text` of the draft `statement`, or null when the message corrects nothing. */
export function readCorrection(lexicons: CorrectionLexicons, text: string, statement: Statement): CorrectionReading | null {
  // A new day or figure said alone names its own target: the one value of its kind in the statement.
  const value = swappedValue(lexicons, text, statement);
  if (value) return value;
  const whole = readCorrectionIn(lexicons, text, statement);
  if (whole) return whole;
  const fromPiece = readCorrectionInPieces(lexicons, text, statement);
  if (fromPiece) return fromPiece;
  const quotedForPart = quotedWordsForPart(lexicons, text, statement);
  if (quotedForPart) return quotedForPart;
  // An edit asked for that no form can make ("make it shorter", "please add the heart thing"):
  // never a yes, and one question about what to change (the part, when they named one).
  const request = matchingEntries(lexicons.corrections, text).find((entry) => entry.data.request === true);
  if (!request) return null;
  // "the part about Brad": a part named, or the part whose words the target points at.
  const target = request.regex.exec(text.toLowerCase())?.groups?.target?.trim() ?? '';
  const named = partNamedBy(lexicons, request.regex, text) ?? (target === '' ? null : (pointedItem(lexicons, statement, target)?.part ?? null));
  return { kind: request.data.means, unclear: true, request: true, ...(named ? { part: named } : {}) };
}

/**
 * "And for the aim, can you use my words: 'be seen as the person who owns the checkout work'",
 * "Also the step should name Arjun. Something like 'Book 20 minutes with Arjun this week…'": one part
 * named anywhere in the message and one quote of a few words the statement does not hold yet are the
 * part and its new words, whatever verb asks for it.
 */
function quotedWordsForPart(lexicons: CorrectionLexicons, text: string, statement: Statement): CorrectionReading | null {
  const said = lexiconText(statement.text);
  // "The aim isn't 'to decide whether…'", "the aim says 'find a new career'", "you've put 'X'": a quote
  // after a "not", or after words that report the wording as it stands, is the old words, not the new.
  const negated = (index: number) => {
    const before = wordsOf(text.slice(Math.max(0, index - 30), index)).slice(-3);
    return before.some((word) => NOT_WORDS.has(word) || REPORTING_WORDS.has(word)) || (before.at(-1) === 'put' && ['you', 'youve', 've'].includes(before.at(-2) ?? ''));
  };
  const fresh = [...text.matchAll(QUOTED_SPAN)].filter((match) => !negated(match.index ?? 0)).map((match) => match[1]!.trim()).filter((quote) => wordsOf(quote).length >= MIN_QUOTED_WORDS && !said.includes(lexiconText(quote)));
  // "not 'rediscover passion for my work'. more like 'feel less stuck…'": of two quotes, the one put
  // in the other's place is the new words.
  const quotes = fresh.length === 2 && replacesFirst(text, fresh[0]!, fresh[1]!) ? [fresh[1]!] : fresh;
  if (quotes.length !== 1) return null;
  // The message without its quote: a part named inside the new words ("…the first step is…") names nothing.
  const rest = wordsOf(text.replace(quotes[0]!, ' '));
  const named = new Set<StatementPart>();
  for (let start = 0; start < rest.length; start += 1) {
    for (let length = 1; length <= MAX_PART_NAME_WORDS && start + length <= rest.length; length += 1) {
      const phrase = rest.slice(start, start + length).join(' ');
      const means = matchingEntries(lexicons.parts, phrase).map((entry) => entry.data.means).find((part) => part !== 'none');
      // A bare "want" or "focus" in passing names no part: the article or "my" must come with it.
      if (means && (rest[start] === 'the' || rest[start] === 'my')) named.add(means as StatementPart);
    }
  }
  if (named.size !== 1) return null;
  // "the sign of progress, the one lunch a week, keep that. And the 'let me check' thing, yeah": a part
  // they say to keep is not being changed, whatever they quote beside it.
  if (rest.some((word) => KEEP_WORDS.has(word))) return null;
  const part = [...named][0]!;
  return { kind: 'change', part, edit: replaced(statement, part, null, asPart(part, stripFinalPunctuation(quotes[0]!))) };
}

/** Words that say a quote after them is not wanted. */
const NOT_WORDS: ReadonlySet<string> = new Set(['not', 'isnt', 'wasnt', 'never', 'no', 'without']);

/** Words that report what the statement says now: a quote after them is its old words. */
const REPORTING_WORDS: ReadonlySet<string> = new Set(['says', 'said', 'reads', 'wrote', 'written', 'got', 'has', 'calls', 'called', 'mentions']);

/** Words that keep a part as it is. */
const KEEP_WORDS: ReadonlySet<string> = new Set(['keep', 'leave', 'stays', 'unchanged']);

/** The days a value swap knows ("make it thurs" once chat spelling has written it "Thursday"). */
const DAYS: ReadonlySet<string> = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
const isFigure = (word: string): boolean => word !== '' && [...word].every((character) => character >= '0' && character <= '9');

/**
 * "make it thurs she's off fri", "thursday not friday", "actually make it 3": a new day or figure said
 * alone takes the place of the one value of the same kind the statement holds (a day for a day, a
 * figure for a figure). When no item, or more than one, holds a value of that kind, nothing is read
 * here (the message may still be a correction the other readers know, or a question about which part).
 */
function swappedValue(lexicons: CorrectionLexicons, text: string, statement: Statement): CorrectionReading | null {
  const form = lexiconText(text);
  const entry = lexicons.corrections.entries.find((candidate) => candidate.data.value === true && candidate.regex.test(form));
  const groups = entry?.regex.exec(form)?.groups;
  const fresh = groups?.words ?? groups?.words2;
  if (!fresh) return null;
  const sameKind = (word: string) => (DAYS.has(fresh) ? DAYS.has(word) : isFigure(word));
  const holders = items(statement).flatMap((item) => {
    const found = wordsOf(item.text).filter((word) => sameKind(word) && word !== fresh);
    return found.length === 1 ? [{ item, old: found[0]! }] : found.length > 1 ? [{ item, old: '' }] : [];
  });
  if (holders.length !== 1 || holders[0]!.old === '') return null;
  const { item, old } = holders[0]!;
  const written = DAYS.has(fresh) ? fresh.charAt(0).toUpperCase() + fresh.slice(1) : fresh;
  const at = wholeWordsAt(item.text, old);
  if (at < 0) return null;
  const value = item.text.slice(0, at) + written + item.text.slice(at + old.length);
  return { kind: 'change', part: item.part, edit: replaced(statement, item.part, item.index, value) };
}

/** Words between two quotes that put the second in the first one's place ("not 'A'. more like 'B'"). */
const IN_PLACE_OF: readonly string[] = ['more like', 'rather', 'instead', 'but'];

function replacesFirst(text: string, first: string, second: string): boolean {
  const before = wordsOf(text.slice(0, text.indexOf(first)));
  const between = ` ${wordsOf(text.slice(text.indexOf(first) + first.length, text.lastIndexOf(second))).join(' ')} `;
  return before.at(-1) === 'not' || IN_PLACE_OF.some((words) => between.includes(` ${words} `));
}

/** The fewest words a quote needs to stand as a part's new words ("'Book 20 minutes with Arjun'"). */
const MIN_QUOTED_WORDS = 3;
/** The most words a part's name takes ("the signs of progress"). */
const MAX_PART_NAME_WORDS = 4;

function readCorrectionInPieces(lexicons: CorrectionLexicons, text: string, statement: Statement): CorrectionReading | null {
  // "Statement's fine, but take out the bit about the area manager": the correction is one clause
  // of the message, read from each punctuation break on (the forms allow a leading "but" or "so").
  const pieces = text.split(/(?<=[.!?;,])\s+/);
  for (let index = 1; index < pieces.length; index += 1) {
    const reading = readCorrectionIn(lexicons, pieces.slice(index).join(' '), statement) ?? readCorrectionIn(lexicons, pieces[index]!, statement);
    if (reading) return reading;
  }
  // "The aim's wrong. It's not about 'X'. That sounds like HR wrote it. It's about finding out if
  // there's a path for me. Put that.": the part named in one sentence, its new words in a later one.
  const sentences = splitSentences(text);
  if (sentences.length > MAX_PAIRED_SENTENCES) return null;
  for (let first = 0; first < sentences.length; first += 1) {
    for (let second = first + 1; second < sentences.length; second += 1) {
      // "It's not about 'X'." says what the part is not: the new words are in another sentence.
      if (wordsOf(sentences[second]!).slice(0, 3).some((word) => word === 'not' || word === 'isnt')) continue;
      const reading = readCorrectionIn(lexicons, `${stripFinalPunctuation(sentences[first]!)}, ${sentences[second]!}`, statement);
      if (reading && !('unclear' in reading)) return reading;
    }
  }
  return null;
}

/** The most sentences a message may have for its sentences to be read two by two as one correction. */
const MAX_PAIRED_SENTENCES = 6;

/** The statement part a correction's target names plainly ("the measure", "my goal"), or null. */
function partNamedBy(lexicons: CorrectionLexicons, regex: RegExp, text: string): StatementPart | null {
  const target = regex.exec(text.toLowerCase())?.groups?.target?.trim() ?? '';
  if (target === '' || QUOTE_MARKS.some((mark) => target.includes(mark))) return null;
  const means = matchingEntries(lexicons.parts, target).map((entry) => entry.data.means).find((part) => part !== 'none');
  return (means as StatementPart | undefined) ?? null;
}

/** Quote marks a client may type around words. */
const QUOTE_MARKS = ['"', '“', '”', '‘', '’', "'"];

/**
 * "Change the first step to one hour this Saturday, not 'one hour a day'": the quote is only what the
 * part should not say. A form that names the part plainly, with new words that carry no quote, applies.
 */
function namesPartWithoutQuotes(lexicons: CorrectionLexicons, regex: RegExp, text: string): boolean {
  // Read on the words as typed, quote marks and all (the folded form drops them): "change the goal to
  // 'A' rather than 'B'" carries quotes in its new words and is left to the quote readers.
  const words = regex.exec(text.toLowerCase())?.groups?.words ?? '';
  if (words === '' || QUOTE_MARKS.some((mark) => words.includes(mark))) return false;
  return partNamedBy(lexicons, regex, text) !== null;
}

function readCorrectionIn(lexicons: CorrectionLexicons, text: string, statement: Statement): CorrectionReading | null {
  // Quoted words ("change 'know' to 'decide'", "cut the word 'really'") are the word-edit reader's,
  // unless a form is written for quotes ("it's not 'A', it's 'B'").
  const quoted = /(?:^|[\s(])["“‘'][^"“”‘’']+["”’'](?=$|[\s.,;:!?)])/.test(text);
  const matching = matchingEntries(lexicons.corrections, text).filter((entry) => entry.data.request !== true);
  const entry = matching.find((candidate) => !quoted || candidate.data.quoted === true || namesPartWithoutQuotes(lexicons, candidate.regex, text));
  if (!entry) {
    // "change 'regain confidence' to 'get back on track'" when the statement never said "regain
    // confidence": no word edit can apply, so it is a correction whose part is unclear.
    const first = matching[0];
    // The quoted words as typed, and in lexicon form to look for in the statement.
    // A quote opens after a space, not inside a word ("you've put 'A'": the apostrophe in "you've" opens nothing).
    const typed = [...text.matchAll(QUOTED_SPAN)].map((match) => match[1]!.trim());
    const quotes = typed.map(lexiconText);
    const said = lexiconText(statement.text);
    if (first?.data.means === 'change' && quotes.length > 0 && !quotes.some((quote) => said.includes(quote))) {
      // "change 'regain confidence' to 'get back on the promotion track'": the words they remember
      // are the gist of what they want, and the new words say it as they mean it. Made to the aim,
      // and said so (the reply names the words the statement never had).
      // "change the goal to 'A' rather than 'B'" names the new words first.
      const between = typed.length === 2 ? text.slice(text.indexOf(typed[0]!) + typed[0]!.length, text.lastIndexOf(typed[1]!)).toLowerCase() : '';
      const newFirst = [' rather than ', ' instead of ', ' not '].some((word) => between.includes(word));
      const renamed = newFirst ? [typed[1]!, typed[0]!] : typed;
      // The part they named ("change the measure to 'A'"), else the aim.
      const named = partNamedBy(lexicons, first.regex, text);
      if (renamed.length === 2 && renamed[1]!.split(/\s+/).length >= 2) {
        // Unnamed, the new words go to the aim only when they can be one ("until I see my coach" cannot).
        // ("most weeks", two words of how often, is no aim either: the part is asked.)
        if (!named && (!readsAsAim(renamed[1]!) || renamed[1]!.split(' ').length < AIM_WORDS)) return { kind: 'change', unclear: true, absent: renamed[0]! };
        const part = named ?? 'goals';
        return { kind: 'change', part, edit: replaced(statement, part, null, asPart(part, renamed[1]!)), absent: renamed[0]! };
      }
      // "change the measure to 'new prices live on the site', not a number of sales": one quote, the new words.
      if (named && typed.length === 1 && typed[0]!.trim().includes(' ')) return { kind: 'change', part: named, edit: replaced(statement, named, null, asPart(named, typed[0]!)) };
      return { kind: first.data.means, unclear: true };
    }
    // "take out 'feeling overwhelmed'" when the statement never says it: said plainly, as for any cut of absent words.
    if (first?.data.means === 'cut' && quotes.length === 1 && !said.includes(quotes[0]!)) {
      return { kind: 'cut', unclear: true, absent: typed[0]! };
    }
    return null;
  }
  const folded = foldForMatching(text);
  const match = new RegExp(entry.regex.source, 'iud').exec(folded.text);
  if (!match?.groups) return null;
  const kind = entry.data.means;
  const target = match.groups.target ?? '';
  const span = match.indices?.groups?.words;
  const words = span && span[1] > span[0] ? text.slice(folded.from[span[0]]!, folded.to[span[1] - 1]!) : null;
  const means = matchingEntries(lexicons.parts, target.trim()).map((entry) => entry.data.means);
  const named = means.find((part): part is StatementPart => part !== 'none');
  const pointed = named ? null : pointedItem(lexicons, statement, target);
  if (entry.data.namedPart && !named) return null;
  // "In the signs of progress, please add the heart thing": the part, but no words to write in it.
  if (kind === 'add' && named) return words && !onlyPointsBack(lexicons, words) ? { kind, part: named, edit: added(statement, named, asPart(named, words)) } : { kind, unclear: true, request: true, part: named };
  if (kind === 'add') return null;
  // "can it say drop cards and say hi though": no part named, so the item the new words echo is the one meant.
  const echoed = !named && !pointed && kind === 'change' && entry.data.pointsByWords && words ? pointedItem(lexicons, statement, unquoted(words)) : null;
  const part = named ?? pointed?.part ?? echoed?.part;
  if (echoed && words) return { kind, part: echoed.part, edit: replaced(statement, echoed.part, echoed.index, asPart(echoed.part, unquoted(words))) };
  if (!part && kind === 'cut' && !named && absentFrom(lexicons, statement, target)) return { kind, unclear: true, absent: pointedWords(lexicons, target) };
  if (!part && kind === 'change' && words && entry.data.aimWhenAbsent && absentFrom(lexicons, statement, unquoted(target))) {
    // Only new words that can be an aim go to the aim: "until I see my coach" (a time, not an aim) is
    // a change to a part the statement never said, and the reply asks which part instead.
    if (!readsAsAim(unquoted(words))) return { kind, unclear: true, absent: unquoted(pointedWords(lexicons, target)) };
    return { kind, part: 'goals', edit: replaced(statement, 'goals', null, asPart('goals', words)), absent: unquoted(pointedWords(lexicons, target)) };
  }
  // "change Dana to Priya", "not Friday, Monday": words of one item swapped for new ones, the rest kept.
  // "The bit about six" points at the whole item: that one is replaced, not the word.
  const targetStart = match.indices?.groups?.target?.[0] ?? 0;
  const before = folded.text.slice(0, targetStart).trim().split(' ');
  const aboutBit = ABOUT.has(before.at(-1) ?? '') && BIT.has(before.at(-2) ?? '');
  const swapped = kind === 'change' && pointed && words && !aboutBit ? swappedWords(lexicons, statement, pointed, target, words) : null;
  if (swapped) return { kind, part: pointed!.part, edit: replaced(statement, pointed!.part, pointed!.index, swapped) };
  if (entry.data.needsTarget) return null;
  // "Change the first step to Tuesday AND Thursday, not just Tuesday": a few words edit the item in place.
  const single = part !== undefined && part !== 'firstExperiment' && statement[part].length === 1;
  if (kind === 'change' && part && words && (pointed || part === 'firstExperiment' || single)) {
    const index = pointed ? pointed.index : 0;
    const edited = partialEdit(itemText(statement, { part, index }), unquoted(words));
    if (edited) return { kind, part, edit: replaced(statement, part, index, edited) };
  }
  if (!part || (kind !== 'cut' && !words)) return { kind, unclear: true };
  // "cut anything about the cafés from the first experiment": only the clause that speaks of them goes
  // when the item says other things too ("put the new prices online and tell the cafés" keeps its first half).
  const trimmed = kind === 'cut' && pointed ? withoutPiecesAbout(itemText(statement, pointed), (piece) => pointers(lexicons, target).some((word) => stemsOf(piece).has(word))) : null;
  const value = kind === 'cut' ? trimmed : asPart(part, words!);
  if (value !== null && value.length < 2) return { kind, unclear: true };
  return { kind, part, edit: replaced(statement, part, pointed ? pointed.index : null, value) };
}

function itemText(statement: Statement, item: { part: StatementPart; index: number }): string {
  return item.part === 'firstExperiment' ? statement.firstExperiment : (statement[item.part][item.index] ?? '');
}

