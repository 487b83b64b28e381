import { isVerbLike, SKIPPABLE, swapVerb } from './verb-agreement.js';
import { type Unit, toUnits } from './word-units.js';
import { memoizeText } from './memo.js';

/**
 * The swap of first and second person behind `toSecondPerson` and `toFirstPerson` (see
 * `paraphrase.ts`): pronouns by table, "you" as subject ("I") or object ("me"), quoted speech left
 * as the client wrote it.
 */

const SIMPLE_SWAPS: Record<string, string> = {
  i: 'you',
  me: 'you',
  my: 'your',
  mine: 'yours',
  myself: 'yourself',
  we: 'you',
  us: 'you',
  our: 'your',
  ours: 'yours',
  ourselves: 'yourselves',
  your: 'my',
  yours: 'mine',
  yourself: 'myself',
  yourselves: 'ourselves',
  "i'm": "you're",
  "i've": "you've",
  "i'd": "you'd",
  "i'll": "you'll",
  "we're": "you're",
  "we've": "you've",
  "we'd": "you'd",
  "we'll": "you'll",
  "you're": "I'm",
  "you've": "I've",
  "you'd": "I'd",
  "you'll": "I'll",
  im: "you're",
  ive: "you've",
};

const PREPOSITIONS = new Set(['to', 'for', 'with', 'at', 'about', 'from', 'by', 'of', 'on', 'like', 'than', 'without', 'around', 'behind', 'against', 'toward', 'towards']);

function swapYou(units: Unit[], index: number): string {
  const previous = units[index - 1];
  let next = units[index + 1];
  let lookahead = index + 1;
  while (next && SKIPPABLE.has(next.lower) && lookahead < index + 3) next = units[++lookahead];
  if (previous && PREPOSITIONS.has(previous.lower) && !isVerbLike(next)) return 'me';
  if (isVerbLike(next) && !(next?.tags.has('Gerund') ?? false)) return 'I';
  // "Can you help", "are you sure": a question-inverted subject.
  if (previous && (previous.tags.has('Modal') || previous.tags.has('Auxiliary') || previous.tags.has('Copula')) && index - 1 === 0) return 'I';
  return 'me';
}

function matchCase(original: string, replacement: string, sentenceStart: boolean): string {
  if (replacement === 'I' || replacement.startsWith("I'")) return replacement;
  if (sentenceStart && /^[A-Z]/.test(original)) return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  return replacement;
}

/**
 * Swaps first and second person in `text`, keeping everything else (punctuation, spacing, names)
 * as the client wrote it. Applying it twice gives back the original wording in the common cases,
 * which lets the statement be rendered in the client's own voice from the coach's rendering.
 */
export const swapPerson: (text: string) => string = memoizeText((text) => swapPersonUncached(text));

/**
 * Quoted speech ("say 'I'm not sure'", "he said \"we'll see\"") stays as the client wrote it:
 * only the text around the quotes is swapped. An apostrophe followed by a letter is part of a word.
 */
const QUOTED = /(["\u201c][^"\u201c\u201d\n]+["\u201d])|((?:^|(?<=[\s(:]))['\u2018](?:[^'\u2018\u2019\n]|['\u2019](?=[A-Za-z]))+['\u2019](?![A-Za-z]))/g;

function swapPersonUncached(text: string): string {
  if (!/["'\u2018\u201c]/.test(text)) return swapPlain(text);
  let output = '';
  let cursor = 0;
  for (const match of text.matchAll(QUOTED)) {
    const before = text.slice(cursor, match.index);
    output += before ? swapPlain(before) : '';
    output += match[0];
    cursor = match.index + match[0].length;
  }
  return output + (cursor < text.length ? swapPlain(text.slice(cursor)) : '');
}

function swapPlain(text: string): string {
  if (!/\b(?:i|me|my|mine|myself|we|us|our|ours|ourselves|you|your|yours|yourself|yourselves|am|im|ive|id|u|ur|dont|cant|wont|doesnt|didnt|isnt|wasnt|arent|werent|havent|hasnt|hadnt|shouldnt|couldnt|wouldnt|thats|whats|theres|youre|youve|wanna|gonna|gotta|cuz|coz)\b/i.test(text.replace(/[\u2019\u02bc]/g, "'"))) return text;
  const units = toUnits(text);
  let output = '';
  let sentenceStart = true;
  units.forEach((unit, index) => {
    let replacement: string | null = null;
    // "I'd like us to …": the client and the coach together, so "us" stays ("you'd like us to …").
    if ((unit.lower === 'us' || unit.lower === 'we') && includesCoach(units, index)) replacement = unit.lower === 'us' ? 'us' : null;
    // "6am", "at 6 am": a time of day, not the verb ("you leave at 6are").
    else if (unit.lower === 'am' && afterNumber(units, index)) replacement = null;
    else if (unit.lower === 'you') replacement = units[index - 1]?.lower === 'thank' ? null : swapYou(units, index);
    else if (unit.lower in SIMPLE_SWAPS) replacement = SIMPLE_SWAPS[unit.lower]!;
    else replacement = swapVerb(units, index);
    // A first-person subject after a verb that now reads "you" ("am I" → "are you").
    const rendered = replacement === null ? (unit.fixed ?? unit.text) : matchCase(unit.text, replacement, sentenceStart);
    output += unit.pre + rendered + unit.post;
    sentenceStart = /[.!?]\s*$/.test(unit.post);
  });
  return output;
}

/** Whether the word comes right after a number ("6am", "6 am"). */
function afterNumber(units: Unit[], index: number): boolean {
  const isDigit = (character: string | undefined) => character !== undefined && character >= '0' && character <= '9';
  // Digits are not word units: they sit in the text between words, before this one.
  const between = index === 0 ? units[0]!.pre : units[index - 1]!.post;
  return isDigit(between.trimEnd().slice(-1));
}

/** "I'd like us to", "can we", "shall we", "let us": a "we" that means the client and the coach. */
function includesCoach(units: Unit[], index: number): boolean {
  const before = units.slice(Math.max(0, index - 3), index).map((unit) => unit.lower);
  if (units[index]!.lower === 'us') return before.some((word) => /^(?:i'd|i|let|want|like|love|help)$/.test(word)) && before.some((word) => /^(?:i'd|i|let)$/.test(word));
  const previous = before[before.length - 1];
  return previous === 'can' || previous === 'could' || previous === 'shall' || previous === 'should' ? index <= 2 : false;
}
