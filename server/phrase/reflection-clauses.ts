import { toSecondPerson } from '../understand/paraphrase.js';
import { contentWords, stripFinalPunctuation, stripLeadingFiller } from '../understand/text.js';
import { splitOnSpaces } from '../understand/spaces.js';

/** The client's words made ready for a stem: in the coach's voice, lower-cased, cut only where a clause ends. */

export function lowerStart(text: string): string {
  return /^I\b/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * A clause cut to at most `maxWords` words only at a natural break (a comma, "and", "but"), never
 * mid-phrase: null when no clean break leaves enough of it.
 */
export function wholeClause(text: string, maxWords: number): string | null {
  const clean = stripFinalPunctuation(text.trim()).replace(/[,;:]+$/, '');
  const tokens = splitOnSpaces(clean);
  if (tokens.length <= maxWords) return clean;
  const head = tokens.slice(0, maxWords + 1).join(' ');
  const cuts = [...head.matchAll(/,\s|;\s|\s(?:and|but|because|so)\s/g)].map((match) => match.index);
  const at = cuts.filter((index) => index !== undefined && splitOnSpaces(head.slice(0, index)).length >= 5).pop();
  return at === undefined ? null : stripFinalPunctuation(head.slice(0, at)).replace(/[,;:]+$/, '');
}

/** A client sentence in the coach's voice, lower-cased and without its opening filler ("also", "and"). */
export function voiced(quote: string): string {
  return lowerStart(toSecondPerson(stripFinalPunctuation(stripLeadingFiller(quote).replace(/^(?:also|plus|oh and|and also)\b[,\s]*/i, ''))));
}

/** Whether two clauses say mostly the same thing (most of the content words of the shorter are in the other). */
export function overlaps(first: string, second: string): boolean {
  const a = new Set(contentWords(first));
  const b = contentWords(second);
  return b.length > 0 && b.filter((word) => a.has(word)).length >= Math.max(2, Math.min(a.size, b.length) * 0.6);
}
