import nlp from 'compromise';
import { z } from 'zod';
import { compileLexicon, escapeRegex } from './lexicon.js';
import stopWords from '../../content/lexicon/stop-words.json' with { type: 'json' };
import leadingFillers from '../../content/lexicon/leading-fillers.json' with { type: 'json' };
import abbreviations from '../../content/lexicon/abbreviations.json' with { type: 'json' };
import { splitOnSpaces, collapseSpaces } from './spaces.js';

/** Words at the start of a clause that carry no meaning (content/lexicon/leading-fillers.json, with its examples). */
const LEADING_FILLER = compileLexicon('leading-fillers', leadingFillers).entries[0]!.regex;

/**
 * Small text helpers shared by the understanding modules: sentence splitting that keeps the
 * client's exact words (quotes must be verbatim), and light normalisation for matching.
 */

/** A sentence: up to its end mark, past the stop of an abbreviation ("e.g.", "Eng. Kamau"; content/lexicon/abbreviations.json) or a decimal point. */
const SENTENCE = new RegExp(`(?:\\b(?:${compileLexicon('abbreviations', abbreviations).entries.flatMap((entry) => entry.data.words ?? []).map(escapeRegex).join('|')})\\.(?=\\s)|[^.!?;\\n]|(?<=\\d)\\.(?=\\d))+(?:[.!?]+|;|$)`, 'gi');

/** Splits a message into verbatim sentences (trimmed), keeping their punctuation. */
export function splitSentences(text: string): string[] {
  const pieces = collapseSpaces(text).trim().match(SENTENCE);
  if (!pieces) return [];
  return pieces.map((piece) => piece.trim()).filter((piece) => /[a-z0-9]/i.test(piece));
}

/** Lower-cases and straightens quotes so lexicon patterns can stay simple. */
export function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A letter or a digit: what a whole word may not have right before or after it. */
export function isWordCharacter(character: string | undefined): boolean {
  return character !== undefined && (character.toLowerCase() !== character.toUpperCase() || (character >= '0' && character <= '9'));
}

/** Where `words` first stand in `text` as whole words, case ignored; -1 when they do not. */
export function wholeWordsAt(text: string, words: string): number {
  const lower = text.toLowerCase();
  const wanted = words.toLowerCase();
  let at = lower.indexOf(wanted);
  while (at >= 0 && (isWordCharacter(lower[at - 1]) || isWordCharacter(lower[at + wanted.length]))) at = lower.indexOf(wanted, at + 1);
  return at;
}

