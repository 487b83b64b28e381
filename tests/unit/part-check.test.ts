import { describe, expect, it } from 'vitest';
import { loadPartCheck } from '../../server/content/load-acts.js';
import { checkedPart, partCheckExamples, partFault, withoutTrailingClause, type PartKind } from '../../server/understand/part-check.js';

/**
 * The statement's type check (content/lexicon/part-check.json): the examples of every entry that
 * code reads are whole parts, refused or kept for each kind the entry covers. (Pattern entries'
 * match/noMatch examples are run by the generic lexicon test.)
 */
const check = loadPartCheck();

describe.each(partCheckExamples(check).filter((entry) => entry.rejects.length + entry.keeps.length + entry.cuts.length > 0))('part-check entry $id', (entry) => {
  it.each(entry.kinds)('as a %s part, refuses its rejects and keeps its keeps', (kind: PartKind) => {
    const wronglyKept = entry.rejects.filter((text) => partFault(check, kind, text, entry.quotes[text]) === null);
    const wronglyRefused = entry.keeps.filter((text) => partFault(check, kind, text, entry.quotes[text]) !== null);
    expect({ wronglyKept, wronglyRefused }).toEqual({ wronglyKept: [], wronglyRefused: [] });
  });
});

describe.each(partCheckExamples(check).filter((entry) => entry.cuts.length > 0))('part-check entry $id, its cuts', (entry) => {
  it('cuts backstory after a comma only where it has its own subject', () => {
    for (const [whole, cut] of entry.cuts) expect(withoutTrailingClause(check, whole)).toBe(cut);
    for (const whole of entry.keeps) expect(withoutTrailingClause(check, whole)).toBe(whole);
  });
});

describe('a part read from what the client said', () => {
  it('keeps a step in their words and drops backstory after it', () => {
    const slot = { text: 'think about wholesale, three cafes ask you already for supply', own: 'think about wholesale, three cafes ask me already for supply', quote: 'I want to think about wholesale, three cafes ask me already for supply.', seq: 3 };
    expect(checkedPart(check, 'goal', slot)).toMatchObject({ own: 'think about wholesale', text: 'think about wholesale' });
  });
  it('refuses a consequence, a doubt or a question as the first experiment', () => {
    for (const own of ['get suspended and I would get kicked off the team', 'probably make the time, but it is easier to just keep working', 'question for you: does pre-wiring work']) {
      expect(checkedPart(check, 'experiment', { text: own, own, quote: own, seq: 1 })).toBeNull();
    }
  });
});

describe('a part too long to be one line of the statement', () => {
  it('keeps its first stretch when that stands as the part, and refuses the rest', () => {
    const own = "I'd have actually talked to two or three people about work, real conversations, not just liking their posts on LinkedIn every night";
    expect(checkedPart(check, 'success', { text: own, own, quote: own, seq: 4 })).toMatchObject({ own: "I'd have actually talked to two or three people about work" });
    const story = "our grandson Owen, he's nine, asked me what my job is now and I said Grandma and he said that's not a job, which, fair";
    expect(checkedPart(check, 'success', { text: story, own: story, quote: story, seq: 4 })).toBeNull();
  });
});
