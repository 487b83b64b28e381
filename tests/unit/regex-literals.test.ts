import { describe, expect, it } from 'vitest';
import crisis from '../../content/lexicon/crisis.json' with { type: 'json' };
import crisisSafe from '../../content/lexicon/crisis-safe.json' with { type: 'json' };
import { compileLexicon, lexiconText } from '../../server/understand/lexicon.js';
import { LiteralIndex, requiredLiterals } from '../../server/understand/regex-literals.js';

// The prefilter in front of the crisis screen's patterns (server/understand/regex-literals.ts) may
// only ever rule out an expression that cannot match: a wrong "no" would hide words of crisis.

describe('requiredLiterals', () => {
  it('reads the literal words every match needs', () => {
    expect(requiredLiterals(/\b(?:want|wish) to die\b/iu)).toEqual(['want to die', 'wish to die']);
    expect(requiredLiterals(/(?<!not )\bhopeless(?:ness)?\b/iu)).toEqual(['hopeless', 'hopelessness']);
    // A positive lookahead's words must be in the text too.
    expect(requiredLiterals(/^(?=.*\bwill\b).*$/iu)).toEqual(['will']);
  });

  it('gives up on what it does not follow or what needs no word', () => {
    expect(requiredLiterals(/\w+ ?/iu)).toBeNull();
    expect(requiredLiterals(/(?:die)?/iu)).toBeNull();
    expect(requiredLiterals(/die|\d+/iu)).toBeNull();
    expect(requiredLiterals(/die/i)).toBeNull(); // not unicode mode: not read
  });
});

describe('LiteralIndex', () => {
  it('rules out only expressions whose words are absent, and never for text beyond ASCII', () => {
    const index = new LiteralIndex([/\bwant to die\b/iu, /\bend it all\b/giu, /\w+/iu]);
    expect(index.mayMatch('i want to die')).toEqual([true, false, true]);
    expect(index.mayMatch('I WANT TO END IT ALL')).toEqual([false, true, true]);
    // Under /iu the Kelvin sign folds to k: any non-ASCII text runs every expression.
    expect(index.mayMatch('\u212Aill me')).toEqual([true, true, true]);
  });

  it.each([
    ['crisis', crisis],
    ['crisis-safe', crisisSafe],
  ])('never rules out an entry of %s on its own examples', (name, document) => {
    const lexicon = compileLexicon(name, document);
    const index = new LiteralIndex(lexicon.entries.map((entry) => entry.regex));
    for (const [position, entry] of lexicon.entries.entries()) {
      for (const example of entry.data.match) {
        const form = lexiconText(example);
        if (entry.regex.test(form)) expect(index.mayMatch(form)[position], `${entry.id}: ${example}`).toBe(true);
      }
    }
  });
});
