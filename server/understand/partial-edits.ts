import { compileLexicon, entriesById } from './lexicon.js';
import { wholeWordsAt, words as wordsOf } from './text.js';
import { startsWithVerb } from './wish-clause.js';
import partialEdits from '../../content/lexicon/partial-edits.json' with { type: 'json' };

/**
 * A change asked in a few words edits part of an item, not the whole of it: "Change the first step to
 * Tuesday AND Thursday, not just Tuesday" keeps "tell Jas that 2-3 on Tuesdays is protected" and
 * puts the new days where the old day was. The new words take the place of the old words they name
 * ("not Z", "instead of Z"), else of the word of the item they share ("Tuesday"), else of the one
 * figure in the item when they are a figure ("make the step 2-4 instead" over "2-3"). Null when the
 * new words are a whole part of their own (a step that opens with a verb) or nothing in the item
 * can be their place: the caller then replaces the item, or asks which part.
 */

const EDITS = entriesById(compileLexicon('partial-edits', partialEdits), ['contrast', 'piece-break', 'leading-join'] as const);
const CONTRAST = EDITS.contrast.regex;
/** Where an item splits into pieces, the joining words captured (so they sit at the odd places of a split). */
const PIECE_BREAK = EDITS['piece-break'].regex;
const LEADING_JOIN = EDITS['leading-join'].regex;

/** At most this many words edit part of an item; more are a new item. */
const PARTIAL_WORDS = 5;


/** Words too common to be the place of an edit. */
const COMMON = new Set(['and', 'or', 'the', 'a', 'an', 'to', 'of', 'on', 'in', 'at', 'for', 'my', 'with', 'not', 'just', 'only', 'both', 'also', 'too', 'then', 'it', 'is', 'be']);

export function partialEdit(item: string, words: string): string | null {
  const match = CONTRAST.exec(words.trim());
  // Short words said in capitals for stress ("Tuesday AND Thursday") are written plainly.
  const fresh = match?.groups?.new?.trim().split(' ').map((word) => (COMMON.has(word.toLowerCase()) ? word.toLowerCase() : word)).join(' ');
  if (!fresh || wordsOf(fresh).length > PARTIAL_WORDS || startsWithVerb(fresh) || item.trim() === '') return null;
  const old = match?.groups?.old?.trim();
  const place = (old ? findWords(item, old) : null) ?? sharedWord(item, fresh) ?? onlyFigure(item, fresh);
  if (!place) return null;
  return `${item.slice(0, place.start)}${fresh}${item.slice(place.end)}`;
}

interface Place {
  start: number;
  end: number;
}

/** Where `words` stand in the item as whole words, a plural "s" on either side allowed ("Tuesday" / "Tuesdays"). */
function findWords(item: string, words: string): Place | null {
  const lower = words.toLowerCase();
  const stem = lower.endsWith('s') ? lower.slice(0, -1) : lower;
  for (const form of [`${stem}s`, stem]) {
    const at = wholeWordsAt(item, form);
    if (at >= 0) return { start: at, end: at + form.length };
  }
  return null;
}

/** The first word of the new words, not a common one, that the item has too. */
function sharedWord(item: string, fresh: string): Place | null {
  for (const plain of wordsOf(fresh)) {
    if (plain.length < 3 || COMMON.has(plain.toLowerCase())) continue;
    const place = findWords(item, plain);
    if (place) return place;
  }
  return null;
}

/** The item's one figure ("2-3", "6pm"), when the new words are a figure too. */
function onlyFigure(item: string, fresh: string): Place | null {
  const hasDigit = (word: string) => [...word].some((character) => character >= '0' && character <= '9');
  if (!hasDigit(fresh) || fresh.split(' ').length > 2) return null;
  const figures = item.split(' ').filter(hasDigit);
  if (figures.length !== 1) return null;
  const start = item.indexOf(figures[0]!);
  return { start, end: start + figures[0]!.length };
}

/**
 * The item without its pieces (cut at commas, semicolons and joining words) that `about` holds, each
 * with the words that joined it ("be at home three nights a week without checking the group, and for
 * the station to be fine" loses only "without checking…"); null when every piece is about it, or none.
 */
export function withoutPiecesAbout(text: string, about: (piece: string) => boolean): string | null {
  const pieces = text.split(PIECE_BREAK);
  const drop = new Set<number>();
  for (let index = 0; index < pieces.length; index += 2) {
    if (!about(pieces[index]!)) continue;
    drop.add(index);
    // The joining words go with the piece: the ones before it, or after it when it comes first.
    drop.add(index > 0 ? index - 1 : index + 1);
  }
  const kept = pieces.filter((_, index) => !drop.has(index)).join('').trim();
  const clauses = pieces.filter((_, index) => index % 2 === 0 && pieces[index]!.trim() !== '');
  return drop.size > 0 && drop.size < pieces.length && kept !== '' && clauses.some((clause) => !about(clause)) ? kept.replace(LEADING_JOIN, '') : null;
}
