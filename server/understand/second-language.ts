import { compileLexicon, matchingEntries } from './lexicon.js';
import secondLanguage from '../../content/lexicon/second-language.json' with { type: 'json' };

/**
 * Whether a message carries a mark of English as a second language ("I have 34 years", "she say I
 * should apply", "is good"): constructions a fluent speaker does not use, kept as data with examples
 * (content/lexicon/second-language.json). The session remembers the first mark (`apply.ts`), and
 * from then on reflections do not give the client's clauses back word for word: a gate on single
 * clauses cannot know every learner construction, and an echoed one reads as the coach's own bad
 * grammar, or as mockery. Say less, never wrong: the coach names a feeling, gives back a short
 * phrase, or asks.
 */
const MARKS = compileLexicon('second-language', secondLanguage);

export function secondLanguageMark(text: string): string | null {
  return matchingEntries(MARKS, text)[0]?.id ?? null;
}
