import { compileLexicon, entriesById, LexiconError, lexiconText, type LexiconEntry } from './lexicon.js';

/**
 * The patterns of a content/lexicon file for code that reads a sentence's shape (the clause
 * reader, the slot finders): each is an entry with the sentences it must and must not match,
 * which tests/unit/lexicon.test.ts checks like every lexicon's. The code matches them against its
 * own form of the text (standard spelling, apostrophes kept), so these files write an apostrophe
 * as `'?` where the word without it is no other word ("don'?t"), and keep it where it is ("we're").
 *
 * The documents are imported with the module (a JSON import, no file read at run time) because
 * their readers are called from parts that are not handed the content; a bad pattern or a missing
 * entry stops the start with a `LexiconError` naming the file and the entry.
 */
export function wordPatterns<Id extends string>(name: string, document: unknown, ids: readonly Id[]): Record<Id, RegExp> {
  const entries = entriesById(compileLexicon(name, document), ids);
  return Object.fromEntries(ids.map((id) => [id, entries[id].regex])) as Record<Id, RegExp>;
}

/** The same pattern with the global flag, for replacing or finding every match. */
export function everyMatch(pattern: RegExp): RegExp {
  return new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`);
}

/** An entry read as a set of single words (in lexicon form): it must list `words`, not a pattern. */
export function wordSet(name: string, entry: LexiconEntry<unknown>): Set<string> {
  if (!entry.data.words) throw new LexiconError(`lexicon ${name}, entry ${entry.id}: give words, not a pattern`);
  return new Set(entry.data.words.map(lexiconText));
}

/** The word lists of a content/lexicon file, by entry id (see `wordSet`), imported with the module as `wordPatterns`' are. */
export function wordSets<Id extends string>(name: string, document: unknown, ids: readonly Id[]): Record<Id, Set<string>> {
  const entries = entriesById(compileLexicon(name, document), ids);
  return Object.fromEntries(ids.map((id) => [id, wordSet(name, entries[id])])) as Record<Id, Set<string>>;
}
