import { describe, expect, it } from 'vitest';
import { coachContent } from '../helpers/content.js';
import { readCorrection } from '../../server/understand/corrections.js';
import { partialEdit } from '../../server/understand/partial-edits.js';
import type { Statement } from '../../server/domain/schemas.js';

const STEP = "tell Jas (my senior tech) that 2-3 on Tuesdays is protected and she's first point for the counter";
const statement = {
  goals: ['finish work at work'],
  needs: [],
  successIndicators: ["I'm not opening my work laptop after the kids are in bed"],
  firstExperiment: STEP,
  text: `I want to finish work at work. I'll know it's working by this: I'm not opening my work laptop after the kids are in bed. My first experiment: ${STEP}.`,
} as unknown as Statement;

/** The first experiment a reading writes, or '' when it writes none. */
function editedStep(reading: unknown): string {
  return (reading as { edit?: { firstExperiment?: string } } | null)?.edit?.firstExperiment ?? '';
}

describe('a change asked in a few words edits the item in place', () => {
  it.each([
    ["Change the first step to Tuesday AND Thursday, not just Tuesday, one day won't tell me anything.", '2-3 on Tuesday and Thursday is protected'],
    ['change the step to Mondays not Tuesdays', '2-3 on Mondays is protected'],
    ['make the step 2-4 instead', '2-4 on Tuesdays is protected'],
  ])('%s', (text, expected) => {
    const reading = readCorrection(coachContent.corrections, text, statement);
    expect(reading?.part).toBe('firstExperiment');
    const step = editedStep(reading);
    expect(step).toContain(expected);
    // The rest of the step is kept.
    expect(step).toMatch(/^tell Jas .* first point for the counter$/);
  });

  it('new words that are a whole step replace it', () => {
    const reading = readCorrection(coachContent.corrections, 'change the first step to ring Jas on Monday', statement);
    expect(editedStep(reading)).toBe('ring Jas on Monday');
  });

  it('finds no place for words the item does not share', () => {
    expect(partialEdit('ring my cousin on Friday', 'a long walk')).toBeNull();
    expect(partialEdit('ring my cousin on Friday', 'Saturday instead of Friday')).toBe('ring my cousin on Saturday');
  });
});

describe('an edit that names no part goes to the item its words echo', () => {
  const cards = { goals: [], needs: [], successIndicators: [], firstExperiment: 'drop off cards', text: 'My first experiment: drop off cards.' } as unknown as Statement;

  it('"can it say drop cards and say hi though" rewrites the step', () => {
    const reading = readCorrection(coachContent.corrections, 'yeah thats ok i guess. can it say drop cards and say hi though. if im going in anyway i might as well', cards);
    expect(reading?.part).toBe('firstExperiment');
    expect(editedStep(reading)).toBe('drop cards and say hi');
  });

  it('"can you say that again?" is no edit', () => {
    expect(readCorrection(coachContent.corrections, 'can you say that again?', cards)).toBeNull();
  });
});
