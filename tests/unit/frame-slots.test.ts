import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fillerFits, FrameSlotsSchema, misfilledFrame } from '../../server/phrase/frame-slots.js';
import { coachContent } from '../helpers/content.js';

const document = FrameSlotsSchema.parse(JSON.parse(readFileSync(new URL('../../content/phrases/frame-slots.json', import.meta.url), 'utf8')));
const slots = coachContent.verify.frames;

describe('the shapes of reflection slots (content/phrases/frame-slots.json)', () => {
  for (const [kind, examples] of Object.entries(document.examples)) {
    it(`${kind}: its examples pass and fail as written`, () => {
      const kindName = kind as 'clause' | 'action' | 'phrase';
      expect({
        wronglyRefused: examples.pass.filter((filler) => !fillerFits(slots, kindName, filler)),
        wronglyAllowed: examples.fail.filter((filler) => fillerFits(slots, kindName, filler)),
      }).toEqual({ wronglyRefused: [], wronglyAllowed: [] });
    });
  }
});

describe('a reflection frame filled with words of the wrong shape', () => {
  it.each([
    // From transcripts of real and scripted clients: frames filled with fragments.
    'In other words, the main thing is.',
    "You're going to you try something one week, you see.",
    "Okay: you'll conversation with her by the twenty-eighth.",
    "You're feeling uncertain: no, sorry, it's not that you're scared of her exactly.",
    "So no, no, is not about the accent only: that's a limit any plan has to respect.",
    "So, from what you've said, it sounds like everything is urgent and the main thing is.",
  ])('is refused: %s', (sentence) => {
    expect(misfilledFrame(slots, sentence)).toBe(true);
  });

  it.each([
    "So we'll check in every week.",
    'Okay: you\'ll email Priya by Friday.',
    "So what you're telling me is the rota is the problem.",
    "You'd know it's working when you see home by 7 most nights.",
    'What would you like to be different?',
  ])('a well-filled frame, or a sentence of no frame, passes: %s', (sentence) => {
    expect(misfilledFrame(slots, sentence)).toBe(false);
  });
});
