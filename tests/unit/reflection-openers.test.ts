import { describe, expect, it } from 'vitest';
import { coachContent } from '../helpers/content.js';
import { frameReflection } from '../../server/phrase/framed-reflections.js';
import { openedRecently } from '../../server/phrase/reflection-stems.js';

/** Stock openers are not repeated within a few replies; with none fresh, no reflection is said. */
const bank = coachContent.phrases.reflections;
const FACT = 'My sister runs the Saturday market stall with me.';
const PARAPHRASE = 'your sister runs the Saturday market stall with you';

describe('reflection openers', () => {
  it('an opener used in any of the last three replies is not used again', () => {
    const said = ['So you start at six.', 'What matters most to you?', "You're saying the van broke down."];
    for (const seed of [0, 1, 2, 3, 4]) {
      const text = frameReflection(bank, FACT, PARAPHRASE, seed, said)?.text ?? '';
      expect(text).not.toMatch(/^So /);
      expect(text).not.toMatch(/^You're saying/);
    }
    expect(openedRecently('So {p}.', said)).toBe(true);
    expect(openedRecently('So {p}.', [...said, 'a', 'b', 'c'])).toBe(false);
  });

  it('with every opener of the kind used lately, the sentence is not given back at all', () => {
    const openers = bank.framed.fact.map((stem) => stem.replace('{p}', 'something else happened'));
    // Every stem of the kind opened one of the last three replies (three stems to a reply at most).
    const said = [openers.slice(0, 2).join(' '), openers.slice(2, 4).join(' '), openers.slice(4).join(' ')];
    expect(frameReflection(bank, FACT, PARAPHRASE, 0, said)).toBeNull();
  });

  it('"you know …" is never put after a comma, where it reads as the filler', () => {
    for (const seed of [0, 1, 2, 3, 4]) {
      const text = frameReflection(bank, 'I know the build inside out.', 'you know the build inside out', seed, [])?.text ?? '';
      expect(text).not.toMatch(/, you know/);
    }
  });
});
