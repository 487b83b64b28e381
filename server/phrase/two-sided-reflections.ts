import { readClause } from '../understand/clause-reader.js';
import { toSecondPerson } from '../understand/paraphrase.js';
import { lowerStart, wholeClause } from './reflection-clauses.js';
import { contentWords, lowerFirst, shorten, splitSentences, stripFinalPunctuation, stripLeadingFiller } from '../understand/text.js';

/** The two sides of an ambivalence, for the complex reflection that gives both back. */

const CONTRAST = /\s*(?:,\s*)?\b(?:but|although|though|yet|however|on the other hand|at the same time|and yet)\b\s*/i;

/** The kinds of clause that say something of the client's own wants, feelings or views (server/understand/clause-reader.ts). */
const INNER_KINDS: ReadonlySet<string> = new Set(['opinion', 'feeling', 'wish', 'hope', 'difficulty', 'struggle']);

/** Splits an ambivalent sentence ("I want to delegate, but I'm afraid it'll slip") into its two sides. */
export function twoSides(text: string): [string, string] | null {
  for (const sentence of splitSentences(text)) {
    const match = CONTRAST.exec(sentence);
    if (!match || match.index === 0) continue;
    const first = stripFinalPunctuation(stripLeadingFiller(sentence.slice(0, match.index)));
    const second = stripFinalPunctuation(sentence.slice(match.index + match[0].length));
    // Each side says something of its own ("I want to delegate more", "I'm afraid it will slip"), and the two together more than a word each.
    const [firstWords, secondWords] = [contentWords(first).length, contentWords(second).length];
    if (firstWords >= 1 && secondWords >= 1 && firstWords + secondWords >= 3 && first.split(' ').length >= 3 && second.split(' ').length >= 3) {
      // Each side whole or not at all: a side cut mid-clause ("asked for your view on") reads as a glitch.
      const sideA = wholeClause(first, 14);
      const sideB = wholeClause(second, 14);
      // A pull both ways is in the client: a want, a feeling, a view or a difficulty on one side at
      // least. Two facts joined by "but" ("I didn't call my brothers, but she said to stay with my
      // aunt") are a story, not mixed feelings.
      const inner = [sideA, sideB].some((side) => side !== null && INNER_KINDS.has(readClause(side).kind));
      if (sideA && sideB && inner) return [lowerStart(toSecondPerson(sideA)), lowerStart(toSecondPerson(sideB))];
    }
  }
  return null;
}

/** Wish and difficulty in one message ("I want to delegate. I'm scared it'll slip."): the two sides. */
export function wishAndDifficulty(text: string): [string, string] | null {
  if (!/\b(?:want|wanna|like|love)\b/i.test(text) || !/\b(?:struggl\w*|can't|cant|cannot|hard|difficult|tough|feel|felt|scared|afraid|worried|anxious)\b/i.test(text)) return null;
  const clauses = splitSentences(text).map((sentence) => readClause(shorten(sentence, 18)));
  const wish = clauses.find((clause) => clause.kind === 'wish');
  const hard = clauses.find((clause) => clause.kind === 'difficulty' || clause.kind === 'struggle' || clause.kind === 'feeling');
  if (!wish || !hard) return null;
  const a = `you'd like ${stripFinalPunctuation(wish.body)}`;
  const b = hard.kind === 'difficulty' ? `it's hard to ${stripFinalPunctuation(hard.body)}` : hard.kind === 'struggle' ? `you're struggling with ${stripFinalPunctuation(hard.body)}` : lowerFirst(stripFinalPunctuation(hard.body));
  return contentWords(a).length >= 1 && contentWords(b).length >= 1 ? [a, b] : null;
}