/** Words of a text, lower-cased, for overlap measures. */
export function words(text: string): string[] {
  return normalize(text).match(/[a-z0-9']+/g) ?? [];
}

/**
 * Words that carry no content of their own (content/lexicon/stop-words.json, each list with its
 * examples): compared with the client's words as `words()` gives them, apostrophes kept. Pure: the
 * document is imported with the module, like the other word lists the core reads.
 */
const STOP_WORDS: ReadonlySet<string> = new Set(
  compileLexicon('stop-words', stopWords, z.object({ note: z.string().min(1) })).entries.flatMap((entry) => (entry.data.words ?? []).map((word) => normalize(word))),
);

/** Content words (no stop words), used to tell whether a reflection carries the client's content. */
export function contentWords(text: string): string[] {
  return words(text).filter((word) => word.length > 2 && !STOP_WORDS.has(word));
}

/** Drops filler at the start of a clause ("Well, honestly, I mean ...") so reflections start on meaning. */
export function stripLeadingFiller(text: string): string {
  let result = text.trim();
  for (let guard = 0; guard < 5 && LEADING_FILLER.test(result); guard++) result = result.replace(LEADING_FILLER, '').trim();
  return result;
}

/** Removes the final punctuation so a clause can be embedded in a stem. */
export function stripFinalPunctuation(text: string): string {
  return text.trim().replace(/[\s.!?;,:…]+$/u, '');
}

/** Cuts a clause to at most `maxWords` words, at a natural break when one is near. */
export function shorten(text: string, maxWords: number): string {
  const tokens = splitOnSpaces(text);
  if (tokens.length <= maxWords) return text;
  const head = tokens.slice(0, maxWords).join(' ');
  const breakAt = Math.max(head.lastIndexOf(','), head.lastIndexOf(';'), head.lastIndexOf(':'), head.lastIndexOf(' and '), head.lastIndexOf(' but '), head.lastIndexOf(' because '));
  if (breakAt > head.length * 0.5) return head.slice(0, breakAt);
  // No break late enough: a word limit that falls mid-phrase ("…by the end of the") leaves a clause
  // no one would say, so an earlier break is better when there is one, or at least no glue word last.
  if (breakAt > head.length * 0.25) return withoutTrailingComma(head.slice(0, breakAt));
  const words = head.split(' ');
  while (words.length > 1 && STOP_WORDS.has(normalize(words[words.length - 1]!))) words.pop();
  return words.join(' ');
}

/** "…embarrassed by," cut before "and": the comma left at the end goes too. */
function withoutTrailingComma(text: string): string {
  let cut = text.trimEnd();
  while (cut !== '' && ',;:'.includes(cut[cut.length - 1]!)) cut = cut.slice(0, -1).trimEnd();
  return cut;
}

/** Picks deterministically from a list: the same seq gives the same choice, neighbours differ. */
export function rotate<T>(items: readonly T[], seed: number): T {
  return items[((seed % items.length) + items.length) % items.length]!;
}

/** Upper-cases the first letter (sentence starts). */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Joins a list as "a, b and c". */
export function joinList(items: string[], conjunction = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** Lower-cases the start of a clause for embedding in a sentence, keeping "I", acronyms and names. */
export function lowerFirst(text: string): string {
  if (/^I\b/.test(text) || /^[A-Z]{2,}/.test(text)) return text;
  const first = text.split(/[\s,;:]/)[0] ?? '';
  if (/^[A-Z][a-z]+$/.test(first) && !COMMON_STARTS.has(first.toLowerCase()) && (looksLikeName(first) || actsLikeName(first, text))) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

const LEXICON = (nlp as unknown as { world(): { model: { one: { lexicon: Record<string, string> } } } }).world().model.one.lexicon;

/**
 * Whether a capitalised first word is a name (keep its capital) rather than an ordinary word that
 * only starts the sentence: compromise's lexicon knows names, days and months; a word it does not
 * know and that has no ordinary English ending is most likely a name too ("Priya").
 */
function looksLikeName(word: string): boolean {
  const lower = word.toLowerCase();
  const known = LEXICON[lower];
  if (known) return /Name|Person|Place|Organization|WeekDay|Month|Country|City/.test(known);
  // Unknown to the lexicon: names often end in a vowel (Priya, Dana, Kenji); ordinary nouns rarely do.
  return /[aiouy]$/.test(lower) && !COMMON_VOWEL_ENDINGS.has(lower);
}

/**
 * A short capitalised word the lexicon does not know, followed by a verb in the third person
 * ("Dev goes quiet", "Raj keeps missing"), is a name too; an ordinary noun keeps its suffix ("Feedback is").
 */
function actsLikeName(word: string, text: string): boolean {
  const lower = word.toLowerCase();
  if (LEXICON[lower] || word.length > 4 || /(?:tion|ment|ness|ity|ing|ance|ence|ship|back|work|ware|s)$/.test(lower)) return false;
  const next = splitOnSpaces(text.slice(word.length).trim())[0]?.toLowerCase() ?? '';
  return /^(?:is|was|has|does|doesn't|did|didn't|can|can't|will|won't|would|wouldn't|said|says|goes|went|keeps|kept|gets|got|seems|thinks|wants|never|always|just|still|told|asked|took|takes|makes|made|missed|misses|\w+s)$/.test(next) && !/^(?:this|its|his|us|as|yes|less|always|perhaps)$/.test(next);
}

const COMMON_STARTS = new Set(
  'you your yours it its it\'s this that there the a an my our we when if because since and but so then what how why where who which honestly really right maybe perhaps sometimes most some all every everything nothing nobody people lately recently last next at in on for with after before during once although though even just mostly usually often always never'.split(
    ' ',
  ),
);


const COMMON_VOWEL_ENDINGS = new Set('data agenda area idea media criteria ratio radio video menu portfolio quota camera drama formula extra trivia pizza visa sofa saga hiatus many any every only really mostly honestly usually probably maybe everybody nobody somebody anybody today story energy strategy policy quality priority delivery money company party team-a'.split(' '));

/** Chat typing's lower-case "i" ("i end up…", "i'm") as the written "I", for the statement. */
export function capitalizeI(text: string): string {
  return text.replace(/\bi(?=\b|'[a-z]+\b)/g, 'I');
}

/**
 * Words in quote marks, as typed: a quote opens after a space or the start, not inside a word
 * ("you've put 'A'": the apostrophe in "you've" opens nothing). What a client quotes (the coach's
 * words, the draft's) is not something they say of themselves.
 */
export const QUOTED_SPAN = /(?<!\p{L})["“‘']([^"“”‘’]+?)["”’'](?!\p{L})/gu;

/** The text with every quoted span taken out. */
export function withoutQuotes(text: string): string {
  return text.replace(QUOTED_SPAN, ' ');
}

/** The text without its questions: the sentences a reflection may give back ("does it have to be an actual date?" is not something they said). */
export function withoutQuestions(text: string): string {
  return splitSentences(text).filter((sentence) => !sentence.trim().endsWith('?')).join(' ');
}

/** Whether the sentence puts some words in quotes ('like this', not the apostrophe of "don't"). */
export function quotesWords(sentence: string): boolean {
  return withoutQuotes(sentence) !== sentence;
}

/** Whether the words stand wholly in quotes ("'and find out what the path looks like'"): words about the wording. */
export function wholeInQuotes(text: string): boolean {
  const trimmed = text.trim();
  const spans = [...trimmed.matchAll(QUOTED_SPAN)];
  return spans.length === 1 && spans[0]![0] === trimmed;
}
