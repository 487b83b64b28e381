import { describe, expect, it } from 'vitest';
import { compileLexicon, entriesById, lexiconText } from '../../server/understand/lexicon.js';
import { lexiconNames, readLexiconDocument } from '../../server/content/lexicon-files.js';

/**
 * The one generic test for language knowledge: every entry of every file in content/lexicon
 * matches each of its `match` sentences and none of its `noMatch` sentences.
 */
describe.each(lexiconNames())('lexicon %s', (name) => {
  const lexicon = compileLexicon(name, readLexiconDocument(name));
  it.each(lexicon.entries.map((entry) => [entry.id, entry] as const))('%s matches its examples and only those', (_id, entry) => {
    const missed = entry.data.match.filter((sentence) => !entry.regex.test(lexiconText(sentence)));
    const wrong = entry.data.noMatch.filter((sentence) => entry.regex.test(lexiconText(sentence)));
    expect({ missed, wrong }).toEqual({ missed: [], wrong: [] });
  });
});

describe('lexicon files', () => {
  it('there is at least one', () => {
    expect(lexiconNames().length).toBeGreaterThan(0);
  });
  it('a bad pattern or a missing example is a clear error', () => {
    expect(() => compileLexicon('x', { description: 'd', entries: [{ id: 'a', pattern: '(', match: ['a'], noMatch: ['b'] }] })).toThrow(/entry a: invalid pattern/);
    expect(() => compileLexicon('x', { description: 'd', entries: [{ id: 'a', pattern: 'a', match: [], noMatch: ['b'] }] })).toThrow(/lexicon x/);
  });
  it('an entry the code reads by id must be there', () => {
    const lexicon = compileLexicon('x', { description: 'd', entries: [{ id: 'a', pattern: 'a', match: ['a'], noMatch: ['b'] }] });
    expect(entriesById(lexicon, ['a']).a.id).toBe('a');
    expect(() => entriesById(lexicon, ['a', 'b'])).toThrow(/lexicon x: missing entry b/);
  });
});
